import GRDB

/// A loop with the stored text of the flow it was created under (`loop JOIN flow_version`).
struct LoopWithFlow: FetchableRecord, Sendable {
    let loop: LoopRecord
    /// `flow_version.definition`: parse it with `Ledger.storedFlow(_:loop:)`.
    let definition: String

    /// The `SELECT … FROM` part of every read of loops with their flows.
    static let selection = "SELECT loop.*, flow_version.definition FROM loop JOIN flow_version ON flow_version.id = loop.flow_version"

    /// `flow_version.definition`, the column the selection adds to the loop's.
    static let definitionColumn = Column("definition")

    init(row: Row) throws {
        loop = try LoopRecord(row: row)
        definition = try row.decode(forColumn: LoopWithFlow.definitionColumn)
    }
}

/// A loop with its flow and its input (`loop JOIN flow_version JOIN loop_input`).
struct LoopMaterial: FetchableRecord, Sendable {
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

    init(row: Row) throws {
        loop = try LoopRecord(row: row)
        input = try LoopInputRecord(row: row)
        definition = try row.decode(forColumn: LoopWithFlow.definitionColumn)
        outputGeneration = try row.decode(forColumn: "output_generation")
    }
}
