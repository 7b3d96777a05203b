import ArgumentParser
import Foundation
import JuryCore
import JuryCanvas
import JuryService
import JuryWorkstation

/// `jury-bench dashboard`: the lead dashboard's figures. Render + present (a `FrameDiff` against the
/// previous frame, as the ncurses adapter does) at 120x40 with realistic figures that change every
/// frame, and the full refresh (sweep, statistics, attention list, render) with many loops in the
/// ledger. Prints the figures; records nothing.
struct BenchDashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Measure the lead dashboard: frame time at 120x40, full refresh with a deep ledger.")

    @Option(help: "Frames to measure.") var frames = 2_000
    @Option(help: "Loops in the ledger for the refresh measurement.") var loops = 1_000_000
    @Option(help: "Loops completed (3 verdicts each) before measuring.") var completed = 3_000
    @Option(help: "Refreshes to measure.") var refreshes = 100
    @Option(help: "Scratch folder (erased).") var dir = FileManager.default.temporaryDirectory.appending(path: "jury-bench-dashboard").path

    func run() throws {
        let root = URL(filePath: dir, directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        // Leases shorter than the dashboard's warning window, so the reviewers' open claims are on the
        // attention list with countdowns that change every frame.
        let queue = try BenchQueue(root: root.appending(path: "queue"), taskCount: 3,
                                   taskTimeLimitSeconds: Int(QueueStatistics.warningWindowSeconds) / 2)
        let seconds = try stopwatch { try fill(queue) }
        print(String(format: "ledger filled with %d loops, %d completed, in %.1f s (not part of the figures)", loops, completed, seconds))
        let service = QueueConnection(transport: InProcessTransport(service: try QueueService(ledger: queue.ledger), actingAs: BenchQueue.lead))
        var state = DashboardState(lead: BenchQueue.lead, size: Size(rows: 40, columns: 120), now: Timestamp.milliseconds(service.now))
        state = Dashboard.update(state, .loaded(try service.dashboardSnapshot())).0
        measureFrames(state)
        try measureRefresh(state, service: service)
    }

    /// Frames as the lead moves through the attention list while the clock runs (ages and countdowns change).
    private func measureFrames(_ initial: DashboardState) {
        var state = initial
        var previous = DashboardView.render(state)
        var times: [Double] = []
        var changed = 0
        for frame in 1...frames {
            state = Dashboard.update(state, .key(frame / 20 % 2 == 0 ? .down : .up)).0
            state.now += 1_000
            let start = ContinuousClock.now
            let canvas = DashboardView.render(state)
            changed += FrameDiff.changes(from: previous, to: canvas).count
            times.append(BenchRenderCommand.milliseconds(ContinuousClock.now - start))
            previous = canvas
        }
        let statistics = state.snapshot!.statistics
        print("dashboard at 120x40 (\(statistics.flows.count) flow, \(statistics.reviewers.count) reviewers, \(state.snapshot!.attention.count) attention items), "
            + "render + FrameDiff over \(frames) frames:")
        print("  " + BenchRenderCommand.summary(times) + String(format: "; %.0f cells changed per frame", Double(changed) / Double(frames)))
    }

    private func measureRefresh(_ initial: DashboardState, service: QueueConnection) throws {
        var state = initial
        var statistics = Latencies(), full = Latencies()
        for _ in 0..<refreshes {
            try full.measure {
                let snapshot = try statistics.measure { try service.dashboardSnapshot() }
                state = Dashboard.update(state, .loaded(snapshot)).0
                _ = DashboardView.render(state)
            }
        }
        print("refresh with \(loops) loops, figures only (sweep + statistics + attention list): \(statistics.summary)")
        print("full refresh (the above + update + render at 120x40):                \(full.summary)  target < 20 ms")
    }

    private func fill(_ queue: BenchQueue) throws {
        try queue.fill(loops: loops)
        let labels = ["billing", "billing", "shipping"]
        for index in 0..<(completed * 3) {
            let reviewer = BenchQueue.reviewers[index % 3]
            guard let task = try queue.ledger.claim(reviewer: reviewer) else { break }
            _ = try queue.ledger.submit(loop: task.loopName, reviewer: reviewer, answer: ["category": ["label": .string(labels[(index / 3 + index) % 3])]])
        }
        for reviewer in BenchQueue.reviewers { _ = try queue.ledger.claim(reviewer: reviewer) }
    }
}
