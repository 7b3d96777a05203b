import ArgumentParser
import Foundation
import GRDB
import Histogram
import JuryCore
import JuryJSON

/// `jury-bench`: the benchmarks, apart from the shipping `jury` so that it links no benchmark code.
@main
struct JuryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jury-bench",
        abstract: "Measure the engine against raw baselines in the same run (build with -c release).",
        subcommands: [BenchIngestCommand.self, BenchLedgerCommand.self, BenchServiceCommand.self, BenchRenderCommand.self,
                      BenchDashboardCommand.self, BenchMediaCommand.self, BenchA2ICommand.self, BenchExportCommand.self])

    /// Makes SQLite's process-wide settings as `jury` does, then runs the command.
    static func main() {
        SQLiteSettings.applyBeforeFirstConnection()
        main(nil)
    }
}

/// A throw-away queue for benchmarks, with one classification flow.
struct BenchQueue {
    let directory: QueueDirectory
    let ledger: Ledger

    static let flowName = "bench-tickets"
    static let reviewers = ["r1", "r2", "r3"]
    /// The team's lead, who sees the dashboard.
    static let lead = "bench-lead"

    /// - Parameters:
    ///   - reviewers: the team's members (`"*"` for anyone).
    ///   - taskTimeLimitSeconds: how long a claim's lease lasts.
    init(root: URL, taskCount: Int, reviewers: [String] = BenchQueue.reviewers, taskTimeLimitSeconds: Int = 3_600) throws {
        try? FileManager.default.removeItem(at: root)
        directory = QueueDirectory(root)
        let team = Workforce.Team(name: "bench", reviewers: reviewers, leads: [Self.lead])
        try Ledger.create(queue: directory, demo: true, workforce: Workforce(teams: [team]))
        try Self.flow(taskCount: taskCount, taskTimeLimitSeconds: taskTimeLimitSeconds).encoded().write(to: directory.flowsURL.appending(path: "\(Self.flowName).json"))
        ledger = try Ledger(queue: directory)
    }

    var flow: FlowDefinition { directory.loadFlows().flows[Self.flowName]! }

    /// Admits `loops` loops of about 300 bytes, 10,000 a transaction.
    func fill(loops: Int) throws {
        let flow = self.flow
        for start in stride(from: 0, to: loops, by: 10_000) {
            let admissions = try (start..<min(start + 10_000, loops)).map {
                try LoopAdmission(request: BenchQueue.request($0, bytes: 300), flow: flow)
            }
            _ = try ledger.admit(admissions)
        }
    }

    static func flow(taskCount: Int, taskTimeLimitSeconds: Int) -> JSONValue {
        [
            "FlowDefinitionName": .string(flowName),
            "HumanLoopConfig": [
                "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/bench", "TaskTitle": "Classify", "TaskDescription": "Pick a category.",
                "TaskCount": .number(Double(taskCount)), "TaskTimeLimitInSeconds": .number(Double(taskTimeLimitSeconds)),
                "TaskAvailabilityLifetimeInSeconds": 31_536_000,
            ],
            "Jury": ["TaskType": "classification", "Categories": ["billing", "shipping", "other"],
                     "ConfidencePath": "$.prediction.confidence", "ConfidenceScale": "fraction"],
        ]
    }

    /// A request whose inbox file is about `bytes` long.
    static func request(_ index: Int, bytes: Int) -> HumanLoopRequest {
        let padding = String(repeating: "lorem ipsum ", count: max(0, bytes - 220) / 12)
        let input: JSONValue = [
            "text": .string("ticket \(index): \(padding)"),
            "prediction": ["label": "billing", "confidence": .number(Double(index % 97) / 100)],
        ]
        return HumanLoopRequest(name: "loop-\(index)", flowName: flowName, input: input)
    }
}

/// Latency percentiles in microseconds.
struct Latencies {
    private var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)

    /// Times `body` and records it.
    mutating func measure<T>(_ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        _ = histogram.record((DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        return result
    }

    /// Records a latency measured elsewhere.
    mutating func record(microseconds: UInt64) { _ = histogram.record(microseconds) }

    /// Latencies recorded.
    var count: Int { Int(histogram.totalCount) }

    /// The 99th percentile, ms.
    var p99: Double { Double(histogram.valueAtPercentile(99)) / 1_000 }

    var summary: String {
        let ms = { (value: UInt64) in String(format: "%.3f ms", Double(value) / 1_000) }
        return "p50 \(ms(histogram.valueAtPercentile(50))), p99 \(ms(histogram.valueAtPercentile(99))), max \(ms(histogram.max)) (n=\(histogram.totalCount))"
    }
}

/// Seconds taken by `body`.
func stopwatch(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The CPU seconds (user + system) this process's threads have used so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// `samples` one-row inserts into a plain database, each its own `synchronous = FULL` transaction.
func baselineCommits(at url: URL, samples: Int) throws -> Latencies {
    let database = try baselineDatabase(at: url)
    var latencies = Latencies()
    for index in 0..<samples {
        try latencies.measure {
            try database.write { db in
                try db.execute(sql: "INSERT INTO item(name, body) VALUES (?, ?)", arguments: ["item-\(index)", Data(count: 64)])
            }
        }
    }
    return latencies
}

/// A plain SQLite database with the ledger's durability settings, for baselines.
func baselineDatabase(at url: URL) throws -> DatabaseQueue {
    try? FileManager.default.removeItem(at: url)
    var configuration = Configuration()
    configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
    let database = try DatabaseQueue(path: url.path, configuration: configuration)
    try database.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        try db.execute(sql: "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body BLOB NOT NULL)")
    }
    return database
}
