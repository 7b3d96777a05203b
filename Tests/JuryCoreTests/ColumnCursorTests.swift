import GRDB
import GRDBSQLite
import Testing
@testable import JuryCore

/// The ledger's reads step statements through `ColumnCursor`: the same values as GRDB's `Row`, clear
/// errors for columns that do not fit, and statements left reset.
@Suite struct ColumnCursorTests {
    struct Sample: ColumnDecodable, Equatable {
        let id: Int64
        let label: String?
        let status: LoopStatus
        let weight: Double?

        init(columns source: some ColumnSource) throws {
            (id, label, status, weight) = (try source.value("ID"), try source.value("label"), try source.value("status"), try source.value("weight"))
        }

        init(id: Int64, label: String?, status: LoopStatus, weight: Double?) {
            (self.id, self.label, self.status, self.weight) = (id, label, status, weight)
        }
    }

    let database: DatabaseQueue

    init() throws {
        database = try DatabaseQueue()
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE sample(id INTEGER PRIMARY KEY, label TEXT, status TEXT, weight REAL, other INTEGER);
                INSERT INTO sample VALUES (1, 'first', 'InProgress', 0.25, 7), (2, NULL, 'Completed', NULL, 8);
                """)
        }
    }

    @Test func readsEveryRowAsGRDBsRowDoes() throws {
        let sql = "SELECT id, label, status, weight FROM sample ORDER BY id"
        let stepped = try database.read { db in try db.fetchRecords(Sample.self, sql: sql) }
        let throughRows = try database.read { db in try Row.fetchAll(db, sql: sql).map { try Sample(columns: $0) } }
        #expect(stepped == [Sample(id: 1, label: "first", status: .inProgress, weight: 0.25),
                            Sample(id: 2, label: nil, status: .completed, weight: nil)])
        #expect(stepped == throughRows)
    }

    @Test func aNameTwiceInOneRowIsItsLeftmostColumnWhateverOrderItIsReadIn() throws {
        let sql = "SELECT 5.5 AS weight, id, label, status, weight, 'late' AS label FROM sample ORDER BY id"
        let stepped = try database.read { db in try db.fetchRecords(Sample.self, sql: sql) }
        let throughRows = try database.read { db in try Row.fetchAll(db, sql: sql).map { try Sample(columns: $0) } }
        #expect(stepped == [Sample(id: 1, label: "first", status: .inProgress, weight: 5.5),
                            Sample(id: 2, label: nil, status: .completed, weight: 5.5)])
        #expect(stepped == throughRows)
    }

    @Test func aNameTwiceButForCaseIsItsLeftmostColumn() throws {
        let sql = "SELECT 5.5 AS WEIGHT, id, label, status, weight FROM sample ORDER BY id"
        let stepped = try database.read { db in try db.fetchRecords(Sample.self, sql: sql) }
        let throughRows = try database.read { db in try Row.fetchAll(db, sql: sql).map { try Sample(columns: $0) } }
        #expect(stepped.map(\.weight) == [5.5, 5.5])
        #expect(stepped == throughRows)
    }

    @Test func aColumnNameThatIsNotASCIIHandsTheLookupToGRDBFromThereOn() throws {
        let sql = "SELECT id, 2.5 AS \"wéight\", label, status, weight FROM sample ORDER BY id"
        let stepped = try database.read { db in try db.fetchRecords(Sample.self, sql: sql) }
        let throughRows = try database.read { db in try Row.fetchAll(db, sql: sql).map { try Sample(columns: $0) } }
        #expect(stepped.map(\.weight) == [0.25, nil])
        #expect(stepped == throughRows)
    }

    @Test func aMissingOptionalColumnIsNilAndAMissingRequiredOneIsNamed() throws {
        let withoutWeight = try database.read { db in try db.fetchRecord(Sample.self, sql: "SELECT id, label, status FROM sample WHERE id = 1") }
        #expect(withoutWeight == Sample(id: 1, label: "first", status: .inProgress, weight: nil))
        let sql = "SELECT label, status FROM sample"
        #expect(throws: JuryError.invalidState("the ledger query \(sql) has no column ID")) {
            try database.read { db in try db.fetchRecord(Sample.self, sql: sql) }
        }
    }

    @Test func aValueOfTheWrongKindIsNamed() throws {
        try database.write { db in try db.execute(sql: "UPDATE sample SET status = 'Lost' WHERE id = 2") }
        #expect(throws: JuryError.invalidState("the ledger's column status holds \"Lost\", not a value of type LoopStatus")) {
            try database.read { db in try db.fetchRecords(Sample.self, sql: "SELECT * FROM sample") }
        }
        try database.write { db in try db.execute(sql: "UPDATE sample SET status = NULL WHERE id = 1") }
        #expect(throws: JuryError.invalidState("the ledger's column status holds NULL, not a value of type LoopStatus")) {
            try database.read { db in try db.fetchRecord(Sample.self, sql: "SELECT * FROM sample WHERE id = 1") }
        }
    }

    @Test func aCursorLeftBeforeItsLastRowResetsItsStatement() throws {
        let sql = "SELECT * FROM sample ORDER BY id"
        let (first, busy, again) = try database.read { db -> (Int64?, CInt, Int64?) in
            let first = try db.fetchRecord(Sample.self, sql: sql)?.id
            let busy = sqlite3_stmt_busy(try db.cachedStatement(sql: sql).sqliteStatement)
            return (first, busy, try db.fetchRecord(Sample.self, sql: sql)?.id)
        }
        #expect(first == 1)
        #expect(busy == 0)
        #expect(again == 1)
    }
}
