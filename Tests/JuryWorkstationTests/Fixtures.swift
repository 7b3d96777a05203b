import Foundation
@testable import JuryCore
import JuryJSON
import JuryCanvas
import JuryTestSupport
@testable import JuryWorkstation
import Testing

/// The demo fixtures read straight from fixtures/demo (no ledger): task content and queue entries as
/// the engine would give them, on a pinned clock. Fast enough for every golden and update test.
enum Fixtures {
    /// 2026-05-01T08:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_777_622_400)
    static var startMilliseconds: Int64 { Timestamp.milliseconds(start) }

    static var demo: URL { Checkout.root.appending(path: "fixtures/demo", directoryHint: .isDirectory) }

    static let flows: [String: FlowDefinition] = QueueDirectory(demo).loadFlows().flows

    static let workforce: Workforce = try! Workforce.parse(try! Data(contentsOf: demo.appending(path: "workforce.json")))

    /// Every fixture loop's admission (its flow, input and activation results), by loop name.
    static let admissions: [String: LoopAdmission] = {
        let folder = demo.appending(path: "loops")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return Dictionary(uniqueKeysWithValues: names.sorted().map { name in
            let request = try! HumanLoopRequest.parse(try! Data(contentsOf: folder.appending(path: name)))
            let flow = flows[request.flowName]!
            return (request.name, try! LoopAdmission(request: request, flow: flow))
        })
    }()

    /// A loop's task content as the ledger would give it, created at `start`.
    static func content(_ loop: String) -> TaskContent {
        let admission = admissions[loop]!
        let material = TaskMaterial(
            loopName: loop, flow: admission.flow, input: admission.request.input, activationResults: admission.activationResults,
            createdAt: startMilliseconds, deadline: startMilliseconds + Int64(admission.flow.taskAvailabilityLifetimeSeconds) * 1000,
            minimumConfidence: admission.minimumConfidence)
        return TaskContent(material: material)
    }

    /// The key-value pairs of a fixture form loop's stored answer.
    static func formPairs(_ stored: JSONValue?, loop: String) throws -> [FormAnswer.Pair] {
        try ReviewAnswer(stored: try #require(stored), flow: try #require(admissions[loop]).flow, loop: loop).formPairs
    }

    /// A claim of `loop` by `reviewer` made at `start`, with the flow's lease.
    static func claim(_ loop: String, reviewer: String) -> ClaimedTask {
        let flow = admissions[loop]!.flow
        return ClaimedTask(loopName: loop, flow: flow.name, taskType: flow.taskType, reviewer: reviewer, claimedAt: startMilliseconds,
                           expiresAt: startMilliseconds + Int64(flow.taskTimeLimitSeconds) * 1000, resumed: false)
    }

    /// The flows `reviewer` may claim.
    static func flowSummaries(of reviewer: String) -> [FlowSummary] {
        let teams = Set(workforce.teams(of: reviewer))
        return flows.values.filter { teams.contains($0.team) }.sorted { $0.name < $1.name }
            .map { FlowSummary(name: $0.name, taskType: $0.taskType, threshold: $0.confidenceThreshold) }
    }

    /// Queue entries for `reviewer`: loops of their flows, one created a minute apart before `start`, in name order.
    static func queueEntries(for reviewer: String, held: [String: Int64] = [:]) -> [QueueEntry] {
        let flowNames = Set(flowSummaries(of: reviewer).map(\.name))
        let loops = admissions.values.filter { flowNames.contains($0.flow.name) }.sorted { $0.request.name < $1.request.name }
        let entries = loops.enumerated().map { index, admission in
            let created = startMilliseconds - Int64(loops.count - index) * 60_000
            return QueueEntry(loopName: admission.request.name, flow: admission.flow.name, taskType: admission.flow.taskType,
                              minimumConfidence: admission.minimumConfidence, createdAt: created,
                              deadline: created + Int64(admission.flow.taskAvailabilityLifetimeSeconds) * 1000,
                              verdicts: 0, taskCount: admission.flow.taskCount, leaseExpiresAt: held[admission.request.name],
                              rowID: Int64(index + 1))
        }
        return entries.filter { $0.leaseExpiresAt != nil } + entries.filter { $0.leaseExpiresAt == nil }
    }

    /// A state on `loop`'s task screen, 42 s after the claim, with the reviewer's figures.
    static func taskState(_ loop: String, reviewer: String = "alice", size: Size = Size(rows: 24, columns: 80)) -> WorkstationState {
        var state = WorkstationState(reviewer: reviewer, size: size, now: startMilliseconds + 42_000, flows: flowSummaries(of: reviewer))
        state.day = ReviewerDay(verdicts: 7, medianSeconds: 73.5)
        return Workstation.update(state, .taskLoaded(content(loop), claim(loop, reviewer: reviewer), nil)).0
    }

    /// A state on the queue screen with one page loaded.
    static func queueState(_ reviewer: String = "alice", size: Size = Size(rows: 24, columns: 80), held: [String: Int64] = [:]) -> WorkstationState {
        var state = WorkstationState(reviewer: reviewer, size: size, now: startMilliseconds, flows: flowSummaries(of: reviewer))
        state.day = ReviewerDay(verdicts: 7, medianSeconds: 73.5)
        let request = state.queueRequest
        return Workstation.update(state, .queueLoaded(request, Array(queueEntries(for: reviewer, held: held).prefix(request.limit)))).0
    }
}

extension Fixtures {
    /// Alice's morning: five verdicts, newest first, on loops that completed (agreeing, differing, a form
    /// two thirds right, an unresolved tie) or are still open; names with an escape sequence and CJK.
    static let history: ReviewerHistory = {
        let minute: Int64 = 60_000
        let entry = { (loop: String, flow: String, type: TaskType, ago: Int64, seconds: Double, decision: String, status: LoopStatus,
                       agreement: Double?) in
            HistoryEntry(loopName: loop, flow: flow, taskType: type, submittedAt: startMilliseconds - ago * minute, timeSpentSeconds: seconds,
                         decision: decision, status: status, agreement: agreement)
        }
        return ReviewerHistory(entries: [
            entry("img-0016-party-table", "moderation", .imageModeration, 3, 41, "Alcohol+Drinking", .inProgress, nil),
            entry("inv-0008-kowalski-lodz", "invoices", .documentForm, 9, 95.5, "6 fields", .completed, 2.0 / 3),
            entry("img-0004-explicit-upload", "moderation", .imageModeration, 15, 12, "no labels", .completed, 0),
            entry("ticket-0013\u{1B}[31m", "tickets", .classification, 22, 30, "配送 shipping", .completed, 1),
            entry("img-0002-birthday-cake", "moderation", .imageModeration, 40, 8, "no labels", .completed, nil),
        ], verdicts: 7, medianSeconds: 30, agreement: 5.0 / 9, compared: 3)
    }()
}

extension WorkstationState {
    /// Applies actions in turn, collecting every effect.
    func after(_ actions: [Action]) -> (WorkstationState, [Effect]) {
        actions.reduce((self, [Effect]())) { result, action in
            let (next, effects) = Workstation.update(result.0, action)
            return (next, result.1 + effects)
        }
    }

    /// Applies key presses in turn.
    func pressing(_ keys: [Key]) -> (WorkstationState, [Effect]) { after(keys.map(Action.key)) }
}

/// Keys from a compact script: each character is a key; "⏎" enter, "⎋" escape, "⇥" tab, "␣" space, "↓"/"↑" arrows.
func keys(_ script: String) -> [Key] {
    script.map { c in
        switch c {
        case "⏎": .enter
        case "⎋": .escape
        case "⇥": .tab
        case "␣": .character(" ")
        case "↓": .down
        case "↑": .up
        default: .character(c)
        }
    }
}
