import Foundation
import GRDB
import JuryCore
import JuryJSON
import JuryService
import Testing

@Suite("Amending and withdrawing one's own verdict, over the service")
struct VerdictChangeTests {
    private static let other: JSONValue = ["category": ["label": "other"]]

    /// The audit rows of `loop`: action, actor, detail, oldest first.
    private func audit(_ queue: ServiceQueue, _ loop: String) throws -> [[String?]] {
        try DatabaseQueue(path: queue.directory.ledgerURL.path).read { db in
            try Row.fetchAll(db, sql: "SELECT action, actor, detail FROM audit WHERE loop_name = ? ORDER BY id", arguments: [loop])
                .map { [$0["action"], $0["actor"], $0["detail"]] }
        }
    }

    private func answer(_ queue: ServiceQueue, _ reviewer: String, _ answer: JSONValue = ServiceQueue.answer) throws -> VerdictReceipt {
        let client = queue.client(reviewer)
        _ = try client.claim(loop: "t-0")
        return try client.submit(loop: "t-0", answer: answer, timeSpentSeconds: 3)
    }

    @Test("an amendment replaces the answer while the loop is in progress, and the audit keeps the old one")
    func amendInProgress() throws {
        let queue = try ServiceQueue(taskCount: 2)
        defer { queue.remove() }
        try queue.startLoops(1)
        _ = try answer(queue, "r1")
        let amended = try queue.client("r1").amend(loop: "t-0", answer: Self.other)
        #expect(amended.status == .inProgress && amended.verdicts == 1)
        #expect(try audit(queue, "t-0").last == ["amend", "r1", #"replaced answer {"category":{"label":"billing"}}"#])
        let done = try answer(queue, "r2", Self.other)
        let document = try JSONValue.parse(Data(contentsOf: #require(done.output)))
        #expect(document["humanAnswers"]?.arrayValue?.map { $0["answerContent"] } == [Self.other, Self.other])
    }

    @Test("a completed loop's verdicts stay as they are")
    func refusedOnceCompleted() throws {
        let queue = try ServiceQueue(taskCount: 1)
        defer { queue.remove() }
        try queue.startLoops(1)
        #expect(try answer(queue, "r1").status == .completed)
        let refusal = JuryError.invalidState("t-0 is Completed; a verdict can be changed only while its loop is InProgress")
        #expect(throws: refusal) { try queue.client("r1").amend(loop: "t-0", answer: Self.other) }
        #expect(throws: refusal) { try queue.client("r1").withdraw(loop: "t-0") }
        #expect(throws: JuryError.notFound("r2 gave no verdict on t-0")) { try queue.client("r2").withdraw(loop: "t-0") }
    }

    @Test("a withdrawn verdict frees its slot, and its reviewer may answer again")
    func withdraw() throws {
        let queue = try ServiceQueue(taskCount: 2)
        defer { queue.remove() }
        try queue.startLoops(1)
        _ = try answer(queue, "r1")
        try queue.client("r1").withdraw(loop: "t-0")
        #expect(try queue.client().describe(loop: "t-0")["Jury"]?["Verdicts"] == 0)
        #expect(try audit(queue, "t-0").last == ["withdraw", "r1", #"withdrew answer {"category":{"label":"billing"}}"#])
        #expect(try answer(queue, "r1", Self.other).verdicts == 1)
    }

    @Test("a lead who answered as a reviewer settles the loop sent to a lead by amending")
    func leadSettlesByAmending() throws {
        let queue = try ServiceQueue(taskCount: 2)
        defer { queue.remove() }
        try queue.startLoops(1)
        _ = try answer(queue, "lead")
        _ = try queue.client("lead").perform(.adjudicate, loop: "t-0", reviewer: nil)
        #expect(throws: JuryError.conflict("lead already gave a verdict on t-0; amend it (`jury answer --amend`) to settle the loop as its lead")) {
            try queue.client("lead").claim(loop: "t-0")
        }
        // The lead's own answer again settles the loop as well; here another one does.
        let settled = try queue.client("lead").amend(loop: "t-0", answer: Self.other)
        #expect(settled.status == .completed)
        let extras = try JSONValue.parse(Data(contentsOf: Ledger.extrasURL(besideOutput: #require(settled.output))))
        #expect(extras["consensus"]?["value"] == "other" && extras["consensus"]?["adjudication"]?["by"] == "lead")

        // The lead sends the same amendment again (the first reply was lost): the loop is Completed, and
        // the answer is the one stored.
        let again = try queue.client("lead").amend(loop: "t-0", answer: Self.other)
        #expect(again.alreadyStored && again.status == .completed)
        #expect(try audit(queue, "t-0").filter { $0.first == "amend" }.count == 1)
        #expect(throws: JuryError.invalidState("t-0 is Completed; a verdict can be changed only while its loop is InProgress")) {
            try queue.client("lead").amend(loop: "t-0", answer: ServiceQueue.answer)
        }
    }

    @Test("a lead sent the loop they answered settles it by amending with that same answer")
    func leadSettlesWithTheSameAnswer() throws {
        let queue = try ServiceQueue(taskCount: 2)
        defer { queue.remove() }
        try queue.startLoops(1)
        _ = try answer(queue, "lead")
        _ = try queue.client("lead").perform(.adjudicate, loop: "t-0", reviewer: nil)
        let settled = try queue.client("lead").amend(loop: "t-0", answer: ServiceQueue.answer)
        #expect(settled.status == .completed && !settled.alreadyStored)
    }
}
