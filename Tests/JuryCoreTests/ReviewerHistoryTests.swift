import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// Ana's day: yesterday one verdict, today three a minute apart on loops of three slots; two of those loops
/// complete (one where she agrees with the majority, one where she does not), one is still InProgress.
@Suite struct ReviewerHistoryTests {
    let queue: TestQueue
    let ledger: Ledger
    let dayStart: Date

    init() throws {
        queue = try TestQueue(flows: [TestQueue.classificationFlow(lifetime: 3 * 86_400)])
        try queue.submit(["yesterday", "agreed", "outvoted", "open"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        let answer = { [queue] (loop: String, reviewer: String, label: String) throws in
            _ = try ledger.claim(loop: loop, reviewer: reviewer)
            queue.time.advance(by: 12)
            _ = try ledger.submit(loop: loop, reviewer: reviewer, answer: TestQueue.answer(label))
        }
        try answer("yesterday", "ana", "billing")
        queue.time.advance(by: 86_400)
        dayStart = queue.time.now
        for (loop, label, others) in [("agreed", "billing", "billing"), ("outvoted", "shipping", "billing"), ("open", "other", nil)] {
            queue.time.advance(by: 60)
            try answer(loop, "ana", label)
            if let others { for reviewer in ["ben", "cy"] { try answer(loop, reviewer, others) } }
        }
        self.ledger = ledger
    }

    @Test func todaysVerdictsComeNewestFirstWithTheirConsensus() throws {
        let history = try ledger.reviewerHistory(reviewer: "ana", since: dayStart, limit: 50)
        #expect(history.entries.map(\.loopName) == ["open", "outvoted", "agreed"])
        #expect(history.entries.map(\.decision) == ["other", "shipping", "billing"])
        #expect(history.entries.map(\.status) == [.inProgress, .completed, .completed])
        #expect(history.entries.map(\.agreement) == [nil, 0, 1])
        #expect(history.entries.allSatisfy { $0.timeSpentSeconds == 12 && $0.flow == "tickets" && $0.taskType == .classification })
        #expect(history.entries[0].submittedAt > history.entries[1].submittedAt)
        #expect(history.verdicts == 3 && history.medianSeconds == 12)
        #expect(history.agreement == 0.5 && history.compared == 2)
    }

    @Test func theLimitCutsTheEntriesNotTheTotals() throws {
        let history = try ledger.reviewerHistory(reviewer: "ana", since: dayStart, limit: 1)
        #expect(history.entries.map(\.loopName) == ["open"])
        #expect(history.verdicts == 3 && history.compared == 2)
    }

    @Test func anotherReviewersHistoryHoldsOnlyTheirs() throws {
        let history = try ledger.reviewerHistory(reviewer: "ben", since: dayStart, limit: 50)
        #expect(history.entries.map(\.loopName) == ["outvoted", "agreed"])
        #expect(history.agreement == 1)
        #expect(try ledger.reviewerHistory(reviewer: "zed", since: dayStart, limit: 50) == ReviewerHistory(
            entries: [], verdicts: 0, medianSeconds: nil, agreement: nil, compared: 0))
    }

    static let demoFlows = QueueDirectory(URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "fixtures/demo")).loadFlows().flows

    @Test(arguments: [
        ("moderation", ["moderationLabels": [["name": "Alcohol", "parentName": ""], ["name": "Smoking", "parentName": ""]]] as JSONValue, "Alcohol+Smoking"),
        ("moderation", ["moderationLabels": []] as JSONValue, "no labels"),
        ("llm-answers", ["decision": "edited", "text": "x"] as JSONValue, "edited"),
        ("tickets", ["labels": ["a", "b"]] as JSONValue, "a+b"),
        ("tickets", ["label": "billing"] as JSONValue, "billing"),
        ("invoices", ["blocks": []] as JSONValue, "0 fields"),
    ])
    func decisionsInAFewWords(flowName: String, body: JSONValue, expected: String) throws {
        let flow = try #require(Self.demoFlows[flowName])
        #expect(HistoryEntry.decision(answer: .object([AnswerContent.mainKey(for: flow): body]), flow: flow) == expected)
    }
}
