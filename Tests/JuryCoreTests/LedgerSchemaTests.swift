import Foundation
import GRDB
@testable import JuryCore
import Testing

@Suite struct LedgerSchemaTests {
    /// Statements every admission, claim and completion runs, with the triggers they fire.
    static let writes = [
        """
        INSERT INTO loop(name, flow, flow_version, team, task_type, status, created_at, deadline, task_count,
                         original_task_count, time_limit, min_confidence, content_hash, output_folder)
        VALUES ('l', 'tickets', 1, 'support', 'classification', 'InProgress', 1, 2, 3, 3, 60, 0.5, 7, 'out')
        """,
        "INSERT INTO audit(at, actor, action, loop_name) VALUES (1, 'ana', 'claim', 'l')",
        "UPDATE loop SET claims = claims + 1 WHERE name = 'l'",
        "UPDATE loop SET status = 'Completed', completed_at = 3 WHERE name = 'l'",
        "INSERT INTO status_event(loop_id, loop_name, flow, status, loop_created_at, output_folder, changed_at) VALUES (1, 'l', 'tickets', 'Failed', 1, 'out', 2)",
    ]

    /// A ledger's database in a temporary file, migrated up to `migration` (all of them when nil).
    private static func database(upTo migration: String? = nil) throws -> (DatabaseQueue, URL) {
        let url = FileManager.default.temporaryDirectory.appending(path: "jury-schema-\(UUID().uuidString).sqlite")
        let database = try DatabaseQueue(path: url.path)
        if let migration { try Ledger.migrator.migrate(database, upTo: migration) } else { try Ledger.migrator.migrate(database) }
        return (database, url)
    }

    /// How many temporary b-trees the statements fill, triggers included (`OpenEphemeral` in their programs).
    private static func temporaryTrees(_ database: DatabaseQueue) throws -> Int {
        try database.read { db in
            try writes.reduce(0) { count, sql in
                try count + Row.fetchAll(db, sql: "EXPLAIN " + sql).filter { ($0["opcode"] as String?) == "OpenEphemeral" }.count
            }
        }
    }

    @Test("lists of three values or more become comparisons; shorter lists, numbers and other text stay")
    func comparisonChains() {
        #expect(Ledger.comparisonChains(in: "CHECK (status IN ('a', 'b', 'c'))") == "CHECK ((status = 'a' OR status = 'b' OR status = 'c'))")
        #expect(Ledger.comparisonChains(in: "WHEN NEW.action IN ('claim',\n     'release','verdict') BEGIN")
                == "WHEN (NEW.action = 'claim' OR NEW.action = 'release' OR NEW.action = 'verdict') BEGIN")
        for unchanged in ["CHECK (lead_slot IN (0, 1, 2))", "CHECK (state IN ('a', 'b'))", "x IN (SELECT name FROM t)", "CHECK (n >= 0)"] {
            #expect(Ledger.comparisonChains(in: unchanged) == unchanged)
        }
    }

    @Test("an admission, a claim and a completion fill no temporary b-tree, and the checks still refuse what they refused")
    func writesFillNoTemporaryTrees() throws {
        let (database, url) = try Self.database()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Self.temporaryTrees(database) == 0)
        try database.write { db in
            try db.execute(sql: "INSERT INTO flow_version(id, name, definition) VALUES (1, 'tickets', '{}')")
            try db.execute(sql: Self.writes[0])
        }
        for refused in ["INSERT INTO audit(at, actor, action, loop_name) VALUES (1, 'ana', 'bogus', 'l')",
                        "UPDATE loop SET status = 'Paused' WHERE name = 'l'", "UPDATE loop SET task_type = 'essay' WHERE name = 'l'",
                        "UPDATE loop SET output_state = 'lost' WHERE name = 'l'"] {
            #expect(throws: DatabaseError.self, "\(refused)") { try database.write { db in try db.execute(sql: refused) } }
        }
        let statuses = try database.read { db in try String.fetchAll(db, sql: "SELECT status || task_type || output_state FROM loop") }
        #expect(statuses == ["InProgressclassificationnone"])
    }

    @Test("a ledger of migration 9 is rewritten in place: its rows kept, its integrity whole")
    func olderLedgersAreRewritten() throws {
        let (database, url) = try Self.database(upTo: "9-verdict-time-covering")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try Self.temporaryTrees(database) > 0)
        try database.write { db in
            try db.execute(sql: "INSERT INTO flow_version(id, name, definition) VALUES (1, 'tickets', '{}')")
            try db.execute(sql: Self.writes[0])
            try db.execute(sql: Self.writes[1])
        }
        try Ledger.migrator.migrate(database)
        #expect(try Self.temporaryTrees(database) == 0)
        let (integrity, loops, reviewers) = try database.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try String.fetchAll(db, sql: "SELECT name FROM loop"),
             try String.fetchAll(db, sql: "SELECT reviewer FROM reviewer_activity"))
        }
        #expect(integrity == ["ok"])
        #expect(loops == ["l"])
        #expect(reviewers == ["ana"])
    }
}
