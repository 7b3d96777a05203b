import GRDB
import JuryJSON

/// A row of `loop`: one human loop, its slots and its outcome (migrations 1 and 4).
///
/// The JSON columns (`consensus`, `escalation`) stay text here: `parsedConsensus()` and
/// `escalationSteps()` parse them and name the loop when they are broken (`LedgerColumn`).
struct LoopRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "loop"

    let id: Int64
    let name: String
    let flow: String
    /// The `flow_version` row the loop was created under.
    let flowVersion: Int64
    let team: String
    let taskType: TaskType
    let status: LoopStatus
    let failureCode: String?
    let failureReason: String?
    /// ms since 1970.
    let createdAt: Int64
    /// End of the availability lifetime, ms since 1970.
    let deadline: Int64
    /// Slots in all, escalations included.
    let taskCount: Int
    /// Slots the flow asked for before any escalation.
    let originalTaskCount: Int
    /// True when the slots still open are for a lead of the team.
    let leadSlot: Bool
    /// Lease length of a claim, seconds.
    let timeLimit: Int64
    let minConfidence: Double?
    let verdicts: Int
    let claims: Int
    let contentHash: Int64
    /// ms since 1970; set exactly when Completed.
    let completedAt: Int64?
    /// The output folder as stored (`QueueDirectory.resolve(_:)` makes it a URL).
    let outputFolder: String
    let outputState: OutputState
    let consensus: String?
    /// The lead whose verdict settled the loop, if one did.
    let adjudicator: String?
    let escalation: String?

    /// Where the loop's output file stands.
    enum OutputState: String, Codable, Sendable, StoredEnum {
        case none, pending, written
    }

    enum CodingKeys: String, CodingKey {
        case id, name, flow, team, status, deadline, verdicts, claims, consensus, adjudicator, escalation
        case flowVersion = "flow_version", taskType = "task_type", failureCode = "failure_code"
        case failureReason = "failure_reason", createdAt = "created_at", taskCount = "task_count"
        case originalTaskCount = "original_task_count", leadSlot = "lead_slot", timeLimit = "time_limit"
        case minConfidence = "min_confidence", contentHash = "content_hash", completedAt = "completed_at"
        case outputFolder = "output_folder", outputState = "output_state"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
    }

    /// Reads the columns by name, as `Decodable` would, straight from the statement (the hot paths read
    /// loops by the page and several times a verdict).
    /// - Throws: as `ColumnSource.value(_:)`.
    init(columns source: some ColumnSource) throws {
        id = try source.column(CodingKeys.id)
        name = try source.column(CodingKeys.name)
        flow = try source.column(CodingKeys.flow)
        flowVersion = try source.column(CodingKeys.flowVersion)
        team = try source.column(CodingKeys.team)
        taskType = try source.column(CodingKeys.taskType)
        status = try source.column(CodingKeys.status)
        failureCode = try source.column(CodingKeys.failureCode)
        failureReason = try source.column(CodingKeys.failureReason)
        createdAt = try source.column(CodingKeys.createdAt)
        deadline = try source.column(CodingKeys.deadline)
        taskCount = try source.column(CodingKeys.taskCount)
        originalTaskCount = try source.column(CodingKeys.originalTaskCount)
        leadSlot = try source.column(CodingKeys.leadSlot)
        timeLimit = try source.column(CodingKeys.timeLimit)
        minConfidence = try source.column(CodingKeys.minConfidence)
        verdicts = try source.column(CodingKeys.verdicts)
        claims = try source.column(CodingKeys.claims)
        contentHash = try source.column(CodingKeys.contentHash)
        completedAt = try source.column(CodingKeys.completedAt)
        outputFolder = try source.column(CodingKeys.outputFolder)
        outputState = try source.column(CodingKeys.outputState)
        consensus = try source.column(CodingKeys.consensus)
        adjudicator = try source.column(CodingKeys.adjudicator)
        escalation = try source.column(CodingKeys.escalation)
    }

    init(row: Row) throws { try self.init(columns: row) }

    /// Slots neither answered nor claimed (the generated `open_slots`).
    var openSlots: Int { taskCount - verdicts - claims }

    /// Reviewers added by escalation.
    var extraReviewers: Int { taskCount - originalTaskCount }

    /// The stored consensus block, nil when none was stored.
    /// - Throws: `JuryError.invalidState` when its text is not JSON.
    func parsedConsensus() throws -> JSONValue? {
        try LedgerColumn.consensus.parseIfPresent(consensus, loop: name)
    }

    /// The loop's escalation steps, oldest first (empty when it never escalated).
    /// - Throws: `JuryError.invalidState` when the stored text is not JSON.
    func escalationSteps() throws -> [JSONValue] {
        try LedgerColumn.escalation.parseIfPresent(escalation, loop: name)?.arrayValue ?? []
    }
}

extension LoopStatus: StoredEnum {}
extension TaskType: StoredEnum {}
