import Foundation
import JuryTestSupport
import Testing

extension CLI {
    /// Every `jury-bench` subcommand runs to its end at a tiny size: the figures are not looked at (the
    /// debug build measures nothing of interest), but a benchmark whose own checks fail, or that no longer
    /// runs against the code it measures, fails here and not on the day someone needs its figures.
    @Suite struct BenchSmokeTests {
        /// One subcommand at a tiny size and the labels of the figures it must print.
        struct Case: Sendable, CustomTestStringConvertible {
            let arguments: [String]
            let figures: [String]
            var testDescription: String { arguments[0] }
        }

        static let cases = [
            // More files than an ingest report lists by name (IngestReport.listLimit), so the count is what is checked.
            Case(arguments: ["ingest", "--files", "1100"], figures: ["raw baseline", "jury ingest", "ratio:"]),
            Case(arguments: ["ledger", "--loops", "300", "--samples", "20"],
                 figures: ["claim (sweep", "durable answer", "completing answer", "list first page", "review queue searched", "dashboard refresh"]),
            Case(arguments: ["service", "--loops", "300", "--samples", "10", "--clients", "3", "--verdicts-per-client", "2",
                             "--offered-rate", "60", "--files", "30"],
                 figures: ["in-process claim", "socket     claim", "socket     durable verdict", "clients, group commit:",
                           "clients, one commit per verdict:", "offered 60 verdicts/s", "ingest through the service"]),
            Case(arguments: ["a2i", "--samples", "10", "--connections", "2", "--calls-per-connection", "5", "--files", "10"],
                 figures: ["baseline inbox drop", "StartHumanLoop round trip, 1 client", "StartHumanLoop, 2 connections"]),
            Case(arguments: ["dashboard", "--frames", "10", "--loops", "300", "--completed", "5", "--refreshes", "3"],
                 figures: ["render + FrameDiff", "figures only", "full refresh"]),
            Case(arguments: ["export", "--loops", "60", "--page-size", "25"],
                 figures: ["plain SQLite scan", "--format jsonl", "--format crowdkit", "--format manifest"]),
            Case(arguments: ["render", "--fields", "12", "--frames", "10", "--loops", "200", "--starts", "1", "--verdicts", "3"],
                 figures: ["task screen", "start to first screen", "the next task on screen", "fetched ahead"]),
            Case(arguments: ["media", "--runs", "1", "--crops", "3", "--no-baseline", "--fixtures", Checkout.root.appending(path: "fixtures").path],
                 figures: ["read + decode + scale + render", "cached re-render", "crop re-render", "crop into its zoom region", "drawn ahead"]),
        ]

        @Test("each jury-bench subcommand runs at a tiny size and prints its figures", arguments: cases)
        func runs(_ benchmark: Case) async throws {
            let scratch = FileManager.default.temporaryDirectory.appending(path: "jury-bench-smoke-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let folder = benchmark.arguments[0] == "render" ? "--folder" : "--dir"
            let arguments = benchmark.arguments + (benchmark.arguments[0] == "media" ? [] : [folder, scratch.appending(path: "work").path])
            let run = try await JuryProcess(arguments, logs: scratch.appending(path: "logs"), limit: .seconds(240),
                                            binary: try PackageExecutable.juryBench.require()).wait()
            try run.requireSuccess()
            for figure in benchmark.figures {
                #expect(run.stdout.contains(figure), "no \"\(figure)\" in:\n\(run.stdout)")
            }
        }
    }
}
