import Foundation
import Testing

extension CLI {
    /// Issue 10, "Bad input": concurrent `jury ingest` processes on one inbox of bad files.
    @Suite struct IngestRaceTests {
        static let files = 300
        static let processes = 4

        @Test("4 jury ingest processes reject 300 bad files, then 300 more of the same names: each kept once, each with its own reason")
        func concurrentIngestersKeepEveryReason() async throws {
            let queue = try await CLIQueue(label: "ingest-race")
            var keep = true
            defer { if !keep { queue.remove() } }
            for round in 0..<2 {
                for index in 0..<Self.files { try queue.dropRaw(Data("bad \(round) \(index)".utf8), as: "bad-\(index).json") }
                let started = try (0..<Self.processes).map { _ in try queue.start(["ingest"]) }
                var runs: [JuryRun] = []
                for process in started { runs.append(await process.wait()) }
                let failed = runs.filter { !$0.succeeded }
                #expect(failed.isEmpty, "\(failed)")
                #expect(runs.map(Self.rejectedCount).reduce(0, +) == Self.files, "round \(round): \(runs.map(\.lines.first))")
            }

            let names = try FileManager.default.contentsOfDirectory(atPath: queue.rejected.path).filter { $0 != ".moving" }
            #expect(queue.files(under: queue.rejected.appending(path: ".moving")).isEmpty, "files left waiting in rejected/.moving")
            let kept = names.filter { !$0.hasSuffix(".reason.json") }
            let reasons = Set(names.filter { $0.hasSuffix(".reason.json") })
            #expect(kept.count == 2 * Self.files && reasons.count == kept.count, "\(kept.count) kept files, \(reasons.count) reasons")
            #expect(kept.filter { !reasons.contains($0 + ".reason.json") }.isEmpty, "kept files without a reason")
            #expect(!names.contains { $0.hasPrefix(".") }, "temporary files left in rejected/")
            var bodies = Set<String>()
            for name in kept {
                let body = String(decoding: try Data(contentsOf: queue.rejected.appending(path: name)), as: UTF8.self)
                let reason = try? Data(contentsOf: queue.rejected.appending(path: name + ".reason.json"))
                let file = (reason.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any])?["file"] as? String
                #expect(file.map { body.hasSuffix(" \($0.dropFirst(4).dropLast(5))") } == true, "\(name) holds \(body), its reason names \(file ?? "nothing")")
                bodies.insert(body)
            }
            #expect(bodies.count == 2 * Self.files, "distinct originals kept")
            #expect(queue.files(under: queue.inbox).isEmpty, "files left in the inbox")
            keep = bodies.count != 2 * Self.files
        }

        /// N of the summary line `ingested X new, Y already known, N rejected`.
        static func rejectedCount(_ run: JuryRun) -> Int {
            run.lines.first.flatMap { $0.split(separator: " ").dropLast().last }.flatMap { Int($0) } ?? -1
        }
    }
}
