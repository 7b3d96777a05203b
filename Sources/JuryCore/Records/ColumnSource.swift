import GRDB
import GRDBSQLite

/// Where a record's columns are read from: a GRDB `Row`, or the current row of a statement that a
/// `ColumnCursor` steps. A column is found by name, case-insensitively, the leftmost of that name,
/// as GRDB finds it.
protocol ColumnSource {
    /// The value of the column `name`, read straight from the statement where the source has one.
    /// A missing column gives nil for an optional value.
    /// - Throws: when the column is missing (for a non-optional value), NULL for a non-optional value,
    ///   or holds a value `Value` does not take (text that is none of a `StoredEnum`'s raw values).
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ name: String) throws -> Value
}

extension ColumnSource {
    /// `value(_:)` of the column a coding key names.
    func column<Value: DatabaseValueConvertible & StatementColumnConvertible, Key: RawRepresentable<String>>(_ key: Key) throws -> Value {
        try value(key.rawValue)
    }
}

/// A record read from any `ColumnSource`: the ledger's reads step statements without making a `Row`
/// (GRDB builds a dictionary of the statement's column names for every `Row` it makes, which costs
/// more than reading a loop's 25 columns).
protocol ColumnDecodable {
    /// - Throws: as `ColumnSource.value(_:)`.
    init(columns source: some ColumnSource) throws
}

extension Row: ColumnSource {
    /// - Throws: GRDB's `RowDecodingError`.
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ name: String) throws -> Value {
        try decode(forColumn: name)
    }
}

/// The row a statement is on after a successful step; valid until the next step.
struct SteppedRow: ColumnSource {
    let statement: Statement

    /// - Throws: `JuryError.invalidState` naming the column and the query.
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ name: String) throws -> Value {
        guard let index = statement.index(ofColumn: name) else {
            if let absent = Value.fromMissingColumn() { return absent }
            throw JuryError.invalidState("the ledger query \(statement.sql) has no column \(name)")
        }
        let position = CInt(index)
        guard let value = Value.fromStatement(statement.sqliteStatement, atUncheckedIndex: position) else {
            let found = DatabaseValue(sqliteStatement: statement.sqliteStatement, index: position)
            throw JuryError.invalidState("the ledger's column \(name) holds \(found), not a value of type \(Value.self)")
        }
        return value
    }
}

/// Steps a statement and reads a `Record` from each row, through `SteppedRow`.
final class ColumnCursor<Record: ColumnDecodable>: DatabaseCursor {
    typealias Element = Record
    let _statement: Statement
    var _isDone = false

    /// Resets `statement` and binds `arguments`.
    /// - Throws: GRDB's error when the arguments do not fit the statement.
    init(statement: Statement, arguments: StatementArguments) throws {
        _statement = statement
        try statement.setArguments(arguments)
    }

    /// Resets the statement, as GRDB's own cursors do, so that one left before its last row holds no
    /// read snapshot. (A failed last step makes the reset fail too; that failure was thrown already.)
    deinit {
        sqlite3_reset(_statement.sqliteStatement)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Record {
        try Record(columns: SteppedRow(statement: _statement))
    }
}

/// A string enum stored as its raw value in a TEXT column, read from a statement without a `DatabaseValue`.
protocol StoredEnum: RawRepresentable<String>, DatabaseValueConvertible, StatementColumnConvertible {}

extension StoredEnum {
    /// Nil (a value mismatch) when the text is none of the raw values.
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        self.init(rawValue: String(sqliteStatement: sqliteStatement, index: index))
    }
}
