import Foundation
import Testing

extension CLI {
    /// Issue 10, "Bad input": an answer file far over the limit is refused before it is parsed.
    @Suite struct AnswerLimitTests {
        @Test("jury answer with a 50 MB comment is refused naming the limit, and no verdict is stored")
        func aHugeAnswerIsRefused() async throws {
            let queue = try await CLIQueue(label: "answer-limit")
            defer { queue.remove() }
            try queue.writeInbox(count: 1)
            try await queue.run(["ingest"]).requireSuccess()
            let answer = queue.scratch.appending(path: "huge.json")
            try Data((#"{"category": {"label": "billing"}, "comment": ""# + String(repeating: "x", count: 50_000_000) + #""}"#).utf8).write(to: answer)

            let run = try await queue.run(["answer", "--next", "--answer", answer.path, "--reviewer", "r1"])

            #expect(!run.succeeded)
            #expect(run.stderr.contains("an answer may have at most 4194304 bytes (4 MiB); this one has more"), "\(run)")
            #expect(try LedgerSnapshot.read(queue).verdictRows == 0)
        }
    }
}
