import Foundation
import JuryCore
import JuryJSON
import Synchronization

/// The queue service: the one implementation of every request a client can make, and the only writer
/// of the ledger. `jury serve` puts it behind the queue's socket; a personal queue runs it in-process.
///
/// The caller is who the operating system says (see `Caller`); on a demo queue a request may act for
/// a named reviewer instead. Claims and verdicts go through a group commit.
public final class QueueService: Sendable {
    public let ledger: Ledger
    let groupCommit: GroupCommit
    /// StartHumanLoop's admissions, several a transaction.
    /// The flows StartHumanLoop reads, parsed again only when their files change.
    let flowCatalog: FlowCatalog
    /// Whether the queue was made with `jury init --demo` (read once: the setting never changes).
    let isDemo: Bool
    /// The group whose members may start loops through the service (`jury init --producers`).
    let producersGroup: String?
    /// The account that owns the queue (the service's own).
    let owner: uid_t
    /// Whether each write call ends by spooling the status events it caused (a service with no
    /// maintenance turns: a personal queue's, in-process).
    let spoolsEventsAfterWrites: Bool

    /// - Parameters:
    ///   - owner: the account that owns the queue.
    ///   - maximumVerdictsPerCommit: how many waiting writes one transaction takes at most (1 turns group
    ///     commit off, for comparison).
    ///   - spoolsEventsAfterWrites: spool status events at the end of each write call, for a service that
    ///     runs no `ServiceMaintenance`.
    public init(ledger: Ledger, owner: uid_t = geteuid(), maximumVerdictsPerCommit: Int = 512, spoolsEventsAfterWrites: Bool = false) throws {
        self.ledger = ledger
        groupCommit = GroupCommit(ledger: ledger, maximumBatch: max(1, maximumVerdictsPerCommit))
        flowCatalog = FlowCatalog(queue: ledger.queue)
        isDemo = try ledger.isDemo()
        producersGroup = try ledger.setting("producers")
        self.owner = owner
        self.spoolsEventsAfterWrites = spoolsEventsAfterWrites
    }

    /// Verdict transactions committed since the service started; with concurrent verdicts, fewer than
    /// the verdicts stored (group commit).
    public var verdictCommits: Int { groupCommit.commits.load(ordering: .relaxed) }

    /// Stops the verdict and admission writers after the work already queued.
    public func shutdown() {
        groupCommit.shutdown()
    }

    /// Performs `call` for `caller`, or for `actingAs` on a demo queue.
    /// - Returns: the call's result as JSON (see `QueueConnection` for each call's type).
    /// - Throws: `JuryError`; `.forbidden` for `actingAs` on a queue that is not a demo queue.
    public func perform(_ call: ServiceCall, caller: Caller, actingAs: String? = nil) throws -> JSONValue {
        let login = try identity(of: caller, actingAs: actingAs)
        if ledger.isReadOnly, !call.onlyReads {
            throw JuryError.forbidden("\(ledger.queue.root.path) is read-only here: list, describe and stats work, \(call.name) does not")
        }
        defer {
            // An event that cannot be spooled stays in the outbox for the next call (or `jury serve`).
            if spoolsEventsAfterWrites, !call.onlyReads { _ = try? ledger.spoolStatusEvents() }
        }
        do {
            return try perform(call, caller: caller, login: login)
        } catch let error as EncodingError {
            throw JuryError.io("the reply could not be encoded: \(error)")
        }
    }

    private func identity(of caller: Caller, actingAs: String?) throws -> String {
        guard let actingAs else { return caller.login }
        guard isDemo else {
            throw JuryError.forbidden("acting as another reviewer (--reviewer) is only accepted on demo queues (`jury init --demo`); here you act as \(caller.login)")
        }
        return actingAs
    }

    private func perform(_ call: ServiceCall, caller: Caller, login: String) throws -> JSONValue {
        let encoder = JSONValueEncoder()
        switch call {
        case .profile: return try encoder.encode(profile(of: login))
        case .claimNext(let flow, let order): return try encoder.encode(groupCommit.claim(reviewer: login, flow: flow, order: order))
        case .claimLoop(let loop): return try encoder.encode(ledger.claim(loop: loop, reviewer: login))
        case .release(let loop, let reviewer): try release(loop: loop, of: reviewer, by: login)
        case .submitVerdict(let loop, let answer, let seconds):
            let arrivedAt = Timestamp.milliseconds(ledger.time.now)
            return try encoder.encode(groupCommit.submit(VerdictSubmission(loop: loop, reviewer: login, answer: answer, timeSpentSeconds: seconds,
                                                                           arrivedAt: arrivedAt)))
        case .amendVerdict(let loop, let answer): return try encoder.encode(ledger.amend(loop: loop, reviewer: login, answer: answer))
        case .withdrawVerdict(let loop): try ledger.withdraw(loop: loop, reviewer: login)
        case .ownVerdict(let loop): return try encoder.encode(try member(login) { try ledger.ownVerdict(loop: loop, reviewer: login) })
        case .loopVerdicts(let loop): return try encoder.encode(ledger.loopVerdicts(loop: loop, lead: login))
        case .queuePage(let flow, let order, let limit, let after, let filter):
            return try encoder.encode(ledger.queueEntries(reviewer: login, flow: flow, order: order, limit: min(max(limit, 1), 500), after: after,
                                                          filter: filter))
        case .taskMaterial(let loop): return try encoder.encode(try member(login) { try ledger.taskMaterial(loop: loop, reviewer: login) })
        case .media(let loop): return try encoder.encode(try member(login) { try media(loop: loop, reviewer: login) })
        case .reviewerDay(let since):
            return try encoder.encode(ledger.reviewerDay(reviewer: login, since: Timestamp.date(milliseconds: since)))
        case .reviewerHistory(let since, let limit):
            return try encoder.encode(ledger.reviewerHistory(reviewer: login, since: Timestamp.date(milliseconds: since), limit: min(max(limit, 1), 500)))
        case .listDrafts: return try encoder.encode(ledger.drafts(of: login))
        case .saveDraft(let loop, let body): try member(login) { try ledger.saveDraft(StoredDraft(loop: loop, body: body), reviewer: login) }
        case .deleteDraft(let loop): try ledger.deleteDraft(loop: loop, reviewer: login)
        default: return try performQueueCall(call, caller: caller, login: login)
        }
        return .null
    }
}
