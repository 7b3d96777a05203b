import GRDB

extension Database {
    /// Executes `sql` through the statement cache: the ledger's statements are few and run often.
    func run(sql: String, arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// The first row `sql` returns, through the statement cache.
    func fetchRow(sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    /// Every row `sql` returns, through the statement cache.
    func fetchRows(sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    /// The first row `sql` returns as a `Record`, through the statement cache (`ColumnCursor`).
    /// - Throws: the database's error, or `JuryError.invalidState` when a column does not decode.
    func fetchRecord<Record: ColumnDecodable>(_ type: Record.Type, sql: String, arguments: StatementArguments = []) throws -> Record? {
        try ColumnCursor<Record>(statement: cachedStatement(sql: sql), arguments: arguments).next()
    }

    /// Every row `sql` returns as a `Record`, in order, through the statement cache (`ColumnCursor`).
    /// - Throws: as `fetchRecord(_:sql:arguments:)`.
    func fetchRecords<Record: ColumnDecodable>(_ type: Record.Type, sql: String, arguments: StatementArguments = []) throws -> [Record] {
        try Array(ColumnCursor<Record>(statement: cachedStatement(sql: sql), arguments: arguments))
    }

    /// The first column of the first row `sql` returns, through the statement cache.
    func fetchValue<Value: DatabaseValueConvertible & StatementColumnConvertible>(
        _ type: Value.Type, sql: String, arguments: StatementArguments = []
    ) throws -> Value? {
        try Value.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    /// Appends one audit row.
    func audit(_ action: String, loop: String, actor: String, at: Int64, detail: String? = nil) throws {
        try run(
            sql: "INSERT INTO audit(at, actor, action, loop_name, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [at, actor, action, loop, detail])
    }
}
