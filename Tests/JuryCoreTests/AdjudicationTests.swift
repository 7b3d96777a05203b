import Foundation
import Testing
import JuryConsensus
@testable import JuryCore
import JuryJSON

/// A loop handed to a lead is settled by the lead's verdict, and its output says so.
@Suite struct AdjudicationTests {
    /// The queue (its folder lives as long as the returned `TestQueue`) and its ledger.
    private func queue(taskCount: Int = 3, consensus: JSONValue = ["Method": "mv"], lifetime: Int = 3_600) throws -> (TestQueue, Ledger) {
        let flow = TestQueue.classificationFlow(taskCount: taskCount, lifetime: lifetime).setting(["Jury", "Consensus"], to: consensus)
        let queue = try TestQueue(flows: [flow])
        try queue.submit(["work"])
        return (queue, try queue.ledger(completion: ConsensusCompletion()))
    }

    private func answer(_ ledger: Ledger, _ reviewer: String, _ label: String) throws -> VerdictReceipt {
        _ = try ledger.claim(loop: "work", reviewer: reviewer)
        return try ledger.submit(loop: "work", reviewer: reviewer, answer: TestQueue.answer(label))
    }

    private func consensus(_ receipt: VerdictReceipt) throws -> JSONValue {
        let output = try #require(receipt.output)
        return try #require(try TestQueue.consensus(besideOutput: output))
    }

    @Test func theLeadsVerdictSettlesALoopSentToAdjudicationWhileAReviewerHeldIt() throws {
        let (queue, ledger) = try queue()
        defer { withExtendedLifetime(queue) {} }
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        let lead = try answer(ledger, "lead", "other")
        #expect(lead.status == .inProgress)
        #expect(throws: JuryError.invalidState("work was settled by the verdict of its lead lead; it takes no more verdicts")) {
            try ledger.claim(loop: "work", reviewer: "lead")
        }
        #expect(try ledger.claim(reviewer: "ben") == nil)
        #expect(try ledger.attentionItems(limit: 5).filter { $0.reason == .awaitingLead }.isEmpty)
        let last = try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(last.status == .completed)
        let block = try consensus(last)
        #expect(block["value"] == "other" && block["unresolved"] == false)
        #expect(block["adjudication"]?["by"] == "lead")
        #expect(block["escalation"]?["steps"] == [["action": "hand-to-lead", "reason": "sent-by-lead", "by": "lead"]])
    }

    @Test func aClaimThatRunsOutAfterTheLeadsVerdictCompletesTheLoop() throws {
        let (queue, ledger) = try queue()
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        _ = try answer(ledger, "lead", "shipping")
        queue.time.advance(by: 61)
        try ledger.sweepExpired()
        #expect(try ledger.describe(loop: "work")["Jury"]?["Status"] == "Completed")
        try ledger.writePendingOutputs()
        #expect(try ledger.describe(loop: "work")["HumanLoopStatus"] == "Completed")
    }

    @Test("a loop its lead settled, failed at the end of its lifetime while a claim was out, completes when reopened")
    func aSettledLoopFailedWhileAClaimWasOutCompletesWhenReopened() throws {
        let (queue, ledger) = try queue()
        defer { withExtendedLifetime(queue) {} }
        queue.time.advance(by: 3_570)
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        _ = try answer(ledger, "lead", "shipping")
        queue.time.advance(by: 31)
        try ledger.sweepExpired()
        #expect(try ledger.describe(loop: "work")["HumanLoopStatus"] == "Failed")
        #expect(try ledger.reopen(loop: "work", actor: "lead") == .completed)
        let described = try ledger.describe(loop: "work")
        #expect(described["HumanLoopStatus"] == "Completed")
        let output = try #require(described["HumanLoopOutput"]?["OutputS3Uri"]?.stringValue)
        let file = try #require(queue.directory.objectFile(uri: output))
        let block = try #require(try TestQueue.consensus(besideOutput: file))
        #expect(block["value"] == "shipping" && block["adjudication"]?["by"] == "lead")
    }

    @Test("a loop that cannot be finished when a lease runs out stays in progress, and the queue's other writes go on")
    func aLoopThatCannotBeFinishedDoesNotBlockTheQueue() throws {
        let (queue, ledger) = try queue()
        try queue.submit(["next"])
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        _ = try answer(ledger, "lead", "shipping")
        // The stored flow of the loop no longer reads (a damaged row, a rule a later version refuses).
        try ledger.database.write { db in
            try db.execute(sql: "UPDATE flow_version SET definition = '{' WHERE id = (SELECT flow_version FROM loop WHERE name = 'work')")
        }
        queue.time.advance(by: 61)
        let claimed = try ledger.claim(reviewer: "ben")
        #expect(claimed?.loopName == "next")
        #expect(try ledger.describe(loop: "work")["HumanLoopStatus"] == "InProgress")
        let trail = try ledger.database.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit WHERE loop_name = 'work' AND action = 'expire' ORDER BY id")
        }
        #expect(trail.count == 2 && trail[0] == "lease of ana ran out" && trail[1].hasPrefix("the loop stays in progress: finishing it failed: "), "\(trail)")
    }

    @Test func aReleasedClaimAfterTheLeadsVerdictCompletesTheLoop() throws {
        let (queue, ledger) = try queue()
        defer { withExtendedLifetime(queue) {} }
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        _ = try answer(ledger, "lead", "shipping")
        try ledger.release(loop: "work", reviewer: "ana")
        #expect(try ledger.describe(loop: "work")["Jury"]?["Status"] == "Completed")
        try ledger.writePendingOutputs()
        #expect(try ledger.describe(loop: "work")["HumanLoopStatus"] == "Completed")
    }

    @Test func theLeadsVerdictIsTheOutputsValueAndTheEscalationIsRecorded() throws {
        let (queue, ledger) = try queue(consensus: ["Method": "mv", "Escalation": ["Threshold": 0.9, "MaxExtraReviewers": 1]])
        defer { withExtendedLifetime(queue) {} }
        for (reviewer, label) in [("ana", "billing"), ("ben", "shipping"), ("cy", "other"), ("dee", "billing")] {
            _ = try answer(ledger, reviewer, label)
        }
        let settled = try answer(ledger, "lead", "other")
        #expect(settled.status == .completed)
        let block = try consensus(settled)
        #expect(block["value"] == "other" && block["unresolved"] == false && block["reason"] == nil)
        #expect(block["confidence"] == 1 && block["answers"] == 5 && block["agreement"] == 0.4)
        #expect(block["adjudication"]?["by"] == "lead")
        #expect(block["adjudication"]?["reviewersConsensus"]?["value"] == "billing")
        #expect(block["escalation"] == [
            "action": "hand-to-lead", "reason": "low-confidence",
            "steps": [["action": "add-reviewer", "reason": "tie"], ["action": "hand-to-lead", "reason": "low-confidence"]],
        ])
    }

    @Test func statisticsCountEscalatedLoops() throws {
        let flows = [TestQueue.classificationFlow(taskCount: 2).setting(["Jury", "Consensus"], to: ["Method": "mv", "Escalation": ["Threshold": 0.9, "MaxExtraReviewers": 0]])]
        let queue = try TestQueue(flows: flows)
        try queue.submit(["split", "agreed"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        for (loop, reviewer, label) in [("split", "ana", "billing"), ("split", "ben", "other"), ("split", "lead", "other"),
                                        ("agreed", "ana", "billing"), ("agreed", "ben", "billing")] {
            _ = try ledger.claim(loop: loop, reviewer: reviewer)
            try ledger.submit(loop: loop, reviewer: reviewer, answer: TestQueue.answer(label))
        }
        let statistics = try ledger.statistics(dayStart: TestQueue.start)
        let figures = statistics.flows.first { $0.flow == "tickets" }
        #expect(figures?.completed == 2 && figures?.escalatedShare == 0.5)
        #expect(statistics.total.escalatedShare == 0.5, "the all-flows row adds the flows' escalations up")
    }
}

/// A split vote stays a split: no reviewer's answer is passed off as the consensus.
@Suite struct TieTests {
    @Test func aOneOneSplitIsUnresolvedWithoutAValueAndCountsForNoReviewersAgreement() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 2)])
        try queue.submit(["split"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        var receipt: VerdictReceipt?
        for (reviewer, label) in [("ana", "billing"), ("ben", "other")] {
            _ = try ledger.claim(reviewer: reviewer)
            receipt = try ledger.submit(loop: "split", reviewer: reviewer, answer: TestQueue.answer(label))
        }
        let file = try #require(receipt?.output)
        let block = try #require(try TestQueue.consensus(besideOutput: file))
        #expect(block["unresolved"] == true && block["reason"] == "tie" && block["value"] == nil && block["confidence"] == 0.5)
        let reviewers = try ledger.statistics(dayStart: TestQueue.start).reviewers
        #expect(reviewers.filter { ["ana", "ben"].contains($0.reviewer) }.allSatisfy { $0.agreement == nil })
    }

    @Test func aTieReachesALeadWhenTheFlowSaysSo() throws {
        let flow = TestQueue.classificationFlow(taskCount: 2).setting(["Jury", "Consensus"], to: ["Method": "mv", "Escalation": ["Threshold": 0.5, "MaxExtraReviewers": 0]])
        let queue = try TestQueue(flows: [flow])
        try queue.submit(["split"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        for (reviewer, label) in [("ana", "billing"), ("ben", "other")] {
            _ = try ledger.claim(reviewer: reviewer)
            try ledger.submit(loop: "split", reviewer: reviewer, answer: TestQueue.answer(label))
        }
        #expect(try ledger.claim(reviewer: "cy") == nil)
        #expect(try ledger.claim(reviewer: "lead")?.loopName == "split")
    }

    @Test func aSplitIsATieWhateverTheMethodLearnedOfTheReviewers() {
        let votes = [Answer(worker: "ana", task: "t", label: "billing"), Answer(worker: "ben", task: "t", label: "other"),
                     Answer(worker: "cy", task: "t", label: "shipping")]
        var item = Aggregator().aggregate(votes, method: .mv).items[0]
        (item.confidence, item.unresolved, item.tiedLabels) = (0.99, nil, nil)
        let checked = TieCheck.classification(item, labels: votes)
        #expect(checked.unresolved == .tie && checked.tiedLabels == ["billing", "other", "shipping"])
        #expect(abs(checked.confidence - 1.0 / 3) < 1e-9)
        let block = ConsensusBlock.classification(checked, method: .ds)
        #expect(block.value == nil && block.unresolved && block.reason == .tie)
        #expect(TieCheck.classification(item, labels: Array(votes.prefix(1)) + [Answer(worker: "ben", task: "t", label: "billing")]) == item)
    }
}
