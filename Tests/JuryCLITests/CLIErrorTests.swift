import Foundation
import GRDB
import Testing

extension CLI {
    /// Identity on normal queues, and the CLI's error convention: message on stderr, nothing on stdout, non-zero exit.
    @Suite struct CLIErrorTests {
        /// Expects `run` to have failed the CLI way, its stderr containing every one of `phrases`.
        private func expectFailure(_ run: JuryRun, exit: Int32? = nil, mentions phrases: [String],
                                   sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(!run.killedBySignal && run.status != 0, "\(run)", sourceLocation: sourceLocation)
            if let exit { #expect(run.status == exit, "\(run)", sourceLocation: sourceLocation) }
            #expect(run.stdout.isEmpty, "an error printed to stdout: \(run)", sourceLocation: sourceLocation)
            for phrase in phrases {
                #expect(run.stderr.contains(phrase), "stderr lacks \"\(phrase)\": \(run)", sourceLocation: sourceLocation)
            }
        }

        @Test("errors while running print no usage and no raw Foundation error text; usage errors keep their usage")
        func errorsSayWhatWentWrong() async throws {
            let queue = try await CLIQueue(label: "errors-text")
            defer { queue.remove() }
            let file = queue.scratch.appending(path: "plain-file")
            try Data("x".utf8).write(to: file)
            let blocked = try await queue.run(["init", "--queue", file.appending(path: "queue").path], queue: false)
            expectFailure(blocked, mentions: ["Error: "])
            #expect(!blocked.stderr.contains("NSCocoaErrorDomain") && !blocked.stderr.contains("Usage:"), "\(blocked)")
            let unreadable = try await queue.run(["submit", "--flow", CLIQueue.flow, queue.scratch.appending(path: "missing.json").path])
            expectFailure(unreadable, exit: 64, mentions: ["cannot read"])
            #expect(!unreadable.stderr.contains("Usage:") && !unreadable.stderr.contains("NSCocoaErrorDomain"), "\(unreadable)")
            let misused = try await queue.run(["list", "--max-results"])
            expectFailure(misused, exit: 64, mentions: ["Usage:"])
        }

        @Test("jury init --shared with a group that does not exist makes nothing, so a corrected retry is not refused")
        func sharedInitChecksGroupsFirst() async throws {
            let queue = try await CLIQueue(label: "init-groups")
            defer { queue.remove() }
            let target = queue.scratch.appending(path: "team-queue").path
            let refused = try await queue.run(["init", "--shared", "--producers", "no-such-group-x1", "--consumers", "no-such-group-x2",
                                               "--queue", target], queue: false)
            expectFailure(refused, exit: 1, mentions: ["no group named no-such-group-x1 on this host"])
            #expect(!FileManager.default.fileExists(atPath: target + "/jury.sqlite"), "a refused init left a ledger")
        }

        @Test("jury export into a pipe whose reader has gone (| head) ends quietly, as SIGPIPE would end it")
        func exportIntoAClosedPipe() async throws {
            let queue = try await CLIQueue(label: "export-pipe", taskCount: 1)
            defer { queue.remove() }
            try queue.writeInbox(count: 200, prefix: "p")
            try await queue.run(["ingest"]).requireSuccess()
            try await queue.run(["answer", "--next", "--answer", try queue.answerFile("refund"), "--reviewer", "r1"]).requireSuccess()
            let jury = try PackageExecutable.jury.require().path
            let piped = try Shell.run(["/bin/bash", "-c", "\"$0\" export --queue \"$1\" --reviewer r1 | true; echo \"exit ${PIPESTATUS[0]}\"",
                                       jury, queue.root.path])
            #expect(piped.stdout == "exit 141\n" && piped.stderr.isEmpty, "\(piped)")
        }

        @Test("a newline in data an error quotes cannot print a line of its own: the lines after the first are indented")
        func quotedNewlinesIndented() async throws {
            let queue = try await CLIQueue(label: "errors-lines")
            defer { queue.remove() }
            let forged = queue.scratch.appending(path: "missing\nverdict recorded: inv-1 1/1 Completed.json").path
            let run = try await queue.run(["submit", "--flow", CLIQueue.flow, forged])
            expectFailure(run, exit: 64, mentions: ["cannot read", "missing\n  verdict recorded: inv-1"])
            #expect(!run.stderr.split(separator: "\n").contains { $0.hasPrefix("verdict recorded") }, "\(run)")
        }

        @Test("list prints a header and aligned columns; describe prints text unless --json")
        func listAndDescribeText() async throws {
            let queue = try await CLIQueue(label: "list-text")
            defer { queue.remove() }
            try queue.writeInbox(count: 2, prefix: "t")
            try await queue.run(["ingest"]).requireSuccess()
            let lines = try await queue.run(["list"]).requireSuccess().stdout.split(separator: "\n")
            #expect(lines.first?.hasPrefix("NAME") == true && lines.count == 3, "\(lines)")
            let statusColumn = lines.map { $0.range(of: "InProgress")?.lowerBound.utf16Offset(in: $0) }
            #expect(lines.first?.range(of: "STATUS")?.lowerBound.utf16Offset(in: lines[0]) == statusColumn[1])
            #expect(statusColumn[1] == statusColumn[2])
            let text = try await queue.run(["describe", "t-00000"]).requireSuccess().stdout
            #expect(text.contains("HumanLoopStatus: InProgress") && !text.contains("{"), "\(text)")
            let json = try await queue.run(["describe", "t-00000", "--json"]).requireSuccess().stdout
            #expect(json.contains(#""HumanLoopStatus": "InProgress""#))
        }

        @Test("a normal queue refuses --reviewer with a clear message, a non-zero exit and no side effect")
        func normalQueueRefusesReviewer() async throws {
            // A normal queue's workforce is the login name alone, in team "reviewers".
            let queue = try await CLIQueue(label: "normal", demo: false, team: "reviewers")
            try queue.writeInbox(count: 2, prefix: "n")
            try await queue.run(["ingest"]).requireSuccess()
            let answer = try queue.answerFile()
            let refusal = "acting as another reviewer (--reviewer) is only accepted on demo queues (`jury init --demo`); here you act as "
            for arguments in [
                ["claim", "--reviewer", "mallory"],
                ["answer", "--next", "--answer", answer, "--reviewer", "mallory"],
                ["answer", "n-00000", "--answer", answer, "--reviewer", "mallory"],
                ["release", "n-00000", "--reviewer", "mallory"],
                ["stop", "n-00000", "--reviewer", "mallory"],
                ["delete", "n-00000", "--reviewer", "mallory"],
            ] {
                expectFailure(try await queue.run(arguments), exit: 1, mentions: [refusal])
            }
            let touched = try await queue.openLedger().read { db in
                try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM claim) + (SELECT count(*) FROM verdict) + (SELECT count(*) FROM audit)")
            }
            #expect(touched == 0, "a refused --reviewer left claims, verdicts or audit rows")

            // Without --reviewer the same queue works, as the login name.
            let claim = try await queue.run(["claim", "--json"]).requireSuccess()
            let claimed = try JSONSerialization.jsonObject(with: Data(claim.stdout.utf8)) as? [String: Any]
            #expect(claimed?["Claimed"] as? Bool == true && claimed?["HumanLoopName"] as? String == "n-00000", "\(claim)")
            let reviewer = try #require(claimed?["Reviewer"] as? String)
            #expect(!reviewer.isEmpty && reviewer != "mallory")
            // The refusal names the identity one does act as, even when --reviewer gives that very name.
            expectFailure(try await queue.run(["claim", "--reviewer", reviewer]), exit: 1, mentions: [refusal + reviewer])
            queue.remove()
        }

        @Test("errors go to stderr with a non-zero exit and say what to do")
        func errorsGoToStderrWithNonZeroExit() async throws {
            let queue = try await CLIQueue(label: "errors")
            try queue.writeInbox(count: 1, prefix: "e")
            try await queue.run(["ingest"]).requireSuccess()
            let answer = try queue.answerFile()

            // An unknown loop, for reads and for writes.
            expectFailure(try await queue.run(["describe", "no-such-loop"]), exit: 1, mentions: ["no human loop named no-such-loop"])
            expectFailure(try await queue.run(["describe", "no-such-loop", "--json"]), exit: 1, mentions: ["no human loop named no-such-loop"])
            expectFailure(try await queue.run(["answer", "no-such-loop", "--answer", answer, "--reviewer", "r1"]), exit: 1,
                          mentions: ["no human loop named no-such-loop"])
            expectFailure(try await queue.run(["stop", "no-such-loop", "--reviewer", "r1"]), exit: 1, mentions: ["no human loop named no-such-loop"])

            // Refresh intervals below 0.1 s or above a day are refused before any terminal is opened (exit 64: usage).
            expectFailure(try await queue.run(["review", "--dashboard-refresh", "0.05", "--reviewer", "r1"]), exit: 64,
                          mentions: ["--dashboard-refresh must be from 0.1 to 86400 seconds (a day)"])
            expectFailure(try await queue.run(["dashboard", "--refresh", "0", "--reviewer", "r1"]), exit: 64,
                          mentions: ["--refresh must be from 0.1 to 86400 seconds (a day)"])
            expectFailure(try await queue.run(["dashboard", "--refresh", "1e16", "--reviewer", "r1"]), exit: 64,
                          mentions: ["--refresh must be from 0.1 to 86400 seconds (a day)"])

            // Answer without a claim when every slot is taken by others' claims.
            for reviewer in ["r1", "r2", "r3"] {
                let claim = try await queue.run(["claim", "--reviewer", reviewer]).requireSuccess()
                #expect(claim.stdout.hasPrefix("claimed e-00000 "), "\(claim)")
            }
            expectFailure(try await queue.run(["answer", "e-00000", "--answer", answer, "--reviewer", "r4"]), exit: 1,
                          mentions: ["r4 holds no claim on e-00000; claim it first", "jury claim"])
            // Nothing left to claim is a distinct exit status (3), reported on stdout for scripts.
            let nothing = try await queue.run(["claim", "--reviewer", "r4"])
            #expect(nothing.status == 3 && !nothing.killedBySignal && nothing.stdout.contains("nothing to claim for r4"), "\(nothing)")

            // Releasing a claim one does not hold; deleting a loop that is still InProgress.
            expectFailure(try await queue.run(["release", "e-00000", "--reviewer", "r4"]), exit: 1, mentions: ["r4 holds no claim on e-00000"])
            expectFailure(try await queue.run(["delete", "e-00000", "--reviewer", "r1"]), exit: 1, mentions: ["is InProgress", "jury stop e-00000"])

            // Invalid answers name the JSON path; a changed verdict is refused.
            let wrong = queue.scratch.appending(path: "wrong.json")
            try Data(#"{"category": {"label": "weather"}}"#.utf8).write(to: wrong)
            expectFailure(try await queue.run(["answer", "e-00000", "--answer", wrong.path, "--reviewer", "r1"]), exit: 1,
                          mentions: ["answer $.category.label", "\"weather\" is not a category"])
            try await queue.run(["answer", "e-00000", "--answer", answer, "--reviewer", "r1"]).requireSuccess()
            expectFailure(try await queue.run(["answer", "e-00000", "--answer", try queue.answerFile("refund"), "--reviewer", "r1"]), exit: 1,
                          mentions: ["r1 already gave a different verdict on e-00000"])
            expectFailure(try await queue.run(["answer", "e-00000", "--answer", queue.scratch.appending(path: "missing.json").path,
                                               "--reviewer", "r2"]), mentions: ["cannot read"])

            // Usage errors: no queue at all, not a queue, LOOP together with --next.
            expectFailure(try await queue.run(["list"], queue: false), exit: 64, mentions: ["no queue: pass --queue PATH or set JURY_QUEUE"])
            let elsewhere = queue.scratch.appending(path: "not-a-queue").path
            expectFailure(try await queue.run(["list", "--queue", elsewhere], queue: false), exit: 1,
                          mentions: ["is not a Jury queue", "jury init --queue \(elsewhere)"])
            expectFailure(try await queue.run(["answer", "e-00000", "--next", "--answer", answer, "--reviewer", "r2"]), exit: 64,
                          mentions: ["give either a LOOP or --next"])

            // None of the refused commands changed the loop: one verdict (r1), the claims of r2 and r3.
            let detail = try await queue.run(["describe", "e-00000", "--json"]).requireSuccess()
            let document = try JSONSerialization.jsonObject(with: Data(detail.stdout.utf8)) as? [String: Any]
            let jury = document?["Jury"] as? [String: Any]
            #expect(document?["HumanLoopStatus"] as? String == "InProgress")
            #expect(jury?["Verdicts"] as? Int == 1, "\(detail.stdout)")
            #expect(((jury?["Claims"] as? [[String: Any]]) ?? []).compactMap { $0["Reviewer"] as? String }.sorted() == ["r2", "r3"])
            queue.remove()
        }
    }
}
