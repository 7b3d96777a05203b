import Foundation
import JuryCore
import JuryService
import Synchronization
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    @Test("64 concurrent verdicts are all stored, in fewer transactions than verdicts")
    func concurrentVerdictsShareCommits() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(64)
        let clients = (1...64).map { queue.client("r\($0)") }
        let claims = try clients.map { try #require(try $0.claim(flow: nil, order: .oldestFirst)) }
        #expect(Set(claims.map(\.loopName)).count == 64)
        let before = queue.service.verdictCommits
        let receipts = Receipts()
        let group = DispatchGroup()
        for index in 0..<64 {
            group.enter()
            Thread.detachNewThread {
                receipts.add(Result { try clients[index].submit(loop: claims[index].loopName, answer: ServiceQueue.answer, timeSpentSeconds: 1) })
                group.leave()
            }
        }
        group.wait()
        let stored = receipts.all.compactMap { try? $0.get() }
        #expect(stored.count == 64 && stored.allSatisfy { $0.status == .completed && $0.output != nil })
        let commits = queue.service.verdictCommits - before
        #expect(commits >= 1 && commits < 64, "\(commits) transactions for 64 concurrent verdicts")
    }

    @Test("in one batch, a refused verdict leaves the others stored")
    func refusalInABatchIsItsOwn() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(2)
        let ledger = queue.service.ledger
        _ = try ledger.claim(loop: "t-0", reviewer: "r1")
        let results = try ledger.submit([
            VerdictSubmission(loop: "t-0", reviewer: "r1", answer: ServiceQueue.answer),
            VerdictSubmission(loop: "t-1", reviewer: "r2", answer: ServiceQueue.answer),
            VerdictSubmission(loop: "t-0", reviewer: "r1", answer: ["category": ["label": "shipping"]]),
        ])
        #expect((try? results[0].get())?.status == .completed)
        #expect(throws: JuryError.invalidState("r2 holds no claim on t-1; claim it first (`jury claim`)")) { try results[1].get() }
        #expect(throws: JuryError.conflict("r1 already gave a different verdict on t-0; change it with `jury answer --amend` while the loop is in progress")) { try results[2].get() }
    }
}

/// Results gathered from several threads.
final class Receipts: Sendable {
    private let results = Mutex<[Result<VerdictReceipt, any Error>]>([])
    func add(_ result: Result<VerdictReceipt, any Error>) { results.withLock { $0.append(result) } }
    var all: [Result<VerdictReceipt, any Error>] { results.withLock { $0 } }
}

@Suite("Outputs that cannot be written")
struct OutputFailureTests {
    @Test("a verdict whose output cannot be written is stored and says so; the next turn writes the output")
    func storedVerdictWithPendingOutput() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(1)
        let client = queue.client("r1")
        _ = try #require(try client.claim(flow: nil, order: .oldestFirst))
        let output = queue.directory.defaultOutputURL
        try FileManager.default.removeItem(at: output)
        try Data("not a folder".utf8).write(to: output)
        let receipt = try client.submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: 1)
        #expect(receipt.status == .completed && receipt.verdicts == 1 && receipt.output == nil)
        #expect(receipt.outputProblem?.isEmpty == false)
        #expect(try client.describe(loop: "t-0")["HumanLoopStatus"] == "Completed")

        try FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let written = try queue.service.ledger.writePendingOutputs()
        #expect(written.map(\.lastPathComponent) == ["output.json"])
        #expect(try queue.service.ledger.writtenOutput(loop: "t-0") == written.first)
    }
}
