import GRDB
import JuryJSON

/// A row of `loop_input`: what the producer sent for a loop, and how its activation conditions came out.
/// The columns hold JSON text; the `parsed…` methods read it, naming the loop when it is broken.
struct LoopInputRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "loop_input"

    let loopId: Int64
    let flowArn: String?
    /// The producer's InputContent, as sent.
    let inputContent: String
    /// A JSON array of the request's content classifiers.
    let classifiers: String
    /// The activation conditions' results, as Jury evaluated them.
    let activation: String

    enum CodingKeys: String, CodingKey {
        case classifiers, activation
        case loopId = "loop_id", flowArn = "flow_arn", inputContent = "input_content"
    }

    /// Reads the columns by name, as `Decodable` would, straight from the statement.
    /// - Throws: as `ColumnSource.value(_:)`.
    init(columns source: some ColumnSource) throws {
        loopId = try source.column(CodingKeys.loopId)
        flowArn = try source.column(CodingKeys.flowArn)
        inputContent = try source.column(CodingKeys.inputContent)
        classifiers = try source.column(CodingKeys.classifiers)
        activation = try source.column(CodingKeys.activation)
    }

    init(row: Row) throws { try self.init(columns: row) }

    enum Columns {
        static let loopId = Column(CodingKeys.loopId)
    }

    /// - Throws: `JuryError.invalidState` naming `loop` when the text is not JSON (so for the others).
    func parsedInput(loop: String) throws -> JSONValue {
        try LedgerColumn.inputContent.parse(inputContent, loop: loop)
    }

    func parsedActivation(loop: String) throws -> JSONValue {
        try LedgerColumn.activation.parse(activation, loop: loop)
    }

    /// The classifiers' names (an element that is not a string is left out, as it was never stored).
    func parsedClassifiers(loop: String) throws -> [String] {
        try LedgerColumn.classifiers.parse(classifiers, loop: loop).arrayValue?.compactMap(\.stringValue) ?? []
    }
}
