import Foundation
import Testing
@testable import JuryCore

@Suite struct ConsensusIntegrationTests {
    private func queue(consensus: JSONValue) throws -> TestQueue {
        let flow = TestQueue.classificationFlow().setting(["Jury", "Consensus"], to: consensus)
        let queue = try TestQueue(flows: [flow])
        try queue.submit(["split"])
        return queue
    }

    private func answer(_ ledger: Ledger, _ reviewer: String, _ label: String) throws -> VerdictReceipt {
        let task = try #require(try ledger.claim(reviewer: reviewer))
        return try ledger.submit(loop: task.loopName, reviewer: reviewer, answer: TestQueue.answer(label))
    }

    @Test func theDefaultPolicyWritesAMajorityVoteConsensus() throws {
        let queue = try queue(consensus: ["Method": "mv"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        _ = try answer(ledger, "ana", "billing")
        _ = try answer(ledger, "ben", "billing")
        let receipt = try answer(ledger, "cy", "other")
        let file = try #require(receipt.output)
        let consensus = try #require(try TestQueue.consensus(besideOutput: file))
        #expect(consensus["value"] == "billing")
        #expect(consensus["method"] == "mv")
        #expect(consensus["unresolved"] == false)
        #expect(consensus["confidence"]?.numberValue.map { abs($0 - 2.0 / 3) < 1e-6 } == true)
    }

    @Test func lowConfidenceAddsReviewersThenHandsTheLoopToALead() throws {
        let queue = try queue(consensus: ["Method": "mv", "Escalation": ["Threshold": 0.9, "MaxExtraReviewers": 1]])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        for (reviewer, label) in [("ana", "billing"), ("ben", "billing"), ("cy", "other")] { _ = try answer(ledger, reviewer, label) }
        #expect(try ledger.describe(loop: "split")["Jury"]?["TaskCount"] == 4)
        let fourth = try answer(ledger, "dee", "billing")
        #expect(fourth.status == .inProgress && fourth.taskCount == 5)
        #expect(try ledger.claim(reviewer: "zed") == nil)
        #expect(throws: JuryError.self) { try ledger.claim(loop: "split", reviewer: "dee") }
        let adjudicated = try answer(ledger, "lead", "shipping")
        #expect(adjudicated.status == .completed)
        let file = try #require(adjudicated.output)
        let consensus = try #require(try TestQueue.consensus(besideOutput: file))
        #expect(consensus["adjudication"]?["by"] == "lead")
        #expect(consensus["adjudication"]?["answerContent"]?["category"]?["label"] == "shipping")
    }

    @Test func recomputingAFlowRewritesItsOutputsWithTheNewMethod() throws {
        let queue = try queue(consensus: ["Method": "mv"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        var output: URL?
        for (reviewer, label) in [("ana", "billing"), ("ben", "other"), ("cy", "billing")] { output = try answer(ledger, reviewer, label).output }
        let summary = try ledger.recomputeConsensus(flow: "tickets", method: .ds, writing: true, actor: "lead")
        #expect(summary.loops == 1 && summary.written && summary.changes.map(\.loop) == ["split"])
        let consensus = try TestQueue.consensus(besideOutput: #require(output))
        #expect(consensus?["method"] == "ds")
        #expect(consensus?["value"] == "billing")
    }

    @Test func flowCheckRejectsUnknownConsensusSettings() {
        let flow = TestQueue.classificationFlow().setting(["Jury", "Consensus"], to: ["Method": "vote", "Escalation": ["Threshold": 2]])
        let reasons = FlowDefinition.check(flow).errors.map(\.description)
        #expect(reasons.contains { $0.hasPrefix("$.Jury.Consensus.Method: must be one of mv, wmv") })
        #expect(reasons.contains { $0.hasPrefix("$.Jury.Consensus.Escalation.Threshold") })
    }
}
