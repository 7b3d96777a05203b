import Foundation
import Testing
@testable import JuryCore

@Suite struct LeadActionsTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue()
        try queue.submit(["work"])
        ledger = try queue.ledger()
    }

    @Test func aFailedLoopCanBeReopenedByALead() throws {
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"))
        queue.time.advance(by: 3_601)
        try ledger.sweepExpired()
        #expect(throws: JuryError.forbidden("only leads of team support may stop, delete, reopen, adjudicate or release claims of its loops; ana is not one")) { try ledger.reopen(loop: "work", actor: "ana") }
        try ledger.reopen(loop: "work", actor: "lead")
        let described = try ledger.describe(loop: "work")
        #expect(described["HumanLoopStatus"] == "InProgress")
        #expect(described["Jury"]?["Verdicts"] == 1)
        #expect(try ledger.claim(reviewer: "ben")?.loopName == "work")
        #expect(throws: JuryError.invalidState("work is InProgress; only Failed loops can be reopened")) { try ledger.reopen(loop: "work", actor: "lead") }
    }

    @Test func adjudicationReservesTheLoopForLeads() throws {
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"))
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        #expect(try ledger.claim(reviewer: "ben") == nil)
        #expect(try ledger.claim(reviewer: "lead")?.loopName == "work")
        #expect(throws: JuryError.invalidState("work is with a lead already")) { try ledger.sendToAdjudication(loop: "work", actor: "lead") }
    }

    @Test func theAdjudicationIsTheLeadsVerdictEvenWhenAnEarlierClaimAnswersLast() throws {
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"))
        _ = try ledger.claim(reviewer: "ben")
        _ = try ledger.claim(reviewer: "cy")
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        #expect(try ledger.claim(reviewer: "lead")?.loopName == "work")
        try ledger.submit(loop: "work", reviewer: "lead", answer: TestQueue.answer("shipping"))
        try ledger.submit(loop: "work", reviewer: "cy", answer: TestQueue.answer("billing"))
        try ledger.submit(loop: "work", reviewer: "ben", answer: TestQueue.answer("billing"))
        let output = try #require(try ledger.describe(loop: "work")["HumanLoopOutput"]?["OutputS3Uri"]?.stringValue)
        let consensus = try TestQueue.consensus(besideOutput: #require(queue.directory.objectFile(uri: output)))
        #expect(consensus?["adjudication"]?["by"] == "lead")
        #expect(consensus?["adjudication"]?["answerContent"] == TestQueue.answer("shipping"))
    }

    @Test func aLeadReleasesAStuckClaimAndTheAuditSaysWho() throws {
        _ = try ledger.claim(reviewer: "ana")
        #expect(throws: JuryError.forbidden("only leads of team support may stop, delete, reopen, adjudicate or release claims of its loops; ben is not one")) { try ledger.releaseClaim(loop: "work", reviewer: "ana", lead: "ben") }
        try ledger.releaseClaim(loop: "work", reviewer: "ana", lead: "lead")
        #expect(try ledger.claims(of: "ana").isEmpty)
        #expect(try ledger.describe(loop: "work")["Jury"]?["Claims"] == [])
    }
}

@Suite struct AttentionTests {
    @Test func listsStuckClaimsEndingLifetimesLoopsForLeadsAndFailures() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(timeLimit: 60, lifetime: 900)])
        try queue.submit(["stuck", "lead-work", "doomed"])
        let ledger = try queue.ledger()
        _ = try ledger.claim(reviewer: "ana")
        try ledger.sendToAdjudication(loop: "lead-work", actor: "lead")
        #expect(try ledger.attentionItems(limit: 5).map(\.reason).contains(.awaitingLead))
        #expect(try ledger.attentionItems(limit: 5, teams: ["support"]) == ledger.attentionItems(limit: 5))
        #expect(try ledger.attentionItems(limit: 5, teams: ["another-team"]).isEmpty, "a lead saw another team's loops")
        queue.time.advance(by: 400)
        let items = try ledger.attentionItems(limit: 5)
        #expect(items.first?.reason == .leaseEnding(reviewer: "ana", expiresAt: Timestamp.milliseconds(TestQueue.start) + 60_000))
        #expect(items.filter { if case .lifetimeEnding = $0.reason { true } else { false } }.count == 3)
        queue.time.advance(by: 600)
        try ledger.sweepExpired()
        let failed = try ledger.attentionItems(limit: 5).filter { $0.status == .failed }
        #expect(failed.map(\.loopName).sorted() == ["doomed", "lead-work", "stuck"])
    }
}
