import Foundation
import GRDB
import Testing

extension CLI {
    /// The queue service is killed with SIGKILL while 8 reviewer processes answer through its socket; the
    /// clients are restarted against a new service until every loop is complete. No verdict a client was
    /// told is stored may be missing, none may be doubled, and every loop gets exactly one output.
    @Suite struct ServiceCrashTests {
        static let loops = 150
        static let reviewers = (1...8).map { "r\($0)" }

        @Test("kill -9 of jury serve while 8 clients answer: 0 verdicts lost, 0 doubled, one output per loop")
        func killServiceWhileClientsAnswer() async throws {
            let queue = try await CLIQueue(label: "service-crash", taskCount: 3)
            try queue.writeInbox(count: Self.loops, prefix: "s")
            try await queue.run(["ingest"]).requireSuccess()
            let answer = try queue.answerFile("refund")
            var runs: [(reviewer: String, run: JuryRun)] = []
            var service = try await startService(queue)
            let first = try Self.reviewers.map { ($0, try queue.start(["answer", "--next", "--answer", answer, "--reviewer", $0])) }
            try await waitForVerdicts(queue, atLeast: 30)
            service.kill()
            _ = await service.wait()
            for (reviewer, process) in first { runs.append((reviewer, await process.wait())) }
            #expect(runs.contains { $0.run.status != 0 }, "no client noticed the service's death; the kill came too late")

            service = try await startService(queue)
            for round in 0..<3 {
                let again = try Self.reviewers.map { ($0, try queue.start(["answer", "--next", "--answer", answer, "--reviewer", $0])) }
                for (reviewer, process) in again { runs.append((reviewer, await process.wait())) }
                if try LedgerSnapshot.read(queue).loops.values.allSatisfy({ $0.status == "Completed" }) { break }
                #expect(round < 2, "loops still open after three rounds of answering")
            }
            #expect(service.kill())
            _ = await service.wait()
            try await queue.run(["ingest"]).requireSuccess()

            let ledger = try LedgerSnapshot.read(queue)
            let problems = invariantProblems(queue, ledger, OutputScan.read(queue))
                + runs.flatMap { lostVerdicts($0.run, reviewer: $0.reviewer, in: ledger) }
            #expect(problems.isEmpty, describe(problems, context: "service crash (queue \(queue.root.path))"))
            #expect(ledger.loops.values.filter { $0.status == "Completed" }.count == Self.loops)
            if problems.isEmpty { queue.remove() }
        }

        /// A queue of 4 ingested loops of TaskCount 2.
        private func clockQueue(_ label: String) async throws -> CLIQueue {
            let queue = try await CLIQueue(label: label, taskCount: 2)
            try queue.writeInbox(count: 4, prefix: "k")
            try await queue.run(["ingest"]).requireSuccess()
            return queue
        }

        /// Two reviewers answer 2 loops each, one with a wall clock an hour behind, the other two days
        /// ahead (`faketime`, the monotonic clocks left alone); then no loop may have failed.
        private func answerWithShiftedClocks(_ queue: CLIQueue) async throws {
            let answer = try queue.answerFile("billing")
            for (reviewer, offset) in [("r1", "-1h"), ("r2", "+2d")] {
                let run = try await queue.start(["answer", "--next", "--count", "2", "--answer", answer, "--reviewer", reviewer],
                                                launcher: ["/usr/bin/env", "FAKETIME_DONT_FAKE_MONOTONIC=1", "/usr/bin/faketime", "-f", offset]).wait()
                #expect(run.status == 0 && run.storedVerdicts.count == 2, "\(run)")
            }
            let ledger = try LedgerSnapshot.read(queue)
            #expect(ledger.loops.values.allSatisfy { $0.status == "InProgress" || $0.status == "Completed" }, "a client clock failed loops")
        }

        @Test("clients whose clocks are an hour behind or two days ahead answer normally: only the service's clock counts")
        func clientClocksDoNotCount() async throws {
            let queue = try await clockQueue("client-clock")
            let service = try await startService(queue)
            defer { service.kill() }
            try await answerWithShiftedClocks(queue)
            let spent = try await queue.openLedger().read { db in try Double.fetchAll(db, sql: "SELECT time_spent FROM verdict") }
            #expect(spent.count == 4 && spent.allSatisfy { $0 >= 0 && $0 < 60 }, "\(spent)")
        }

        @Test("on a personal queue, processes whose wall clocks are an hour behind or two days ahead keep the timeline of the first")
        func inProcessWritersShareOneTimeline() async throws {
            let queue = try await clockQueue("shared-timeline")
            try await answerWithShiftedClocks(queue)
            let now = Date().timeIntervalSince1970 * 1000
            let stamps = try await queue.openLedger().read { db in
                try Double.fetchAll(db, sql: "SELECT accepted_at FROM verdict UNION ALL SELECT submitted_at FROM verdict")
            }
            #expect(stamps.count == 8 && stamps.allSatisfy { abs($0 - now) < 60_000 }, "\(stamps.map { ($0 - now) / 1000 }) s from now")
            queue.remove()
        }

        @Test("a second jury serve on the same queue is refused before it opens the ledger; the first keeps its socket")
        func oneServiceAQueue() async throws {
            let queue = try await CLIQueue(label: "one-service", taskCount: 1)
            let service = try await startService(queue)
            defer { service.kill() }
            let second = try await queue.run(["serve", "--interval", "0.2"])
            #expect(second.status == 1 && second.stderr.contains("another `jury serve` already serves \(queue.root.path)"), "\(second)")
            var info = stat()
            #expect(lstat(queue.root.appending(path: "jury.sock").path, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK)
            #expect(try await queue.run(["list", "--max-results", "1"]).status == 0)
            queue.remove()
        }

        /// Starts `jury serve` and waits until its socket answers (`jury list` through it succeeds).
        private func startService(_ queue: CLIQueue) async throws -> JuryProcess {
            let service = try queue.start(["serve", "--interval", "0.2"])
            let socket = queue.root.appending(path: "jury.sock").path
            for _ in 0..<200 {
                if FileManager.default.fileExists(atPath: socket), try await queue.run(["list", "--max-results", "1"]).status == 0 { return service }
                try await Task.sleep(for: .milliseconds(50))
            }
            service.kill()
            throw HarnessError("jury serve did not answer on \(socket) within 10 s")
        }

        private func waitForVerdicts(_ queue: CLIQueue, atLeast count: Int) async throws {
            for _ in 0..<400 {
                let verdicts = try await queue.openLedger().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM verdict") ?? 0 }
                if verdicts >= count { return }
                try await Task.sleep(for: .milliseconds(25))
            }
            throw HarnessError("fewer than \(count) verdicts after 10 s")
        }
    }
}
