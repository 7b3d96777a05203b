import Foundation
import JuryCore

/// What the workstation needs from the engine. `Ledger` provides it (`LedgerReviewService`); tests may
/// fake it. Calls are synchronous and may throw `JuryError` with a message for people.
public protocol ReviewService: AnyObject {
    /// The engine's clock.
    var now: Date { get }
    func ingestInbox() throws
    func queueEntries(reviewer: String, flow: String?, order: ClaimOrder, limit: Int, after: QueuePosition?) throws -> [QueueEntry]
    func claim(reviewer: String, flow: String?, order: ClaimOrder) throws -> ClaimedTask?
    func claim(loop: String, reviewer: String) throws -> ClaimedTask
    func release(loop: String, reviewer: String) throws
    func taskMaterial(loop: String) throws -> TaskMaterial
    func submit(loop: String, reviewer: String, answer: JSONValue) throws -> VerdictReceipt
    func reviewerDay(reviewer: String, since: Date) throws -> ReviewerDay
}

/// The engine's ledger as a `ReviewService`, ingesting the inbox with the queue's flows.
public final class LedgerReviewService: ReviewService {
    public let ledger: Ledger

    public init(ledger: Ledger) { self.ledger = ledger }

    public var now: Date { ledger.time.now }

    public func ingestInbox() throws {
        let pending = (try? FileManager.default.contentsOfDirectory(atPath: ledger.queue.inboxURL.path))?.contains { !$0.hasPrefix(".") }
        guard pending == true else { return }
        _ = try Ingest(ledger: ledger, flows: ledger.queue.loadFlows().flows).run()
    }

    public func queueEntries(reviewer: String, flow: String?, order: ClaimOrder, limit: Int, after: QueuePosition?) throws -> [QueueEntry] {
        try ledger.queueEntries(reviewer: reviewer, flow: flow, order: order, limit: limit, after: after)
    }

    public func claim(reviewer: String, flow: String?, order: ClaimOrder) throws -> ClaimedTask? {
        try ledger.claim(reviewer: reviewer, flow: flow, order: order)
    }

    public func claim(loop: String, reviewer: String) throws -> ClaimedTask {
        try ledger.claim(loop: loop, reviewer: reviewer)
    }

    public func release(loop: String, reviewer: String) throws {
        try ledger.release(loop: loop, reviewer: reviewer)
    }

    public func taskMaterial(loop: String) throws -> TaskMaterial {
        try ledger.taskMaterial(loop: loop)
    }

    public func submit(loop: String, reviewer: String, answer: JSONValue) throws -> VerdictReceipt {
        try ledger.submit(loop: loop, reviewer: reviewer, answer: answer)
    }

    public func reviewerDay(reviewer: String, since: Date) throws -> ReviewerDay {
        try ledger.reviewerDay(reviewer: reviewer, since: since)
    }

    /// The reviewer's flows (their teams'), by name, for the queue's filter and thresholds.
    public func flows(of reviewer: String) -> [FlowSummary] {
        let teams = Set(ledger.workforce.teams(of: reviewer))
        return ledger.queue.loadFlows().flows.values.filter { teams.contains($0.team) }.sorted { $0.name < $1.name }
            .map { FlowSummary(name: $0.name, taskType: $0.taskType, threshold: $0.confidenceThreshold) }
    }
}
