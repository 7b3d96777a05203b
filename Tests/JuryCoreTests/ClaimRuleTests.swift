import Foundation
import GRDB
import Testing
@testable import JuryCore

/// The rules of claims and verdicts the queue service enforces: one claim at a time, no verdict
/// without a claim, and late verdicts that keep their real claim time.
@Suite struct ClaimRuleTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue(flows: [TestQueue.classificationFlow(), TestQueue.classificationFlow(name: "refunds")])
        try queue.submit(["first", "second"])
        try queue.submit(["refund-1"], flow: "refunds")
        ledger = try queue.ledger()
    }

    @Test func aReviewerHoldsOneClaimAcrossTheQueue() throws {
        let held = try #require(try ledger.claim(reviewer: "ana"))
        #expect(held.loopName == "first")
        #expect(try ledger.claim(reviewer: "ana", flow: "tickets") == ClaimedTask(
            loopName: "first", flow: "tickets", taskType: .classification, reviewer: "ana",
            claimedAt: held.claimedAt, expiresAt: held.expiresAt, resumed: true))
        let refusal = JuryError.conflict("ana holds first (tickets); answer or release it before claiming another task")
        #expect(throws: refusal) { try ledger.claim(reviewer: "ana", flow: "refunds") }
        #expect(throws: refusal) { try ledger.claim(loop: "second", reviewer: "ana") }
        try ledger.release(loop: "first", reviewer: "ana")
        #expect(try ledger.claim(reviewer: "ana", flow: "refunds")?.loopName == "refund-1")
    }

    @Test func noVerdictWithoutAClaim() throws {
        #expect(throws: JuryError.invalidState("ben holds no claim on second; claim it first (`jury claim`)")) {
            try ledger.submit(loop: "second", reviewer: "ben", answer: TestQueue.answer("billing"))
        }
    }

    @Test func aLateVerdictKeepsItsClaimTimeAndTimeSpent() throws {
        let claim = try #require(try ledger.claim(reviewer: "ana"))
        queue.time.advance(by: 90)
        #expect(try ledger.claim(reviewer: "ben")?.loopName == "first")
        let receipt = try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(receipt.verdicts == 1)
        let row = try #require(try DatabaseQueue(path: queue.directory.ledgerURL.path).read { db in
            try Row.fetchOne(db, sql: "SELECT accepted_at, submitted_at, time_spent FROM verdict WHERE reviewer = 'ana'")
        })
        #expect(row["accepted_at"] as Int64 == claim.claimedAt)
        #expect(row["submitted_at"] as Int64 == claim.claimedAt + 90_000)
        #expect(row["time_spent"] as Double == 90)
    }

    @Test func aLateVerdictAfterTwoLapsedLeasesKeepsTheFirstClaimTime() throws {
        let first = try #require(try ledger.claim(reviewer: "ana"))
        queue.time.advance(by: 90)
        let again = try #require(try ledger.claim(reviewer: "ana"))
        #expect(again.loopName == first.loopName && again.claimedAt > first.claimedAt)
        queue.time.advance(by: 90)
        #expect(try ledger.claim(reviewer: "ben")?.loopName == "first")
        _ = try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("billing"))
        let accepted = try DatabaseQueue(path: queue.directory.ledgerURL.path).read { db in
            try Int64.fetchOne(db, sql: "SELECT accepted_at FROM verdict WHERE reviewer = 'ana'")
        }
        #expect(accepted == first.claimedAt)
    }

    @Test func aLateVerdictWhoseSlotWentToSomeoneElseIsRefusedByName() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["only"])
        let ledger = try queue.ledger()
        _ = try ledger.claim(reviewer: "ana")
        queue.time.advance(by: 61)
        #expect(try ledger.claim(reviewer: "ben")?.loopName == "only")
        #expect(throws: JuryError.invalidState("the lease of ana on only ran out and its slot went to someone else; the verdict was not stored")) {
            try ledger.submit(loop: "only", reviewer: "ana", answer: TestQueue.answer("billing"))
        }
    }
}
