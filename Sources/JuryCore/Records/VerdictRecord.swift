import GRDB
import JuryJSON

/// A row of `verdict`: one reviewer's stored answer on a loop. `answer` and `metadata` hold JSON text.
struct VerdictRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "verdict"

    let loopId: Int64
    let reviewer: String
    /// When the reviewer claimed the task, ms since 1970.
    let acceptedAt: Int64
    /// ms since 1970.
    let submittedAt: Int64
    /// Seconds.
    let timeSpent: Double
    let answer: String
    let metadata: String

    enum CodingKeys: String, CodingKey {
        case reviewer, answer, metadata
        case loopId = "loop_id", acceptedAt = "accepted_at", submittedAt = "submitted_at", timeSpent = "time_spent"
    }

    /// Reads the columns by name, as `Decodable` would, straight from the statement.
    /// - Throws: as `ColumnSource.value(_:)`.
    init(columns source: some ColumnSource) throws {
        loopId = try source.column(CodingKeys.loopId)
        reviewer = try source.column(CodingKeys.reviewer)
        acceptedAt = try source.column(CodingKeys.acceptedAt)
        submittedAt = try source.column(CodingKeys.submittedAt)
        timeSpent = try source.column(CodingKeys.timeSpent)
        answer = try source.column(CodingKeys.answer)
        metadata = try source.column(CodingKeys.metadata)
    }

    init(row: Row) throws { try self.init(columns: row) }

    /// - Throws: `JuryError.invalidState` naming `loop` when the stored answer is not JSON.
    func parsedAnswer(loop: String) throws -> JSONValue {
        try LedgerColumn.answer.parse(answer, loop: loop)
    }

    /// The verdict as A2I's `humanAnswers` element.
    /// - Throws: `JuryError.invalidState` naming `loop` when the answer or the metadata is not JSON.
    func humanAnswer(loop: String) throws -> HumanAnswer {
        HumanAnswer(workerId: reviewer, acceptedAt: acceptedAt, submittedAt: submittedAt, timeSpentSeconds: timeSpent,
                    answerContent: try parsedAnswer(loop: loop), workerMetadata: try LedgerColumn.metadata.parse(metadata, loop: loop))
    }
}
