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
        #expect(throws: JuryError.self) { try ledger.reopen(loop: "work", actor: "ana") }
        try ledger.reopen(loop: "work", actor: "lead")
        let described = try ledger.describe(loop: "work")
        #expect(described["HumanLoopStatus"] == "InProgress")
        #expect(described["Jury"]?["Verdicts"] == 1)
        #expect(try ledger.claim(reviewer: "ben")?.loopName == "work")
        #expect(throws: JuryError.self) { try ledger.reopen(loop: "work", actor: "lead") }
    }

    @Test func adjudicationReservesTheLoopForLeads() throws {
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"))
        try ledger.sendToAdjudication(loop: "work", actor: "lead")
        #expect(try ledger.claim(reviewer: "ben") == nil)
        #expect(try ledger.claim(reviewer: "lead")?.loopName == "work")
        #expect(throws: JuryError.self) { try ledger.sendToAdjudication(loop: "work", actor: "lead") }
    }

    @Test func aLeadReleasesAStuckClaimAndTheAuditSaysWho() throws {
        _ = try ledger.claim(reviewer: "ana")
        #expect(throws: JuryError.self) { try ledger.releaseClaim(loop: "work", reviewer: "ana", lead: "ben") }
        try ledger.releaseClaim(loop: "work", reviewer: "ana", lead: "lead")
        #expect(try ledger.claims(of: "ana").isEmpty)
        #expect(try ledger.describe(loop: "work")["Jury"]?["Claims"] == [])
    }
}
