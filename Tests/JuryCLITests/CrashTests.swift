import Foundation
import Testing

extension CLI {
    /// Issue 2, "Crashes": a `jury` process is killed with SIGKILL at a random moment of ingest, of answering
    /// and of output writing; after recovery (`jury ingest`, which also writes pending outputs) the queue must
    /// be consistent: ledger sound, no verdict lost or doubled, outputs complete and single, inbox drained.
    ///
    /// `JURY_CRASH_TRIALS` (default 60, split evenly over the three phases) and `JURY_CRASH_SEED` set the
    /// number of trials and the seed of the kill delays; Benchmarks/crash-soak.sh runs 1,000 trials.
    /// A failing trial keeps its queue folder and names it, with the seed, trial number and delay.
    @Suite struct CrashTests {
        enum Phase: String, CaseIterable, Sendable {
            /// `jury ingest` of 300 requests and 3 malformed files.
            case ingest
            /// `jury answer --next` on 60 fresh loops while a second reviewer process answers the same loops.
            case answer
            /// `jury answer --next` by the third reviewer on 60 loops with 2 verdicts each: every verdict completes
            /// a loop and writes its output.json.
            case output
        }

        static let trials = max(3, ProcessInfo.processInfo.environment["JURY_CRASH_TRIALS"].flatMap { Int($0) } ?? 60)
        static let seed = ProcessInfo.processInfo.environment["JURY_CRASH_SEED"].flatMap { UInt64($0) } ?? 20_251_127
        static let ingestFiles = 300
        static let answerLoops = 60
        static let badFiles = ["bad-name.json": "bad-name", "bad-not-json.json": "not-json", "bad-unknown-flow.json": "unknown-flow"]

        @Test("SIGKILL at a random moment, then recovery: the queue is consistent", arguments: Phase.allCases)
        func killAtRandomThenRecover(_ phase: Phase) async throws {
            let phaseIndex = Phase.allCases.firstIndex(of: phase)!
            let indices = (0..<Self.trials).filter { $0 % Phase.allCases.count == phaseIndex }
            let clock = ContinuousClock()
            let started = clock.now

            // Calibration: two uninterrupted runs (checked like every trial) give the victim's running time;
            // kill delays are then drawn uniformly from 0 to 90 % of the shortest run seen so far (a victim that
            // exits before its kill shortens the window, so a machine that speeds up still gets kills).
            var calibration: [Double] = []
            for _ in 0..<2 { calibration.append(try await trial(phase, index: nil, delay: nil).victimSeconds) }
            var window = calibration.min()! * 0.9

            var stats = TrialStats()
            for index in indices {
                var random = SplitMix64(seed: Self.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
                let delay = Double.random(in: 0..<1, using: &random) * window
                let report = try await trial(phase, index: index, delay: delay)
                stats.add(report)
                if !report.killed { window = min(window, report.victimSeconds * 0.9) }
            }

            let elapsed = clock.now - started
            print("""
                CrashTests[\(phase)]: \(indices.count) trials (seed \(Self.seed)) in \(elapsed); victim runs \(calibration.map { String(format: "%.0f ms", $0 * 1000) }) \
                uninterrupted, kill delays 0..\(String(format: "%.0f", window * 1000)) ms; \(stats.killed) killed mid-run, \
                \(indices.count - stats.killed) had exited first; \(stats.summary)
                """)
            #expect(stats.killed * 2 >= indices.count, "too few kills landed while \(phase) was running: \(stats.killed) of \(indices.count)")
        }

        /// One trial: a fresh queue, the victim started and (when `delay` is given) killed after `delay` seconds,
        /// recovery, the checks, then (answer and output phases) the work finished to check nothing is stuck.
        private func trial(_ phase: Phase, index: Int?, delay: Double?) async throws -> TrialReport {
            let queue = try await CLIQueue(label: "crash-\(phase)")
            let context = "\(phase) trial \(index.map(String.init) ?? "calibration") (JURY_CRASH_SEED=\(Self.seed), delay "
                + (delay.map { String(format: "%.1f ms", $0 * 1000) } ?? "none") + ", queue \(queue.root.path))"
            var report = TrialReport()
            let problems: [String]
            switch phase {
            case .ingest: problems = try await ingestTrial(queue, delay: delay, report: &report)
            case .answer: problems = try await answerTrial(queue, delay: delay, report: &report)
            case .output: problems = try await outputTrial(queue, delay: delay, report: &report)
            }
            #expect(problems.isEmpty, describe(problems, context: context))
            if problems.isEmpty { queue.remove() } else { print("CrashTests: kept \(context)") }
            return report
        }

        private func killAfter(_ delay: Double?, _ process: JuryProcess) async throws -> JuryRun {
            if let delay {
                try await Task.sleep(for: .seconds(delay))
                process.kill()
            }
            return await process.wait()
        }

        /// A victim that hung until the harness killed it is a failure, not a crash trial.
        private func hang(_ victim: JuryRun) -> [String] {
            victim.timedOut ? ["the victim hung: \(victim)"] : []
        }

        /// Problems of a helper run that must simply succeed.
        private func failures(_ runs: JuryRun...) -> [String] {
            runs.filter { !$0.succeeded || !$0.stderr.isEmpty }.map { "run failed or complained: \($0)" }
        }

        // MARK: Ingest

        private func ingestTrial(_ queue: CLIQueue, delay: Double?, report: inout TrialReport) async throws -> [String] {
            let names = try queue.writeInbox(count: Self.ingestFiles, prefix: "i")
            try queue.dropRaw(Data(#"{"HumanLoopName": "half"#.utf8), as: "bad-not-json.json")
            try queue.dropRaw(Data(#"{"HumanLoopName": "x1", "FlowDefinitionName": "no-such-flow", "HumanLoopInput": {"InputContent": "{}"}}"#.utf8),
                              as: "bad-unknown-flow.json")
            try queue.dropRaw(Data(#"{"HumanLoopName": "Bad_Name", "FlowDefinitionName": "stress", "HumanLoopInput": {"InputContent": "{}"}}"#.utf8),
                              as: "bad-name.json")

            let victim = try await killAfter(delay, try queue.start(["ingest"]))
            var problems: [String] = []
            report.record(victim)
            problems += hang(victim)
            if !victim.killedBySignal {
                problems += failures(victim)
                if victim.lines.first != "ingested \(Self.ingestFiles) new, 0 already known, 3 rejected" { problems.append("uninterrupted ingest said \(victim.lines.first ?? "nothing")") }
            }
            let left = queue.files(under: queue.inbox).filter { !$0.hasPrefix(".") }.count
            if left > 0 && left < Self.ingestFiles + Self.badFiles.count { report.note("ingest killed half-way (inbox partly drained)") }
            if left == Self.ingestFiles + Self.badFiles.count { report.note("ingest killed before removing any inbox file") }

            let recovery = try await queue.run(["ingest"])
            problems += failures(recovery)

            let ledger = try LedgerSnapshot.read(queue)
            let scan = OutputScan.read(queue)
            problems += invariantProblems(queue, ledger, scan)
            if Set(ledger.loops.keys) != Set(names) {
                problems.append("ledger loops differ from the requests: \(Set(ledger.loops.keys).symmetricDifference(names).sorted().prefix(10))")
            }
            let notFresh = ledger.loops.values.filter { $0.status != "InProgress" || $0.verdictCounter != 0 }
            if !notFresh.isEmpty { problems.append("loops changed by ingest: \(notFresh.prefix(3).map(\.name))") }

            // rejected/: exactly the 3 malformed files, each with its reason (dot-named temporaries aside).
            let rejected = queue.files(under: queue.rejected)
            let kept = rejected.filter { !$0.hasPrefix(".") }
            let expected = Self.badFiles.keys.flatMap { [$0, "\($0).reason.json"] }
            if Set(kept) != Set(expected) || kept.count != expected.count { problems.append("rejected/ holds \(kept), expected \(expected.sorted())") }
            for (file, code) in Self.badFiles {
                let reason = (try? Data(contentsOf: queue.rejected.appending(path: "\(file).reason.json")))
                    .flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
                if reason?["code"] as? String != code || reason?["file"] as? String != file {
                    problems.append("\(file).reason.json is \(reason.map { "\($0)" } ?? "missing or unreadable"), expected code \(code)")
                }
            }
            report.leftovers += rejected.filter { $0.hasPrefix(".") }.map { "rejected/\($0)" }
            report.leftovers += queue.files(under: queue.inbox).filter { $0.hasPrefix(".") }.map { "inbox/\($0)" }
            report.leftovers += scan.temporaries.map { "output/\($0)" }
            return problems
        }

        // MARK: Answer

        private func answerTrial(_ queue: CLIQueue, delay: Double?, report: inout TrialReport) async throws -> [String] {
            let loops = Self.answerLoops
            let names = try queue.writeInbox(count: loops, prefix: "a")
            var problems = failures(try await queue.run(["ingest"]))
            let answer = try queue.answerFile("shipping")

            let victimProcess = try queue.start(["answer", "--next", "--answer", answer, "--reviewer", "r1"])
            let partnerProcess = try queue.start(["answer", "--next", "--answer", answer, "--reviewer", "r2"])
            let victim = try await killAfter(delay, victimProcess)
            let partner = await partnerProcess.wait()
            report.record(victim)
            problems += hang(victim)
            problems += failures(partner)
            if partner.storedVerdicts.count != loops { problems.append("r2, running beside the killed r1, stored \(partner.storedVerdicts.count) of \(loops)") }
            if !victim.killedBySignal {
                problems += failures(victim)
                if victim.storedVerdicts.count != loops { problems.append("uninterrupted r1 stored \(victim.storedVerdicts.count) of \(loops)") }
            }

            problems += failures(try await queue.run(["ingest"]))
            let ledger = try LedgerSnapshot.read(queue)
            problems += invariantProblems(queue, ledger, OutputScan.read(queue))
            problems += lostVerdicts(victim, reviewer: "r1", in: ledger) + lostVerdicts(partner, reviewer: "r2", in: ledger)
            let r1Verdicts = names.filter { ledger.hasVerdict($0, by: "r1") }.count
            let unprinted = r1Verdicts - victim.storedVerdicts.count
            if !(0...1).contains(unprinted) { problems.append("r1 has \(r1Verdicts) verdicts in the ledger but printed \(victim.storedVerdicts.count)") }
            if unprinted == 1 { report.note("verdict committed, killed before printing it") }
            let held = ledger.claims.filter { $0.value.contains("r1") }.count
            if held > 1 { problems.append("killed r1 holds \(held) claims") }
            if held == 1 { report.note("killed holding a claim (resumed afterwards)") }

            // Finish the work: the killed reviewer resumes (its held claim first), then a third reviewer.
            let resumed = try await queue.run(["answer", "--next", "--answer", answer, "--reviewer", "r1"])
            let third = try await queue.run(["answer", "--next", "--answer", answer, "--reviewer", "r3"])
            problems += failures(resumed, third)
            if resumed.storedVerdicts.count != loops - r1Verdicts { problems.append("resumed r1 stored \(resumed.storedVerdicts.count), expected \(loops - r1Verdicts)") }
            problems += finalState(queue, names: names)
            return problems
        }

        // MARK: Output writing

        private func outputTrial(_ queue: CLIQueue, delay: Double?, report: inout TrialReport) async throws -> [String] {
            let loops = Self.answerLoops
            let names = try queue.writeInbox(count: loops, prefix: "o")
            var problems = failures(try await queue.run(["ingest"]))
            let answer = try queue.answerFile("billing")
            for reviewer in ["r1", "r2"] {
                problems += failures(try await queue.run(["answer", "--next", "--answer", answer, "--reviewer", reviewer]))
            }

            let victim = try await killAfter(delay, try queue.start(["answer", "--next", "--answer", answer, "--reviewer", "r3"]))
            report.record(victim)
            problems += hang(victim)
            if !victim.killedBySignal {
                problems += failures(victim)
                if victim.storedVerdicts.count != loops { problems.append("uninterrupted r3 stored \(victim.storedVerdicts.count) of \(loops)") }
            }
            if victim.storedVerdicts.contains(where: { $0.status != "Completed" || $0.output == nil }) {
                problems.append("a third verdict did not complete its loop with an output: \(victim.lines.prefix(3))")
            }

            // Where the kill landed, before recovery touches anything.
            let before = try LedgerSnapshot.read(queue)
            let scanBefore = OutputScan.read(queue)
            let pending = before.loops.values.filter { $0.status == "Completed" && $0.outputState == "pending" }
            for loop in pending {
                report.note(scanBefore.outputs[loop.name] == nil
                    ? "killed between the verdict's commit and its output file"
                    : "killed after the output's rename, before it was marked written")
            }
            if !scanBefore.temporaries.isEmpty { report.note("killed inside the output write (temporary file left)") }

            problems += failures(try await queue.run(["ingest"]))
            let ledger = try LedgerSnapshot.read(queue)
            let scan = OutputScan.read(queue)
            problems += invariantProblems(queue, ledger, scan)
            problems += lostVerdicts(victim, reviewer: "r3", in: ledger)
            for line in victim.storedVerdicts where !FileManager.default.fileExists(atPath: line.output ?? "") {
                problems.append("r3 printed output \(line.output ?? "none") for \(line.loop), which does not exist")
            }
            let r3Verdicts = names.filter { ledger.hasVerdict($0, by: "r3") }.count
            if !(0...1).contains(r3Verdicts - victim.storedVerdicts.count) {
                problems.append("r3 has \(r3Verdicts) verdicts in the ledger but printed \(victim.storedVerdicts.count)")
            }
            report.leftovers += scan.temporaries.map { "output/\($0)" }

            let resumed = try await queue.run(["answer", "--next", "--answer", answer, "--reviewer", "r3"])
            problems += failures(resumed)
            problems += finalState(queue, names: names)
            return problems
        }

        /// After the work is finished: every loop Completed with 3 verdicts and its output, no claim left.
        private func finalState(_ queue: CLIQueue, names: [String]) -> [String] {
            do {
                let ledger = try LedgerSnapshot.read(queue)
                var problems = invariantProblems(queue, ledger, OutputScan.read(queue)).map { "finished: \($0)" }
                let open = names.filter { ledger.loops[$0]?.status != "Completed" }
                if !open.isEmpty { problems.append("finished: loops not Completed: \(open.prefix(5))") }
                if !ledger.claims.isEmpty { problems.append("finished: claims left: \(ledger.claims.prefix(3))") }
                return problems
            } catch {
                return ["finished: cannot read the ledger: \(error)"]
            }
        }
    }
}

/// What one crash trial saw, for the summary line.
struct TrialReport {
    var victimSeconds = 0.0
    var killed = false
    /// Where kills landed ("killed before printing", "output pending"…), counted over trials.
    var notes: [String] = []
    /// Dot-named temporary files left after recovery.
    var leftovers: [String] = []

    mutating func record(_ victim: JuryRun) {
        victimSeconds = victim.seconds
        killed = victim.killedBySignal && !victim.timedOut
    }

    mutating func note(_ text: String) { notes.append(text) }
}

struct TrialStats {
    var killed = 0
    var notes: [String: Int] = [:]
    var leftovers: [String] = []

    mutating func add(_ report: TrialReport) {
        if report.killed { killed += 1 }
        for note in report.notes { notes[note, default: 0] += 1 }
        leftovers += report.leftovers
    }

    var summary: String {
        let landed = notes.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key)" }.joined(separator: "; ")
        let left = leftovers.isEmpty ? "no temporary files left" : "\(leftovers.count) dot-named temporary files left after recovery, e.g. \(leftovers.prefix(3))"
        return (landed.isEmpty ? "" : landed + "; ") + left
    }
}
