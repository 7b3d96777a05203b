import JuryJSON

/// A JSON column of the ledger, for reading its text back and naming it when that text is broken.
struct LedgerColumn: Sendable {
    let table: String
    let column: String

    static let answer = LedgerColumn(table: "verdict", column: "answer")
    static let metadata = LedgerColumn(table: "verdict", column: "metadata")
    static let consensus = LedgerColumn(table: "loop", column: "consensus")
    static let escalation = LedgerColumn(table: "loop", column: "escalation")
    static let activation = LedgerColumn(table: "loop_input", column: "activation")
    static let inputContent = LedgerColumn(table: "loop_input", column: "input_content")
    static let classifiers = LedgerColumn(table: "loop_input", column: "classifiers")
    static let definition = LedgerColumn(table: "flow_version", column: "definition")
    static let skills = LedgerColumn(table: "flow_skill", column: "skills")
    static let eventDocument = LedgerColumn(table: "status_event", column: "document")

    /// Parses the column's stored text, read for `loop`.
    /// - Throws: `JuryError.invalidState` (`unreadable(loop:)`) when the text is not JSON: a broken ledger
    ///   is reported, never read as `null`.
    func parse(_ text: String, loop: String) throws -> JSONValue {
        do { return try JSONValue.parse(text) } catch { throw unreadable(loop: loop) }
    }

    /// `parse(_:loop:)` of a nullable column: NULL stays nil.
    func parseIfPresent(_ text: String?, loop: String) throws -> JSONValue? {
        try text.map { try parse($0, loop: loop) }
    }

    /// The error for this column of `loop` holding NULL where a document must be.
    func missing(loop: String) -> JuryError {
        .invalidState("the ledger's \(table).\(column) of loop \(loop) is missing; restore jury.sqlite from a backup (docs/deployment.md)")
    }

    /// The error for this column's text of `loop` that is not JSON.
    func unreadable(loop: String) -> JuryError {
        .invalidState("the ledger's \(table).\(column) of loop \(loop) is not valid JSON; restore jury.sqlite from a backup (docs/deployment.md)")
    }
}
