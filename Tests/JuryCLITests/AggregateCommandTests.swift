import Foundation
import Testing

extension CLI {
    @Suite struct AggregateCommandTests {
        /// Three items: "loop, one" 2-1 for cat, t2 unanimous dog, t3 a cat/dog tie (cat seen first).
        /// Columns in another order than Crowd-Kit's, and a task name that needs quoting.
        static let answers = """
            task,worker,label
            "loop, one",ana,cat
            "loop, one",bo,cat
            "loop, one",cy,dog
            t2,ana,dog
            t2,bo,dog
            t2,cy,dog
            t3,ana,cat
            t3,bo,dog

            """
        static let gold = "task,label\n\"loop, one\",cat\nt2,dog\nt3,dog\n"

        func write(_ text: String, as name: String, in queue: CLIQueue) throws -> String {
            let url = queue.scratch.appending(path: name)
            try Data(text.utf8).write(to: url)
            return url.path
        }

        @Test func answersFilePrintsLabelsAccuracyAndHonoursTieBreaking() async throws {
            let queue = try await CLIQueue(label: "aggregate-file")
            defer { queue.remove() }
            let answers = try write(Self.answers, as: "answers.csv", in: queue)
            let gold = try write(Self.gold, as: "gold.csv", in: queue)

            let labels = try await queue.run(["aggregate", "--answers", answers, "--method", "mv"], queue: false).requireSuccess()
            #expect(labels.lines == ["task,label,confidence,unresolved", "\"loop, one\",cat,0.666667,", "t2,dog,1.000000,", "t3,cat,0.500000,tie"])

            let scored = try await queue.run(["aggregate", "--answers", answers, "--gold", gold], queue: false).requireSuccess()
            #expect(scored.lines == ["mv: accuracy 66.67 % (2 of 3 gold items), 1 of 3 items unresolved: t3"])

            let json = try await queue.run(["aggregate", "--answers", answers, "--gold", gold, "--method", "ds", "--json"],
                                           queue: false).requireSuccess()
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(report["method"] as? String == "ds")
            #expect(report["gold"] as? Double == 3 && report["items"] as? Double == 3)

            let broken = try await queue.run(["aggregate", "--answers", answers, "--gold", gold, "--break-ties", "--json"],
                                             queue: false).requireSuccess()
            let settled = try #require(try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any])
            #expect(settled["unresolved"] as? Double == 0 && settled["correct"] as? Double == 2)
        }

        @Test("labels reach a pipe as they are (a tab, a zero-width space), as jury export writes data")
        func labelsReachAPipeUnchanged() async throws {
            let queue = try await CLIQueue(label: "aggregate-pipe")
            defer { queue.remove() }
            let label = "cat\tgrey\u{200B}"
            let answers = try write("task,worker,label\nt1,ana,\"\(label)\"\nt1,bo,\"\(label)\"\n", as: "answers.csv", in: queue)
            let labels = try await queue.run(["aggregate", "--answers", answers, "--method", "mv"], queue: false).requireSuccess()
            #expect(labels.lines == ["task,label,confidence,unresolved", "t1,\(label),1.000000,"])
        }

        @Test func ebccTakesStartsAndSeedAndRepeatsItselfExactly() async throws {
            let queue = try await CLIQueue(label: "aggregate-ebcc")
            defer { queue.remove() }
            let answers = try write(Self.answers, as: "answers.csv", in: queue)
            let arguments = ["aggregate", "--answers", answers, "--method", "ebcc", "--starts", "3", "--seed", "5"]
            let first = try await queue.run(arguments, queue: false).requireSuccess()
            let second = try await queue.run(arguments, queue: false).requireSuccess()
            #expect(first.lines.count == 4 && first.lines == second.lines)
            #expect(first.lines.first == "task,label,confidence,unresolved" && first.lines[2].hasPrefix("t2,dog,"))
            let refused = try await queue.run(["aggregate", "--answers", answers, "--method", "ebcc", "--starts", "0"], queue: false)
            #expect(refused.status != 0 && refused.stderr.contains("--starts must be at least 1"))
        }

        @Test func ebccWithOneSubtypeAndAFlatPriorIsIbcc() async throws {
            let queue = try await CLIQueue(label: "aggregate-bcc-options")
            defer { queue.remove() }
            let answers = try write(Self.answers, as: "answers.csv", in: queue)
            let ibcc = try await queue.run(["aggregate", "--answers", answers, "--method", "ibcc"], queue: false).requireSuccess()
            let ebcc = try await queue.run(["aggregate", "--answers", answers, "--method", "ebcc", "--groups", "1", "--no-empirical-prior",
                                            "--max-iterations", "500", "--tolerance", "0.001"], queue: false).requireSuccess()
            #expect(ebcc.lines.count == 4 && ebcc.lines == ibcc.lines)
            let priorless = try await queue.run(["aggregate", "--answers", answers, "--method", "ebcc", "--group-prior", "0"], queue: false)
            #expect(priorless.status != 0 && priorless.stderr.contains("--group-prior must be a number above 0"))
            let withFlow = try await queue.run(["aggregate", "--flow", "tickets", "--method", "ebcc", "--groups", "3"], queue: false)
            #expect(withFlow.status != 0 && withFlow.stderr.contains("set the ibcc and ebcc options in the flow"))
            let tiesWithFlow = try await queue.run(["aggregate", "--flow", "tickets", "--method", "ds", "--break-ties"], queue: false)
            #expect(tiesWithFlow.status != 0 && tiesWithFlow.stderr.contains("ties are settled as the flow's Jury.Consensus.TieBreaker says"))
        }

        @Test(arguments: [
            ("worker,task\nw,t\n", "has no label column"),
            ("worker,task,label\nw,t,cat\nw,t\n", "line 3 has too few columns"),
            ("worker,task,label\nw,t,cat\nw,t,c\"at\n", "line 3: a quote inside an unquoted field"),
            ("worker,task,label\nw,t,\u{FFFD}\n", "line 2: invalid UTF-8"),
        ])
        func badAnswerFilesAreRefusedWithTheirReason(text: String, reason: String) async throws {
            let queue = try await CLIQueue(label: "aggregate-bad")
            defer { queue.remove() }
            var data = Data(text.utf8)
            if let replacement = data.range(of: Data("\u{FFFD}".utf8)) { data.replaceSubrange(replacement, with: [0xC3, 0x28]) }
            let path = queue.scratch.appending(path: "answers.csv")
            try data.write(to: path)
            let run = try await queue.run(["aggregate", "--answers", path.path], queue: false)
            #expect(!run.succeeded && run.stdout.isEmpty)
            #expect(run.stderr.contains(reason), "stderr: \(run.stderr)")
        }

        @Test func queueFlowRecomputesEveryCompletedLoopsConsensusBlock() async throws {
            let queue = try await CLIQueue(label: "aggregate-queue")
            defer { queue.remove() }
            try queue.writeInbox(count: 3, prefix: "agg")
            try await queue.run(["ingest"]).requireSuccess()
            for (reviewer, label) in [("r1", "billing"), ("r2", "billing"), ("r3", "shipping")] {
                let answer = try queue.answerFile(label)
                try await queue.run(["answer", "--next", "--count", "2", "--answer", answer, "--reviewer", reviewer]).requireSuccess()
            }
            let before = try extras(of: queue)
            #expect(before.count == 2)
            #expect(before.allSatisfy { consensus($0)?["method"] as? String == "mv" })

            let dry = try await queue.run(["aggregate", "--flow", CLIQueue.flow, "--method", "ds"]).requireSuccess()
            #expect(dry.lines.first?.hasPrefix("\(CLIQueue.flow) with ds: 2 of 2 completed loops would change") == true)
            #expect(dry.lines.last == "dry run: nothing was written; add --write to write the new outputs")
            #expect(try extras(of: queue).allSatisfy { consensus($0)?["method"] as? String == "mv" })

            let run = try await queue.run(["aggregate", "--flow", CLIQueue.flow, "--method", "ds", "--write", "--json"]).requireSuccess()
            let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(report["loops"] as? Double == 2 && report["method"] as? String == "ds" && report["written"] as? Bool == true)
            #expect(try queue.files(under: queue.output).filter { $0.hasSuffix("jury.v1.json") }.count == 2)

            let after = try outputs(of: queue)
            #expect(after.count == 2)
            for document in after {
                #expect(document["consensus"] == nil)
                #expect((document["humanAnswers"] as? [Any])?.count == 3)
            }
            let blocks = try extras(of: queue).compactMap(consensus)
            #expect(blocks.count == 2)
            for block in blocks {
                #expect(block["method"] as? String == "ds")
                #expect(block["value"] as? String == "billing")
            }
        }

        /// The parsed output.json documents under the queue's output folder.
        func outputs(of queue: CLIQueue) throws -> [[String: Any]] { try documents(named: "output.json", of: queue) }

        /// The parsed jury.json documents (Jury's extras) under the queue's output folder.
        func extras(of queue: CLIQueue) throws -> [[String: Any]] { try documents(named: "jury.json", of: queue) }

        func documents(named name: String, of queue: CLIQueue) throws -> [[String: Any]] {
            try queue.files(under: queue.output).filter { $0.hasSuffix("/" + name) }.map { path in
                let data = try Data(contentsOf: queue.output.appending(path: path))
                return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            }
        }

        func consensus(_ document: [String: Any]) -> [String: Any]? { document["consensus"] as? [String: Any] }
    }
}
