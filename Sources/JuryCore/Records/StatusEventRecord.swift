import GRDB
import JuryJSON

/// A row of `status_event`, the outbox: a loop's change to Completed, Failed or Stopped, with what its
/// event needs should the loop be deleted before it is sent (migration 5).
struct StatusEventRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "status_event"

    /// The event's sequence number (commit order).
    let id: Int64
    let loopId: Int64
    let loopName: String
    let flow: String
    let status: LoopStatus
    /// ms since 1970.
    let loopCreatedAt: Int64
    let failureCode: String?
    let failureReason: String?
    let outputFolder: String
    /// ms since 1970.
    let changedAt: Int64
    /// The event as first sent (JSON text); nil before then.
    let document: String?
    /// When its file in `events/` was on disk, ms since 1970.
    let spooledAt: Int64?

    enum CodingKeys: String, CodingKey {
        case id, flow, status, document
        case loopId = "loop_id", loopName = "loop_name", loopCreatedAt = "loop_created_at", failureCode = "failure_code"
        case failureReason = "failure_reason", outputFolder = "output_folder", changedAt = "changed_at", spooledAt = "spooled_at"
    }

    /// Reads the columns by name, as `Decodable` would, straight from the statement.
    /// - Throws: as `ColumnSource.value(_:)`.
    init(columns source: some ColumnSource) throws {
        id = try source.column(CodingKeys.id)
        loopId = try source.column(CodingKeys.loopId)
        loopName = try source.column(CodingKeys.loopName)
        flow = try source.column(CodingKeys.flow)
        status = try source.column(CodingKeys.status)
        loopCreatedAt = try source.column(CodingKeys.loopCreatedAt)
        failureCode = try source.column(CodingKeys.failureCode)
        failureReason = try source.column(CodingKeys.failureReason)
        outputFolder = try source.column(CodingKeys.outputFolder)
        changedAt = try source.column(CodingKeys.changedAt)
        document = try source.column(CodingKeys.document)
        spooledAt = try source.column(CodingKeys.spooledAt)
    }

    init(row: Row) throws { try self.init(columns: row) }

    /// The stored document, nil before the event was first sent.
    /// - Throws: `JuryError.invalidState` naming the loop when the text is not JSON.
    func parsedDocument() throws -> JSONValue? {
        try LedgerColumn.eventDocument.parseIfPresent(document, loop: loopName)
    }
}
