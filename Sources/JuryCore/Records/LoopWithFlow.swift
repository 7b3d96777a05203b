import GRDB

/// A loop with the stored text of the flow it was created under (`loop JOIN flow_version`).
struct LoopWithFlow: ColumnDecodable, FetchableRecord, Sendable {
    let loop: LoopRecord
    /// `flow_version.definition`: parse it with `Ledger.storedFlow(_:loop:)`.
    let definition: String

    /// The `SELECT … FROM` part of every read of loops with their flows.
    static let selection = "SELECT loop.*, flow_version.definition FROM loop JOIN flow_version ON flow_version.id = loop.flow_version"

    /// `flow_version.definition`, the column the selection adds to the loop's.
    static let definitionColumn = Column("definition")

    init(columns source: some ColumnSource) throws {
        loop = try LoopRecord(columns: source)
        definition = try source.value(LoopWithFlow.definitionColumn.name)
    }

    init(row: Row) throws { try self.init(columns: row) }
}

/// A loop with its flow and its input (`loop JOIN flow_version JOIN loop_input`).
struct LoopMaterial: ColumnDecodable, FetchableRecord, Sendable {
    let loop: LoopRecord
    let input: LoopInputRecord
    let definition: String
    /// How many times the loop's output was made pending (`Ledger.schemaVersion8`).
    let outputGeneration: Int64

    /// The `SELECT … FROM` part of every read of loops with their flows and inputs.
    static let selection = """
        SELECT loop.*, flow_version.definition, loop_input.* FROM loop JOIN flow_version ON flow_version.id = loop.flow_version
        JOIN loop_input ON loop_input.loop_id = loop.id
        """

    init(columns source: some ColumnSource) throws {
        loop = try LoopRecord(columns: source)
        input = try LoopInputRecord(columns: source)
        definition = try source.value(LoopWithFlow.definitionColumn.name)
        outputGeneration = try source.value("output_generation")
    }

    init(row: Row) throws { try self.init(columns: row) }
}
