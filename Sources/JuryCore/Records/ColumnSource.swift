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
/// have that name case-insensitively (their lengths or first letters differ; the names up to it are
/// all ASCII). Otherwise GRDB's lookup decides (it lowercases the name and hashes it, about a thousand
/// instructions). The result is always GRDB's: the leftmost column of that name, case-insensitively.
///
/// The names are read from SQLite as they are needed, never copied into strings: a cursor made for
/// one row (most of the ledger's reads) pays for the columns it reads only.
final class StatementColumns {
    let statement: Statement
    private let count: Int
    private var scanned = ScannedColumns()
    /// The position after the column last found.
    private var expected = 0

    init(_ statement: Statement) {
        self.statement = statement
        count = Int(sqlite3_column_count(statement.sqliteStatement))
        scanned.reserve(count)
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
        var name = name
        return name.withUTF8 { bytes in
            for position in expected..<min(expected + 2, count) {
                guard let columnName = sqlite3_column_name(statement.sqliteStatement, CInt(position)) else { return nil }
                guard Self.name(columnName, is: bytes) else { continue }
                scanned.scan(through: position, of: statement.sqliteStatement)
                return scanned.isOnlyOneOfItsName(position) ? position : nil
            }
            return nil
        }
    }

    /// Whether the NUL-terminated `columnName` is the bytes `name`, exactly.
    private static func name(_ columnName: UnsafePointer<CChar>, is name: UnsafeBufferPointer<UInt8>) -> Bool {
        for (offset, byte) in name.enumerated() where UInt8(bitPattern: columnName[offset]) != byte { return false }
        return columnName[name.count] == 0
    }
}

/// What is known of a statement's leading columns: their keys, read from SQLite as they are needed.
private struct ScannedColumns {
    /// The key (`key(of:)`) of each leading column scanned so far.
    private var keys: [UInt32] = []
    /// Per scanned column, whether no column before it has its key, so none can share its name
    /// case-insensitively.
    private var isFirstOfItsKey: [Bool] = []
    /// The position of the first column whose name is not ASCII, once scanned: from there on GRDB
    /// finds every column.
    private var firstNonASCII = Int.max

    mutating func reserve(_ count: Int) {
        keys.reserveCapacity(count)
        isFirstOfItsKey.reserveCapacity(count)
    }

    /// Whether no column up to the scanned `position` can share its name case-insensitively.
    func isOnlyOneOfItsName(_ position: Int) -> Bool {
        position < firstNonASCII && isFirstOfItsKey[position]
    }

    /// Reads the keys of the columns up to `position`.
    mutating func scan(through position: Int, of statement: SQLiteStatement) {
        while keys.count <= position {
            let column = keys.count
            let (key, isASCII) = sqlite3_column_name(statement, CInt(column)).map(Self.key(of:)) ?? (0, false)
            if !isASCII { firstNonASCII = min(firstNonASCII, column) }
            isFirstOfItsKey.append(!keys.contains(key))
            keys.append(key)
        }
    }

    /// Two ASCII names equal but for case have the same key: their length in bytes and lowercased first byte.
    private static func key(of name: UnsafePointer<CChar>) -> (key: UInt32, isASCII: Bool) {
        var (length, isASCII) = (0, true)
        while name[length] != 0 {
            if UInt8(bitPattern: name[length]) >= 0x80 { isASCII = false }
            length += 1
        }
        let first = UInt8(bitPattern: name[0])
        let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) ? first | 0x20 : first
        return (UInt32(truncatingIfNeeded: length) << 8 | UInt32(lowered), isASCII)
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
