import GRDB
import JuryJSON

/// A row of `loop`: one human loop, its slots and its outcome (migrations 1 and 4).
///
/// The JSON columns (`consensus`, `escalation`) stay text here: `parsedConsensus()` and
/// `escalationSteps()` parse them and name the loop when they are broken (`LedgerColumn`).
struct LoopRecord: Codable, FetchableRecord, TableRecord, Sendable {
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
    enum OutputState: String, Codable, Sendable, DatabaseValueConvertible {
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

    /// Reads the columns by name, as `Decodable` would, without its decoder (the hot paths read loops
    /// by the page).
    /// - Throws: GRDB's `RowDecodingError` when a column is missing or holds a value of another type.
    init(row: Row) throws {
        func value<Value: DatabaseValueConvertible>(_ key: CodingKeys) throws -> Value { try row.decode(forColumn: key.rawValue) }
        (id, name, flow, flowVersion, team) = (try value(.id), try value(.name), try value(.flow), try value(.flowVersion), try value(.team))
        (taskType, status, failureCode, failureReason) = (try value(.taskType), try value(.status), try value(.failureCode), try value(.failureReason))
        (createdAt, deadline, taskCount, originalTaskCount) = (try value(.createdAt), try value(.deadline), try value(.taskCount), try value(.originalTaskCount))
        (leadSlot, timeLimit, minConfidence, verdicts, claims) = (try value(.leadSlot), try value(.timeLimit), try value(.minConfidence), try value(.verdicts), try value(.claims))
        (contentHash, completedAt, outputFolder, outputState) = (try value(.contentHash), try value(.completedAt), try value(.outputFolder), try value(.outputState))
        (consensus, adjudicator, escalation) = (try value(.consensus), try value(.adjudicator), try value(.escalation))
    }

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

extension LoopStatus: DatabaseValueConvertible {}
extension TaskType: DatabaseValueConvertible {}
