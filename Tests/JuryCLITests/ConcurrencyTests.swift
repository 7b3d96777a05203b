import Foundation
import Testing

extension CLI {
    /// Issue 2, "Concurrency": 8 `jury` processes claim and answer 2,000 loops with TaskCount 3 at once.
    @Suite struct ConcurrencyTests {
        static let loopCount = 2_000
        static let reviewers = (1...8).map { "r\($0)" }
        static let taskCount = 3

        @Test("8 jury processes answer 2,000 loops of TaskCount 3 at once: 3 distinct verdicts each, none lost, one output each")
        func eightReviewerProcessesAnswerTwoThousandLoops() async throws {
            let queue = try await CLIQueue(label: "concurrency", taskCount: Self.taskCount)
            var keep = true
            defer { if !keep { queue.remove() } }
            let clock = ContinuousClock()

            let names = try queue.writeInbox(count: Self.loopCount, prefix: "c")
            let ingestStart = clock.now
            let ingest = try await queue.run(["ingest"]).requireSuccess()
            let ingestTime = clock.now - ingestStart
            #expect(ingest.lines.first == "ingested \(Self.loopCount) new, 0 already known, 0 rejected", "\(ingest)")

            let answer = try queue.answerFile("refund")
            let answerStart = clock.now
            let processes = try Self.reviewers.map { reviewer in
                try queue.start(["answer", "--next", "--answer", answer, "--reviewer", reviewer])
            }
            var runs: [JuryRun] = []
            for process in processes { runs.append(await process.wait()) }
            let answerTime = clock.now - answerStart

            // What the processes said.
            for (reviewer, run) in zip(Self.reviewers, runs) {
                #expect(run.succeeded, "\(run)")
                #expect(run.stderr.isEmpty, "\(reviewer) wrote to stderr: \(run.stderr.prefix(500))")
                #expect(!run.stdout.contains("already stored"), "\(reviewer) resubmitted a verdict")
                let stored = run.storedVerdicts.count
                #expect(run.lines.last == "\(reviewer) answered \(stored) tasks", "\(reviewer)'s summary line: \(run.lines.last ?? "none")")
                #expect(Set(run.storedVerdicts.map(\.loop)).count == stored, "\(reviewer) printed one loop twice")
            }
            let printed = zip(Self.reviewers, runs).flatMap { reviewer, run in run.storedVerdicts.map { (reviewer, $0) } }
            #expect(printed.count == Self.loopCount * Self.taskCount, "verdict stored lines printed by the 8 processes")
            let completing = printed.filter { $0.1.status == "Completed" }
            #expect(completing.count == Self.loopCount, "one printed verdict completes each loop")
            #expect(completing.allSatisfy { $0.1.count == Self.taskCount && $0.1.output?.hasSuffix("/\($0.1.loop)/output.json") == true })

            // What the ledger and the output folder hold.
            let ledger = try LedgerSnapshot.read(queue)
            let scan = OutputScan.read(queue)
            #expect(ledger.loops.count == Self.loopCount)
            #expect(Set(ledger.loops.keys) == Set(names))
            #expect(ledger.verdictRows == Self.loopCount * Self.taskCount, "rows in the verdict table")
            #expect(ledger.claims.isEmpty, "claims left over: \(ledger.claims.prefix(5))")
            let unfinished = ledger.loops.values.filter { $0.status != "Completed" }.map(\.name).sorted()
            #expect(unfinished.isEmpty, "loops not Completed: \(unfinished.prefix(10))")
            let notThree = names.filter { Set(ledger.verdicts[$0] ?? []).count != Self.taskCount }
            #expect(notThree.isEmpty, "loops without exactly 3 distinct reviewers: \(notThree.prefix(10))")
            let printedPairs = Set(printed.map { "\($0.1.loop)/\($0.0)" })
            let ledgerPairs = Set(ledger.verdicts.flatMap { loop, reviewers in reviewers.map { "\(loop)/\($0)" } })
            #expect(printedPairs == ledgerPairs, "printed verdicts and ledger verdicts differ by \(printedPairs.symmetricDifference(ledgerPairs).prefix(10))")
            #expect(scan.outputCount == Self.loopCount, "output.json files")
            #expect(names.allSatisfy { scan.outputs[$0]?.count == 1 && scan.outputs[$0]?.first?.workerIds.count == Self.taskCount })
            #expect(scan.temporaries.isEmpty, "temporary files left in output/: \(scan.temporaries.prefix(5))")
            let problems = invariantProblems(queue, ledger, scan)
            #expect(problems.isEmpty, describe(problems, context: "queue \(queue.root.path)"))

            let perReviewer = zip(Self.reviewers, runs).map { "\($0)=\($1.storedVerdicts.count)" }.joined(separator: " ")
            print("""
                ConcurrencyTests: ingest of \(Self.loopCount) files \(ingestTime); 8 processes stored \(printed.count) verdicts \
                in \(answerTime) (\(Int(Double(printed.count) / (answerTime / .seconds(1)))) verdicts/s); per reviewer: \(perReviewer)
                """)
            keep = !problems.isEmpty || !runs.allSatisfy(\.succeeded) || printed.count != Self.loopCount * Self.taskCount
            if keep { print("ConcurrencyTests: queue kept at \(queue.root.path)") }
        }
    }
}
