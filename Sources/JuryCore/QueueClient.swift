import Foundation
import JuryJSON

/// Everything people's tools ask of a queue: the workstation, the dashboard and the CLI see only this.
///
/// A client acts for one caller, whom the queue service identifies (the socket peer's login, or the
/// process's own on a personal queue); no call names the caller. Calls are synchronous, may block
/// on the service, and throw `JuryError` with a message for people.
public protocol QueueClient: AnyObject, Sendable {
    /// Who the service takes the caller for, their flows and the service's clock.
    func profile() throws -> CallerProfile
    /// The service's clock (the only one that counts for leases and durations).
    var now: Date { get }

    func claim(flow: String?, order: ClaimOrder) throws -> ClaimedTask?
    func claim(loop: String) throws -> ClaimedTask
    /// Gives the caller's claim back, or, for a lead, `reviewer`'s.
    func release(loop: String, of reviewer: String?) throws
    /// Answered once the verdict is durable.
    func submit(loop: String, answer: JSONValue, timeSpentSeconds: Double?) throws -> VerdictReceipt
    /// Replaces the caller's own verdict while its loop is InProgress (see `Ledger.amend`).
    func amend(loop: String, answer: JSONValue) throws -> VerdictReceipt
    /// Takes back the caller's own verdict while its loop is InProgress (see `Ledger.withdraw`).
    func withdraw(loop: String) throws
    /// The caller's own verdict on `loop`, alone in the result (to amend or withdraw it).
    /// - Throws: `JuryError.notFound` when the caller gave none.
    func ownVerdict(loop: String) throws -> LoopVerdicts
    /// Every verdict on `loop`, for a lead of its team.
    /// - Throws: `JuryError.forbidden` for anyone else.
    func loopVerdicts(loop: String) throws -> LoopVerdicts
    /// One page of the caller's queue (`Ledger.queueEntries`); `filter` keeps the loops it matches.
    func queueEntries(flow: String?, order: ClaimOrder, limit: Int, after: QueuePosition?, filter: QueueFilter?) throws -> [QueueEntry]
    func taskMaterial(loop: String) throws -> TaskMaterial
    /// The bytes of the loop's image or document, read by the service under its object roots (or
    /// why not); nil when the task names none.
    func media(loop: String) throws -> MediaFile?
    /// The caller's figures since `since`.
    func reviewerDay(since: Date) throws -> ReviewerDay
    /// The caller's own verdicts since `since`, newest first, at most `limit` (the service keeps it to 1-500);
    /// the totals cover all of them.
    func reviewerHistory(since: Date, limit: Int) throws -> ReviewerHistory

    /// The caller's own drafts, oldest first.
    func drafts() throws -> [StoredDraft]
    func saveDraft(_ draft: StoredDraft) throws
    func deleteDraft(loop: String) throws

    func list(_ query: LoopQuery) throws -> LoopPage
    func describe(loop: String) throws -> JSONValue
    func statistics(dayStart: Date) throws -> QueueStatistics
    func attention(limit: Int) throws -> [AttentionItem]
    /// Loops of the teams the caller leads whose names start with `prefix`, by name (at most `limit`).
    /// - Throws: `JuryError.forbidden` when the caller leads no team.
    func findLoops(prefix: String, limit: Int) throws -> [LoopSummary]
    /// Where `loop` stands and its audit trail, for a lead of its team.
    /// - Throws: `JuryError.forbidden` for anyone else.
    func loopTrail(loop: String) throws -> LoopTrail
    /// A lead's action on a loop; returns what happened, in words.
    func perform(_ action: LoopAction, loop: String, reviewer: String?) throws -> String
    /// Starts a loop when one of `flow`'s activation conditions holds (A2I's StartHumanLoop).
    func startLoop(flow: String, name: String, input: JSONValue) throws -> StartedLoop
    /// `jury submit`: builds the loop's input from a model's prediction (for AWS flows, the service's response
    /// with its request and metadata), names the loop by content unless `name` is given, then `startLoop`.
    func submitPrediction(flow: String, name: String?, prediction: JSONValue, serviceRequest: JSONValue?, metadata: JSONValue?) throws -> StartedLoop
    /// Moves the inbox's files into the ledger now.
    func ingest() throws -> IngestSummary
    /// Removes files ingested more than `olderThanDays` ago (leads only); returns how many went.
    func prune(olderThanDays: Double) throws -> Int
    /// Recomputes the consensus of `flow`'s completed loops (leads only); with `write`, rewrites the outputs
    /// that change (see `Ledger.recomputeConsensus`), else only says what would change.
    func recomputeConsensus(flow: String, method: String, write: Bool) throws -> ConsensusRecomputation
    /// One page of completed loops as corrections for retraining (leads: their teams' loops; the queue's owner:
    /// every loop); see `Ledger.correctionPage` and `CorrectionExport`.
    func exportPage(_ query: ExportQuery) throws -> ExportPage
}

/// Who the caller is to the queue.
public struct CallerProfile: Sendable, Equatable, Codable {
    public let login: String
    public let teams: [String]
    public let isLead: Bool
    /// The flows of the caller's teams, by name.
    public let flows: [FlowSummary]
    /// The queue's workforce file, for messages that name it.
    public let workforcePath: String
    /// The service's clock when it answered, ms since 1970.
    public let serviceTime: Int64

    public init(login: String, teams: [String], isLead: Bool, flows: [FlowSummary], workforcePath: String, serviceTime: Int64) {
        (self.login, self.teams, self.isLead, self.flows) = (login, teams, isLead, flows)
        (self.workforcePath, self.serviceTime) = (workforcePath, serviceTime)
    }
}

/// A flow as a reviewer's tools show it.
public struct FlowSummary: Equatable, Sendable, Codable {
    public var name: String
    public var taskType: TaskType
    /// The flow's `ConfidenceThreshold`, percent.
    public var threshold: Double

    public init(name: String, taskType: TaskType, threshold: Double) {
        self.name = name
        self.taskType = taskType
        self.threshold = threshold
    }
}

/// A reviewer's unsent verdict as the service keeps it: the workstation's draft document, opaque here.
public struct StoredDraft: Sendable, Equatable, Codable {
    public let loop: String
    /// The draft document's bytes (at most `StoredDraft.maximumBytes`).
    public let body: Data
    /// ms since 1970, by the service's clock when saved.
    public let savedAt: Int64

    /// A draft larger than this is refused.
    public static let maximumBytes = 1 << 20

    public init(loop: String, body: Data, savedAt: Int64 = 0) {
        (self.loop, self.body, self.savedAt) = (loop, body, savedAt)
    }
}

/// A lead's actions on one loop.
public enum LoopAction: String, Sendable, Codable, CaseIterable {
    case stop, delete, reopen, adjudicate, releaseClaim = "release-claim"
}

/// What `startLoop` did.
public struct StartedLoop: Sendable, Equatable, Codable {
    public let started: Bool
    public let loopName: String
    /// Why a human is needed (or that no condition held), in words.
    public let reasons: [String]
    /// A2I's `humanTaskActivationConditionResults`.
    public let activationResults: JSONValue
    /// True when the same loop existed already (an idempotent retry).
    public let duplicate: Bool

    public init(started: Bool, loopName: String, reasons: [String], activationResults: JSONValue, duplicate: Bool) {
        (self.started, self.loopName, self.reasons) = (started, loopName, reasons)
        (self.activationResults, self.duplicate) = (activationResults, duplicate)
    }
}

/// What an ingest pass did, as clients see it.
public struct IngestSummary: Sendable, Equatable, Codable {
    public struct Refusal: Sendable, Equatable, Codable {
        public let file: String
        public let reason: String
    }

    public let created: Int
    public let duplicates: Int
    /// How many files were rejected; `rejected` lists the first `IngestReport.listLimit`.
    public let rejectedCount: Int
    public let rejected: [Refusal]
    /// How many files were left in the inbox for a later pass; `left` lists the first `IngestReport.listLimit`, with why.
    public let leftCount: Int
    public let left: [Refusal]
    /// Flow files that do not load, in words.
    public let brokenFlows: [String]

    public init(report: IngestReport, brokenFlows: [String]) {
        created = report.createdCount
        duplicates = report.duplicateCount
        rejectedCount = report.rejectedCount
        rejected = report.rejected.map { Refusal(file: $0.file, reason: $0.rejection.description) }
        leftCount = report.leftCount
        left = report.left.map { Refusal(file: $0.file, reason: $0.reason) }
        self.brokenFlows = brokenFlows
    }
}
