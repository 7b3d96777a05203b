import Foundation
import GRDB

extension Ledger {
    /// Migration 10: every constant list of three values or more in a CHECK constraint or a trigger's
    /// condition (`status IN ('InProgress', …)`) becomes the chain of comparisons it means
    /// (`(status = 'InProgress' OR …)`).
    ///
    /// SQLite 3.40 evaluates such a list by filling a temporary b-tree with its values at every
    /// execution of a statement that checks it: admitting a loop filled six (the loop's task type,
    /// status and output state, its count's state, the audit row's action and the reviewer-activity
    /// trigger's condition), about a third of the loop's insert. A table's definition cannot be
    /// altered in place, so the tables' and triggers' definitions are rewritten in `sqlite_master`,
    /// as SQLite documents for changes that leave what is stored as it is ("Making Other Kinds Of
    /// Table Schema Changes": writable schema, then a new schema version).
    static func migrateToVersion10(_ db: Database) throws {
        let definitions = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for definition in definitions {
            let (type, name, sql): (String, String, String?) = (definition["type"], definition["name"], definition["sql"])
            guard let sql, case let rewritten = comparisonChains(in: sql), rewritten != sql else { continue }
            try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = ? AND name = ?", arguments: [rewritten, type, name])
        }
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
    }

    /// `sql` with each `NAME IN ('a', 'b', 'c'…)` of three quoted values or more (none of them holding
    /// a quote) written as `(NAME = 'a' OR NAME = 'b' OR NAME = 'c'…)`; lists of one or two values,
    /// which SQLite compares one by one already, are left as they are.
    static func comparisonChains(in sql: String) -> String {
        sql.replacing(#/(?<name>[A-Za-z_][A-Za-z_0-9.]*) IN \((?<values>'[^']*'(?:\s*,\s*'[^']*'){2,})\)/#) { match in
            let values = match.output.values.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            return "(" + values.map { "\(match.output.name) = \($0)" }.joined(separator: " OR ") + ")"
        }
    }
}
