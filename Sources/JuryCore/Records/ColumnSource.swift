import GRDB
import GRDBSQLite

/// Where a record's columns are read from: a GRDB `Row`, or the current row of a statement that a
/// `ColumnCursor` steps. A column is found by name, case-insensitively, the leftmost of that name,
/// as GRDB finds it (`StatementColumns`).
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
    let columns: StatementColumns

    /// - Throws: `JuryError.invalidState` naming the column and the query.
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ name: String) throws -> Value {
        let statement = columns.statement
        guard let index = columns.index(of: name) else {
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

/// Finds a statement's columns by name for the rows a cursor reads. Records read their columns in
/// the order the statement returns them, so the column after the last one found (or the one after
/// that) is tried first: it counts when its name is the one asked for and no column before it can
/// have that name case-insensitively (their lengths or first letters differ; the names are all
/// ASCII). Otherwise GRDB's lookup decides (it lowercases the name and hashes it, about a thousand
/// instructions). The result is always GRDB's: the leftmost column of that name, case-insensitively.
final class StatementColumns {
    let statement: Statement
    private let names: [String]
    /// Per column, whether no column before it has its name length and lowercased first byte
    /// (`key(of:)`), so none can share its name case-insensitively.
    private let isFirstOfItsKey: [Bool]
    /// False when a column's name is not ASCII: then GRDB finds every column.
    private let triesExpected: Bool
    /// The position after the column last found.
    private var expected = 0

    init(_ statement: Statement) {
        self.statement = statement
        names = statement.columnNames
        var seen = Set<UInt32>()
        isFirstOfItsKey = names.map { seen.insert(Self.key(of: $0)).inserted }
        triesExpected = names.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// Two ASCII names equal but for case have the same key.
    private static func key(of name: String) -> UInt32 {
        let first = name.utf8.first ?? 0
        let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) ? first | 0x20 : first
        return UInt32(truncatingIfNeeded: name.utf8.count) << 8 | UInt32(lowered)
    }

    /// Starts over for the next row.
    func rewind() { expected = 0 }

    func index(of name: String) -> Int? {
        let found = expectedIndex(of: name) ?? statement.index(ofColumn: name)
        if let found { expected = found + 1 }
        return found
    }

    /// The expected position, or the one after it (a record skips a column it does not read, such as
    /// a generated one), when the name is there and only there so far.
    private func expectedIndex(of name: String) -> Int? {
        guard triesExpected else { return nil }
        for position in expected..<min(expected + 2, names.count) where names[position] == name {
            return isFirstOfItsKey[position] ? position : nil
        }
        return nil
    }
}

/// Steps a statement and reads a `Record` from each row, through `SteppedRow`.
final class ColumnCursor<Record: ColumnDecodable>: DatabaseCursor {
    typealias Element = Record
    let _statement: Statement
    var _isDone = false
    private let columns: StatementColumns

    /// Resets `statement` and binds `arguments`.
    /// - Throws: GRDB's error when the arguments do not fit the statement.
    init(statement: Statement, arguments: StatementArguments) throws {
        _statement = statement
        try statement.setArguments(arguments)
        columns = StatementColumns(statement)
    }

    /// Resets the statement, as GRDB's own cursors do, so that one left before its last row holds no
    /// read snapshot. (A failed last step makes the reset fail too; that failure was thrown already.)
    deinit {
        sqlite3_reset(_statement.sqliteStatement)
    }

    func _element(sqliteStatement: SQLiteStatement) throws -> Record {
        columns.rewind()
        return try Record(columns: SteppedRow(columns: columns))
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
