import Foundation
import Testing

extension CLI {
    @Suite struct VerdictChangeCommandTests {
        @Test("jury answer --amend replaces one's verdict and jury withdraw takes it back, while the loop is in progress")
        func amendAndWithdraw() async throws {
            let queue = try await CLIQueue(label: "verdict-change")
            defer { queue.remove() }
            let loop = try queue.writeInbox(count: 1)[0]
            try await queue.run(["ingest"]).requireSuccess()
            try await queue.run(["answer", "--next", "--answer", queue.answerFile("billing"), "--reviewer", "r1"]).requireSuccess()
            let amended = try await queue.run(["answer", loop, "--amend", "--answer", queue.answerFile("refund"), "--reviewer", "r1"])
                .requireSuccess()
            #expect(amended.lines == ["verdict amended: \(loop) 1/3 InProgress"])
            let withdrawn = try await queue.run(["withdraw", loop, "--reviewer", "r1"]).requireSuccess()
            #expect(withdrawn.lines == ["withdrew your verdict on \(loop)"])
            let refused = try await queue.run(["withdraw", loop, "--reviewer", "r1"])
            #expect(!refused.succeeded && refused.stderr.contains("r1 gave no verdict on \(loop)"))
            let misused = try await queue.run(["answer", "--next", "--amend", "--answer", queue.answerFile("refund"), "--reviewer", "r1"])
            #expect(!misused.succeeded && misused.stderr.contains("--amend takes a LOOP"))
        }
    }
}
