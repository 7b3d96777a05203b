import Foundation
import JuryConsensus
import Testing
@testable import JuryCore
import JuryJSON

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
        #expect(throws: JuryError.forbidden("split waits for a lead of team support to adjudicate")) { try ledger.claim(loop: "split", reviewer: "dee") }
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

    @Test func aFlowSetsTheBayesianHyperparametersAndRoundLimits() throws {
        let consensus: JSONValue = ["Method": "ebcc", "MaxIterations": 50, "Tolerance": 0.01,
                                    "Bayesian": ["Groups": 3, "Starts": 5, "Seed": 9, "EmpiricalPrior": false, "DiagonalPrior": 2]]
        let flow = TestQueue.classificationFlow().setting(["Jury", "Consensus"], to: consensus)
        let check = FlowDefinition.check(flow)
        #expect(check.errors.isEmpty)
        let options = try #require(check.flow).consensus.aggregationOptions(labels: ["billing"])
        #expect(options.maxIterations == 50 && options.tolerance == 0.01)
        #expect(options.bayesian == BayesianCombinationOptions(groups: 3, diagonalPrior: 2, empiricalClassPrior: false, starts: 5, seed: 9))
    }

    @Test func flowCheckRejectsBadBayesianSettings() {
        let consensus: JSONValue = ["Method": "ebcc", "MaxIterations": 0,
                                    "Bayesian": ["Groups": 1.5, "GroupPrior": 0, "EmpiricalPrior": "yes", "Subtypes": 3]]
        let flow = TestQueue.classificationFlow().setting(["Jury", "Consensus"], to: consensus)
        let reasons = FlowDefinition.check(flow).errors.map(\.description)
        #expect(reasons.contains { $0.hasPrefix("$.Jury.Consensus.MaxIterations: must be an integer of at least 1") })
        #expect(reasons.contains { $0.hasPrefix("$.Jury.Consensus.Bayesian.Groups: must be an integer of at least 1") })
        #expect(reasons.contains { $0.hasPrefix("$.Jury.Consensus.Bayesian.GroupPrior: must be a number above 0") })
        #expect(reasons.contains { $0.hasPrefix("$.Jury.Consensus.Bayesian.EmpiricalPrior: must be true or false") })
        #expect(reasons.contains { $0.contains("Subtypes") })
    }

    @Test(arguments: [AggregationMethod.ds, .ibcc, .ebcc])
    func recomputingStoresEachReviewersConfusionAndAccuracy(method: AggregationMethod) throws {
        let queue = try queue(consensus: ["Method": "mv"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        for (reviewer, label) in [("ana", "billing"), ("ben", "other"), ("cy", "billing")] { _ = try answer(ledger, reviewer, label) }
        _ = try ledger.recomputeConsensus(flow: "tickets", method: method, writing: true, actor: "lead")
        let stored = try #require(try ledger.database.read { db in
            try String.fetchOne(db, sql: "SELECT skills FROM flow_skill WHERE flow = 'tickets' AND method = ?", arguments: [method.rawValue])
        })
        let skills = try JSONDecoder().decode(ReviewerSkills.self, from: Data(stored.utf8))
        #expect(skills.method == method && Set(skills.reviewers.keys) == ["ana", "ben", "cy"])
        for skill in skills.reviewers.values {
            let confusion = try #require(skill.confusion)
            #expect(confusion.count == skills.labels.count && confusion.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-9 })
            #expect((0...1).contains(skill.accuracy) && skill.answers == 1)
        }
    }
}
