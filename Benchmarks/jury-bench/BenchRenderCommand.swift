import ArgumentParser
import Foundation
import JuryCore
import JuryJSON
import JuryCanvas
import JuryService
import JuryWorkstation

/// `jury-bench render`: the workstation's figures. Render + present (a `FrameDiff` against the previous
/// frame, as the ncurses adapter does) of the task screen for a large document, start-to-first-screen
/// time with many loops in the ledger, and the time from approving a task to the next task on screen
/// (opened at once with its material fetched ahead, against the baseline of going back to the queue and
/// claiming with `n`). Prints the figures; records nothing.
struct BenchRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Measure the workstation: frame time of a big task screen, start time with a deep queue.")

    @Option(help: "Form fields in the document.") var fields = 300
    @Option(help: "Frames to measure.") var frames = 2_000
    @Option(help: "Loops in the ledger for the start measurement.") var loops = 100_000
    @Option(help: "Start measurements (the median is reported).") var starts = 5
    @Option(help: "Verdicts for the next-task measurement (each way).") var verdicts = 200
    @Option(help: "Work folder (default: a temporary folder, removed afterwards).") var folder: String?

    func run() throws {
        let root = folder.map { URL(filePath: $0, directoryHint: .isDirectory) }
            ?? FileManager.default.temporaryDirectory.appending(path: "jury-bench-render-\(getpid())", directoryHint: .isDirectory)
        defer { if folder == nil { try? FileManager.default.removeItem(at: root) } }
        let queue = try RenderBenchQueue(root: root)
        try measureFrames(queue)
        try measureStart(queue)
        try measureNextTask(queue)
    }

    private func measureNextTask(_ queue: RenderBenchQueue) throws {
        let advancing = try queue.nextTaskTimes(verdicts: verdicts, advances: true)
        let claiming = try queue.nextTaskTimes(verdicts: verdicts, advances: false)
        print("the next task on screen, \(verdicts) verdicts (a) in a row, \(loops) loops queued:")
        print("  from the verdict shown as stored, next opened at once, fetched ahead: " + Self.summary(advancing.fromStored))
        print("  baseline, from n typed on the queue, claim and fetch: " + Self.summary(claiming.fromStored))
        print("  from a (verdict stored, output written), next opened at once: " + Self.summary(advancing.fromApprove))
        print("  baseline, from a, back to the queue, n typed at once: " + Self.summary(claiming.fromApprove))
    }

    private func measureFrames(_ queue: RenderBenchQueue) throws {
        var state = try queue.formTaskState(fields: fields, size: Size(rows: 60, columns: 200))
        var previous = WorkstationView.render(state)
        var times: [Double] = []
        var changed = 0
        for frame in 0..<frames {
            let key: Key = (frame / fields) % 2 == 0 ? .down : .up
            state = Workstation.update(state, .key(key)).0
            let start = ContinuousClock.now
            let canvas = WorkstationView.render(state)
            changed += FrameDiff.changes(from: previous, to: canvas).count
            times.append(Self.milliseconds(ContinuousClock.now - start))
            previous = canvas
        }
        print("task screen, \(fields)-field document at 200x60, render + FrameDiff per frame over \(frames) frames:")
        print("  " + Self.summary(times) + String(format: "; %.0f cells changed per frame", Double(changed) / Double(frames)))
    }

    private func measureStart(_ queue: RenderBenchQueue) throws {
        let setup = ContinuousClock.now
        try queue.seed(loops: loops)
        print("seeded \(loops) loops in \(Self.format(Self.milliseconds(ContinuousClock.now - setup))) ms (not part of the figure)")
        var times: [Double] = []
        for _ in 0..<starts { times.append(try queue.timeToFirstScreen(size: Size(rows: 24, columns: 80))) }
        print("start to first screen (open ledger, load flows, drafts, first queue page, day figures, render) with \(loops) loops:")
        print("  " + Self.summary(times) + "; resident memory \(Self.residentMegabytes()) MB")
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// The value at quantile `q` (0-1) of `sorted` (ascending, not empty): the one at index `count * q`.
    private static func quantile(_ q: Double, of sorted: [Double]) -> Double {
        sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }

    /// The median of `times` as `summary` reports it (0 for none).
    static func median(_ times: [Double]) -> Double {
        times.isEmpty ? 0 : quantile(0.5, of: times.sorted())
    }

    static func summary(_ times: [Double]) -> String {
        let sorted = times.sorted()
        let pick = { (q: Double) in quantile(q, of: sorted) }
        let mean = times.reduce(0, +) / Double(max(1, times.count))
        return "mean \(format(mean)) ms, median \(format(pick(0.5))) ms, p99 \(format(pick(0.99))) ms, max \(format(sorted.last ?? 0)) ms"
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }

    /// VmRSS of this process from /proc, in MB ("?" elsewhere).
    static func residentMegabytes() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return "?" }
        return String(format: "%.1f", kb / 1024)
    }
}

/// A throw-away queue for the render benchmark: a Textract flow for the big document and a
/// classification flow for the deep queue, one team with the reviewer `bench`.
struct RenderBenchQueue {
    let directory: QueueDirectory
    static let reviewer = "bench"

    init(root: URL) throws {
        try? FileManager.default.removeItem(at: root)
        directory = QueueDirectory(root)
        let team = Workforce.Team(name: "bench", reviewers: [Self.reviewer], leads: [])
        try Ledger.create(queue: directory, demo: true, workforce: Workforce(teams: [team]))
        for flow in [Self.formFlow, Self.ticketFlow] {
            try flow.encoded().write(to: directory.flowsURL.appending(path: "\(flow["FlowDefinitionName"]!.stringValue!).json"))
        }
    }

    /// A state showing the task screen of a claimed document with `fields` key-value pairs.
    func formTaskState(fields: Int, size: Size) throws -> WorkstationState {
        let ledger = try Ledger(queue: directory)
        let flow = directory.loadFlows().flows["bench-forms"]!
        let input: JSONValue = ["aiServiceResponse": Self.textract(fields: fields),
                                "metadata": ["fileName": "bench.pdf", "format": "PDF", "pages": 1, "bytes": 1_234_567]]
        _ = try ledger.admit([try LoopAdmission(request: HumanLoopRequest(name: "bench-form", flowName: flow.name, input: input), flow: flow)])
        let claim = try ledger.claim(loop: "bench-form", reviewer: Self.reviewer)
        let client = QueueConnection(transport: InProcessTransport(service: try QueueService(ledger: ledger), actingAs: Self.reviewer))
        var state = WorkstationState(reviewer: Self.reviewer, size: size, now: Timestamp.milliseconds(Date()), flows: try client.profile().flows)
        state = Workstation.update(state, .taskLoaded(TaskContent(material: try ledger.taskMaterial(loop: "bench-form", reviewer: Self.reviewer)), claim, nil)).0
        return state
    }

    /// Adds `loops` classification loops in transactions of 5,000.
    func seed(loops: Int) throws {
        let ledger = try Ledger(queue: directory)
        let flow = directory.loadFlows().flows["bench-tickets"]!
        for start in stride(from: 0, to: loops, by: 5_000) {
            let batch = try (start..<min(loops, start + 5_000)).map { index -> LoopAdmission in
                let input: JSONValue = ["text": .string("ticket \(index)"),
                                        "prediction": ["label": "billing", "confidence": .number(Double(index % 100) / 100)]]
                return try LoopAdmission(request: HumanLoopRequest(name: "t-\(index)", flowName: flow.name, input: input), flow: flow)
            }
            _ = try ledger.admit(batch)
        }
    }

    /// Milliseconds from opening the ledger to the first presented canvas, as `jury review` starts.
    func timeToFirstScreen(size: Size) throws -> Double {
        let start = ContinuousClock.now
        let client = QueueConnection(transport: InProcessTransport(service: try QueueEndpoint.openInProcess(directory), actingAs: Self.reviewer))
        let terminal = ScriptedTerminal(size: size)
        let state = WorkstationState(reviewer: Self.reviewer, size: size, now: 0, flows: try client.profile().flows)
        let runtime = WorkstationRuntime(state: state, terminal: terminal, client: client)
        runtime.start()
        precondition(terminal.lastCanvas != nil && !runtime.state.queue.entries.isEmpty, "the first screen shows no queue")
        return BenchRenderCommand.milliseconds(ContinuousClock.now - start)
    }

    /// Milliseconds from each `a` (approve) to the next task on screen, approving `verdicts` tasks in a row
    /// on the real runtime: the next opened at once (`advances`), or claimed with `n` from the queue as soon
    /// as the verdict shows there.
    func nextTaskTimes(verdicts: Int, advances: Bool) throws -> (fromApprove: [Double], fromStored: [Double]) {
        let client = QueueConnection(transport: InProcessTransport(service: try QueueEndpoint.openInProcess(directory), actingAs: Self.reviewer))
        let terminal = ReviewingTerminal(size: Size(rows: 24, columns: 80), verdicts: verdicts, advances: advances)
        var state = WorkstationState(reviewer: Self.reviewer, size: terminal.size, now: 0, flows: try client.profile().flows)
        state.advances = advances
        let runtime = WorkstationRuntime(state: state, terminal: terminal, client: client)
        runtime.start()
        runtime.run(idleLimit: 1)
        precondition(terminal.times.count == verdicts && terminal.afterStored.count == verdicts,
                     "\(terminal.times.count) of \(verdicts) next tasks shown")
        return (terminal.times, terminal.afterStored)
    }

    static func textract(fields: Int) -> JSONValue {
        var blocks: [JSONValue] = []
        for index in 0..<fields {
            let confidence = Double(40 + (index * 37) % 60)
            blocks.append(["BlockType": "KEY_VALUE_SET", "Id": .string("k\(index)"), "EntityTypes": ["KEY"], "Confidence": .number(confidence),
                           "Page": 1, "Relationships": [["Type": "VALUE", "Ids": [.string("v\(index)")]], ["Type": "CHILD", "Ids": [.string("kw\(index)")]]]])
            blocks.append(["BlockType": "KEY_VALUE_SET", "Id": .string("v\(index)"), "EntityTypes": ["VALUE"], "Confidence": .number(confidence),
                           "Relationships": [["Type": "CHILD", "Ids": [.string("vw\(index)")]]]])
            blocks.append(["BlockType": "WORD", "Id": .string("kw\(index)"), "Text": .string("Field \(index)"), "Confidence": 99])
            blocks.append(["BlockType": "WORD", "Id": .string("vw\(index)"), "Text": .string("Value number \(index) of the document"), "Confidence": 95])
        }
        return ["DocumentMetadata": ["Pages": 1], "Blocks": .array(blocks)]
    }

    static let formFlow: JSONValue = [
        "FlowDefinitionName": "bench-forms",
        "HumanLoopRequestSource": ["AwsManagedHumanLoopRequestSource": "AWS/Textract/AnalyzeDocument/Forms/V1"],
        "HumanLoopConfig": ["WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/bench", "TaskTitle": "Review fields", "TaskDescription": "Check the fields.",
                            "TaskCount": 1, "TaskTimeLimitInSeconds": 3_600, "TaskAvailabilityLifetimeInSeconds": 31_536_000],
        "Jury": ["ConfidenceThreshold": 85],
    ]

    static let ticketFlow: JSONValue = [
        "FlowDefinitionName": "bench-tickets",
        "HumanLoopConfig": ["WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/bench", "TaskTitle": "Classify", "TaskDescription": "Pick a category.",
                            "TaskCount": 1, "TaskTimeLimitInSeconds": 3_600, "TaskAvailabilityLifetimeInSeconds": 31_536_000],
        "Jury": ["TaskType": "classification", "Categories": ["billing", "other"],
                 "ConfidencePath": "$.prediction.confidence", "ConfidenceScale": "fraction"],
    ]
}

/// A terminal that reviews as fast as the screen allows: `a` on each new task screen and, not advancing,
/// `n` as soon as the queue says the verdict was submitted; it notes the time from each `a`, and from the
/// verdict shown as stored (or `n`), to the next task on screen. Advancing, the first frame without a
/// task after `a` is the verdict stored; when the next task comes in that very frame, the time is 0. With no key to give it waits out the runtime's timeout, as a terminal without input does.
final class ReviewingTerminal: TerminalDevice {
    let size: Size
    let colorCapability = ColorCapability.none
    /// Milliseconds from each `a` to the next task on screen.
    private(set) var times: [Double] = []
    /// Milliseconds from each verdict shown as stored (or, not advancing, `n` typed) to the next task on screen.
    private(set) var afterStored: [Double] = []
    private var verdictsLeft: Int
    private let advances: Bool
    private var shownLoop: String?
    private var next: Key? = .character("n")
    private var approvedAt: ContinuousClock.Instant?
    private var storedAt: ContinuousClock.Instant?

    init(size: Size, verdicts: Int, advances: Bool) {
        self.size = size
        verdictsLeft = verdicts
        self.advances = advances
    }

    func install(_ theme: ResolvedTheme) {}

    func present(_ canvas: Canvas) {
        let text = canvas.textDump()
        let header = text.prefix { $0 != "\n" }
        let loop = header.split(separator: "›").dropFirst().first?.split(separator: " ").first.map(String.init)
        if let loop, loop != shownLoop {
            if let since = approvedAt { times.append(BenchRenderCommand.milliseconds(ContinuousClock.now - since)) }
            if let since = storedAt ?? approvedAt.map({ _ in ContinuousClock.now }) {
                afterStored.append(BenchRenderCommand.milliseconds(ContinuousClock.now - since))
            }
            approvedAt = nil
            storedAt = nil
            shownLoop = loop
            next = verdictsLeft > 0 ? .character("a") : nil
        } else if loop == nil, shownLoop != nil, advances || text.contains("Submitted") {
            shownLoop = nil
            if advances { storedAt = ContinuousClock.now } else { next = .character("n") }
        }
    }

    func nextEvent(timeout: Duration?) -> TerminalEvent? {
        if let key = next {
            next = nil
            if key == .character("a") {
                verdictsLeft -= 1
                approvedAt = ContinuousClock.now
            } else if approvedAt != nil {
                storedAt = ContinuousClock.now
            }
            return .key(key)
        }
        guard verdictsLeft > 0 || approvedAt != nil else { return nil }
        let (seconds, attoseconds) = (timeout ?? .milliseconds(10)).components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        return nil
    }
}
