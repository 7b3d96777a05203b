import Foundation
import JuryCore
import JuryJSON

/// The one `QueueClient`: builds each call, sends it through a transport (in-process or the socket),
/// and decodes the result.
public final class QueueConnection: QueueClient {
    public let transport: any ServiceTransport

    public init(transport: any ServiceTransport) { self.transport = transport }

    public var now: Date { transport.now }

    private func call<T: Decodable>(_ call: ServiceCall, as type: T.Type = T.self) throws -> T {
        let result = try transport.send(call)
        do {
            return try JSONValueDecoder().decode(type, from: result)
        } catch {
            throw JuryError.io("the service's answer to \(call.name) is not what this client understands: \(error)")
        }
    }

    private func send(_ call: ServiceCall) throws { _ = try transport.send(call) }

    public func profile() throws -> CallerProfile { try call(.profile) }
    public func claim(flow: String?, order: ClaimOrder) throws -> ClaimedTask? { try call(.claimNext(flow: flow, order: order)) }
    public func claim(loop: String) throws -> ClaimedTask { try call(.claimLoop(loop: loop)) }
    public func release(loop: String, of reviewer: String?) throws { try send(.release(loop: loop, of: reviewer)) }
    public func submit(loop: String, answer: JSONValue, timeSpentSeconds: Double?) throws -> VerdictReceipt {
        try call(.submitVerdict(loop: loop, answer: answer, timeSpentSeconds: timeSpentSeconds))
    }
    public func amend(loop: String, answer: JSONValue) throws -> VerdictReceipt { try call(.amendVerdict(loop: loop, answer: answer)) }
    public func withdraw(loop: String) throws { try send(.withdrawVerdict(loop: loop)) }
    public func ownVerdict(loop: String) throws -> LoopVerdicts { try call(.ownVerdict(loop: loop)) }
    public func loopVerdicts(loop: String) throws -> LoopVerdicts { try call(.loopVerdicts(loop: loop)) }
    public func queueEntries(flow: String?, order: ClaimOrder, limit: Int, after: QueuePosition?, filter: QueueFilter?) throws -> [QueueEntry] {
        try call(.queuePage(flow: flow, order: order, limit: limit, after: after, filter: filter))
    }
    public func taskMaterial(loop: String) throws -> TaskMaterial { try call(.taskMaterial(loop: loop)) }
    public func media(loop: String) throws -> MediaFile? { try call(.media(loop: loop)) }
    public func reviewerDay(since: Date) throws -> ReviewerDay { try call(.reviewerDay(since: Timestamp.milliseconds(since))) }
    public func reviewerHistory(since: Date, limit: Int) throws -> ReviewerHistory {
        try call(.reviewerHistory(since: Timestamp.milliseconds(since), limit: limit))
    }
    public func drafts() throws -> [StoredDraft] { try call(.listDrafts) }
    public func saveDraft(_ draft: StoredDraft) throws { try send(.saveDraft(loop: draft.loop, body: draft.body)) }
    public func deleteDraft(loop: String) throws { try send(.deleteDraft(loop: loop)) }
    public func list(_ query: LoopQuery) throws -> LoopPage { try call(.listLoops(query: query)) }
    public func describe(loop: String) throws -> JSONValue { try transport.send(.describeLoop(loop: loop)) }
    public func statistics(dayStart: Date) throws -> QueueStatistics { try call(.statistics(dayStart: Timestamp.milliseconds(dayStart))) }
    public func attention(limit: Int) throws -> [AttentionItem] { try call(.attention(limit: limit)) }
    public func findLoops(prefix: String, limit: Int) throws -> [LoopSummary] { try call(.findLoops(prefix: prefix, limit: limit)) }
    public func loopTrail(loop: String) throws -> LoopTrail { try call(.loopTrail(loop: loop)) }
    public func perform(_ action: LoopAction, loop: String, reviewer: String?) throws -> String {
        try call(.loopAction(action: action, loop: loop, reviewer: reviewer))
    }
    public func startLoop(flow: String, name: String, input: JSONValue) throws -> StartedLoop {
        try call(.startLoop(flow: flow, name: name, input: input))
    }
    public func submitPrediction(flow: String, name: String?, prediction: JSONValue, serviceRequest: JSONValue?,
                                 metadata: JSONValue?) throws -> StartedLoop {
        try call(.submitPrediction(flow: flow, name: name, prediction: prediction, serviceRequest: serviceRequest, metadata: metadata))
    }
    public func ingest() throws -> IngestSummary { try call(.ingest) }
    public func prune(olderThanDays: Double) throws -> Int { try call(.prune(olderThanDays: olderThanDays)) }
    public func recomputeConsensus(flow: String, method: String, write: Bool) throws -> ConsensusRecomputation {
        try call(.recomputeConsensus(flow: flow, method: method, write: write))
    }
    public func exportPage(_ query: ExportQuery) throws -> ExportPage { try call(.exportPage(query: query)) }
}
