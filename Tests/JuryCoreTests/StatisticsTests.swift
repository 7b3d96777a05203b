import Foundation
import GRDB
import Testing
@testable import JuryCore

@Suite struct StatisticsTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue(flows: [TestQueue.classificationFlow(), TestQueue.classificationFlow(name: "other-tickets", team: "other", taskCount: 1)])
        try queue.submit(["a", "b", "c", "d"])
        try queue.submit(["z"], flow: "other-tickets")
        ledger = try queue.ledger(completion: ConsensusCompletion())
    }

    private func answer(_ reviewer: String, _ label: String, after seconds: Double = 10) throws {
        let task = try #require(try ledger.claim(reviewer: reviewer))
        queue.time.advance(by: seconds)
        try ledger.submit(loop: task.loopName, reviewer: reviewer, answer: TestQueue.answer(label))
    }

    @Test func countsFollowEveryTransition() throws {
        for (reviewer, label) in [("ana", "billing"), ("ben", "billing"), ("cy", "other")] { try answer(reviewer, label) }
        _ = try ledger.claim(reviewer: "dee")
        try ledger.stop(loop: "c", actor: "lead")
        queue.time.advance(by: 1)
        let statistics = try ledger.statistics(dayStart: TestQueue.start)
        let tickets = try #require(statistics.flows.first { $0.flow == "tickets" })
        #expect((tickets.unclaimed, tickets.claimed, tickets.completed, tickets.stopped) == (1, 1, 1, 1))
        #expect(statistics.total.depth == 3)
        #expect(statistics.total.completionsLastHour == 1)
        #expect(tickets.oldestUnclaimedSeconds.map { abs($0 - 31) < 0.01 } == true)
        try ledger.delete(loop: "c", actor: "lead")
        #expect(try ledger.statistics(dayStart: TestQueue.start).flows.first { $0.flow == "tickets" }?.stopped == 0)
    }

    @Test func reviewerFiguresAndAgreementWithTheConsensus() throws {
        for (reviewer, label, seconds) in [("ana", "billing", 10.0), ("ben", "billing", 20.0), ("cy", "other", 40.0)] {
            try answer(reviewer, label, after: seconds)
        }
        let reviewers = Dictionary(uniqueKeysWithValues: try ledger.statistics(dayStart: TestQueue.start).reviewers.map { ($0.reviewer, $0) })
        #expect(reviewers["ana"]?.verdictsToday == 1)
        #expect(reviewers["ben"]?.medianSeconds == 20)
        #expect(reviewers["ana"]?.agreement == 1)
        #expect(reviewers["cy"]?.agreement == 0)
        #expect(reviewers["dee"]?.verdictsToday == 0)
        #expect(reviewers["zed"]?.lastActivity == nil)
    }

    @Test("the reviewers' figures of the day read the verdicts' times from an index alone, not from the table",
          arguments: [(Ledger.verdictTimesSince, "verdict_time"), (Ledger.reviewerTimesSince, "verdict_reviewer_time")])
    func verdictTimesOfTheDayComeFromACoveringIndex(query: String, index: String) throws {
        let plan = try ledger.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + query, arguments: StatementArguments(Array(repeating: 0, count: query.count { $0 == "?" })))
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING COVERING INDEX \(index)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") || $0.contains("USING INDEX") }, "\(plan)")
    }

    @Test func alertsNameTheLaggingReviewerAndTheSLAAtRisk() throws {
        for round in 0..<3 {
            for (reviewer, label) in [("ana", "billing"), ("ben", "billing"), ("cy", round == 0 ? "billing" : "other")] {
                try answer(reviewer, label, after: 1)
            }
        }
        queue.time.advance(by: 3_600 - 600)
        let alerts = try ledger.statistics(dayStart: TestQueue.start).alerts
        #expect(alerts.contains { $0.kind == .lowAgreement && $0.message.hasPrefix("cy agrees with the consensus 33 %") })
        #expect(alerts.contains { $0.kind == .slaAtRisk && $0.message.hasPrefix("1 loop of tickets fails within 10 min") })
    }

    @Test func historyKeepsOneSampleEveryFiveMinutes() throws {
        _ = try ledger.statistics(dayStart: TestQueue.start)
        queue.time.advance(by: 60)
        _ = try ledger.statistics(dayStart: TestQueue.start)
        queue.time.advance(by: 300)
        try queue.submit(["e"])
        let history = try ledger.statistics(dayStart: TestQueue.start).history
        #expect(history.map(\.depth) == [5, 6])
    }
}
