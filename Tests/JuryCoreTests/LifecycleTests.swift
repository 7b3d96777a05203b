import Foundation
import GRDB
import Testing
@testable import JuryCore
import JuryJSON

@Suite struct AssignmentTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue()
        try queue.submit(["first", "second"])
        ledger = try queue.ledger()
    }

    @Test func eachLoopGetsTaskCountDistinctReviewersAndCompletesOnce() throws {
        for reviewer in ["ana", "ben", "cy"] {
            let task = try #require(try ledger.claim(reviewer: reviewer))
            #expect(task.loopName == "first")
            try ledger.submit(loop: "first", reviewer: reviewer, answer: TestQueue.answer("billing"))
        }
        let output = try #require(try ledger.describe(loop: "first")["HumanLoopOutput"]?["OutputS3Uri"]?.stringValue)
        let document = try JSONValue.parse(Data(contentsOf: #require(queue.directory.objectFile(uri: output))))
        #expect(document["humanAnswers"]?.arrayValue?.compactMap { $0["workerId"]?.stringValue } == ["ana", "ben", "cy"])
        #expect(document["humanLoopName"] == "first")
        #expect(document["humanTaskActivationConditionResults"] == nil && document["consensus"] == nil)
        let extras = try JSONValue.parse(Data(contentsOf: Ledger.extrasURL(besideOutput: #require(queue.directory.objectFile(uri: output)))))
        #expect(extras["humanTaskActivationConditionResults"]?["Conditions"] != nil)
        #expect(output == "s3://tickets/2026/05/28/20/26/40/first/output.json")
        #expect(try ledger.claim(reviewer: "dee")?.loopName == "second")
    }

    @Test func aReviewerNeverTakesTwoSlotsOfOneLoop() throws {
        #expect(try ledger.claim(reviewer: "ana")?.loopName == "first")
        let again = try #require(try ledger.claim(reviewer: "ana"))
        #expect(again.loopName == "first" && again.resumed)
        try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(try ledger.claim(reviewer: "ana")?.loopName == "second")
    }

    @Test func onlyTeamMembersClaimAndOutsidersAreTold() throws {
        #expect(try ledger.claim(reviewer: "zed") == nil)
        #expect(throws: JuryError.forbidden("mallory is in no team of \(queue.directory.workforceURL.path); ask the queue's owner to add them to workforce.json")) { try ledger.claim(reviewer: "mallory") }
    }

    @Test func releasingGivesTheSlotBack() throws {
        try queue.submit(["solo"], flow: "tickets")
        let claims = try ["ana", "ben", "cy"].map { try #require(try ledger.claim(reviewer: $0, flow: "tickets")) }
        #expect(claims.allSatisfy { $0.loopName == "first" })
        #expect(try ledger.claim(reviewer: "dee")?.loopName == "second")
        try ledger.release(loop: "first", reviewer: "ben")
        try ledger.release(loop: "second", reviewer: "dee")
        #expect(try ledger.claim(reviewer: "dee")?.loopName == "first")
        #expect(throws: JuryError.notFound("ben holds no claim on first (it may have expired)")) { try ledger.release(loop: "first", reviewer: "ben") }
    }

    @Test func lowestConfidenceOrderPicksTheLeastSureModel() throws {
        try queue.submit(["unsure"], confidence: 0.05)
        #expect(try ledger.claim(reviewer: "ana", order: .lowestConfidenceFirst)?.loopName == "unsure")
        #expect(try ledger.claim(reviewer: "ben")?.loopName == "first")
    }

    @Test func verdictsAreValidatedIdempotentAndFinal() throws {
        _ = try ledger.claim(reviewer: "ana")
        #expect(throws: JuryError.invalidInput(#"answer $.category.label: "weather" is not a category of this flow (billing, shipping, other)"#)) { try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("weather")) }
        let stored = try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(!stored.alreadyStored && stored.verdicts == 1)
        #expect(try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("billing")).alreadyStored)
        #expect(throws: JuryError.conflict("ana already gave a different verdict on first; change it with `jury answer --amend` while the loop is in progress")) {
            try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("other"))
        }
        #expect(throws: JuryError.notFound("no human loop named ghost")) {
            try ledger.submit(loop: "ghost", reviewer: "ana", answer: TestQueue.answer("billing"))
        }
    }

    @Test func listFiltersAndPagesLikeListHumanLoops() throws {
        queue.time.advance(by: 10)
        try queue.submit(["third", "fourth", "fifth"])
        var query = LoopQuery()
        query.maxResults = 2
        let first = try ledger.list(query)
        #expect(first.loops.map(\.name) == ["first", "second"])
        query.nextToken = first.nextToken
        #expect(try ledger.list(query).loops.map(\.name) == ["fifth", "fourth"])
        var newest = LoopQuery()
        newest.ascending = false
        newest.createdAfter = TestQueue.start.addingTimeInterval(5)
        #expect(try ledger.list(newest).loops.map(\.name) == ["third", "fourth", "fifth"].sorted().reversed().sorted { _, _ in false })
        newest.status = .completed
        #expect(try ledger.list(newest).loops.isEmpty)
    }
}

@Suite struct TimeTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue()
        try queue.submit(["timed"])
        ledger = try queue.ledger()
    }

    private func auditActions() throws -> [String] {
        try DatabaseQueue(path: queue.directory.ledgerURL.path).read { db in
            try String.fetchAll(db, sql: "SELECT action || ':' || actor FROM audit ORDER BY id")
        }
    }

    @Test func anExpiredLeaseFreesTheSlot() throws {
        for reviewer in ["ana", "ben", "cy"] { _ = try ledger.claim(reviewer: reviewer) }
        #expect(try ledger.claim(reviewer: "dee") == nil)
        queue.time.advance(by: 61)
        #expect(try ledger.claim(reviewer: "dee")?.loopName == "timed")
        #expect(try auditActions().filter { $0.hasPrefix("expire") } == ["expire:jury", "expire:jury", "expire:jury"])
    }

    @Test func aLateVerdictIsKeptWhileItsSlotIsFreeAndRefusedOnceTaken() throws {
        _ = try ledger.claim(reviewer: "ana")
        _ = try ledger.claim(reviewer: "ben")
        queue.time.advance(by: 61)
        #expect(try ledger.submit(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing")).verdicts == 1)
        _ = try ledger.claim(reviewer: "cy")
        _ = try ledger.claim(reviewer: "dee")
        #expect(throws: JuryError.invalidState("the lease of ben on timed ran out and its slot went to someone else; the verdict was not stored")) { try ledger.submit(loop: "timed", reviewer: "ben", answer: TestQueue.answer("billing")) }
    }

    @Test func aLoopPastItsAvailabilityLifetimeFails() throws {
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing"))
        queue.time.advance(by: 3_601)
        try ledger.sweepExpired()
        let described = try ledger.describe(loop: "timed")
        #expect(described["HumanLoopStatus"] == "Failed")
        #expect(described["FailureCode"] == "Expired")
        #expect(described["FailureReason"]?.stringValue?.contains("1 of 3 verdicts") == true)
        #expect(try ledger.claim(reviewer: "ben") == nil)
        #expect(try auditActions().last == "fail:jury")
    }

    @Test("a late verdict keeps its lapsed slot from a claim sent in the same batch before it")
    func verdictsOfABatchGoBeforeItsClaims() throws {
        _ = try ledger.claim(reviewer: "ana")
        queue.time.advance(by: 61)
        _ = try ledger.claim(reviewer: "ben")
        _ = try ledger.claim(reviewer: "cy")
        let results = try ledger.perform([
            .claimNext(reviewer: "dee", flow: nil, order: .oldestFirst),
            .verdict(VerdictSubmission(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing"), timeSpentSeconds: nil)),
        ])
        guard case .claimed(let claim) = try results[0].get(), case .recorded(let receipt) = try results[1].get() else {
            Issue.record("results out of order: \(results)")
            return
        }
        #expect(claim == nil && receipt.verdicts == 1)
    }

    @Test("a reviewer who claims again after a lapsed lease and then skips gives no late verdict")
    func aSkipEndsTheLapsedLeaseToo() throws {
        _ = try ledger.claim(reviewer: "ana")
        queue.time.advance(by: 61)
        #expect(try ledger.claim(reviewer: "ana")?.loopName == "timed")
        try ledger.release(loop: "timed", reviewer: "ana")
        #expect(throws: JuryError.invalidState("ana holds no claim on timed; claim it first (`jury claim`)")) {
            try ledger.submit(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing"))
        }
    }

    @Test("a skip after the lease ran out ends the right to answer late; a second skip finds nothing")
    func aSkipAfterTheLeaseRanOut() throws {
        _ = try ledger.claim(reviewer: "ana")
        queue.time.advance(by: 61)
        try ledger.release(loop: "timed", reviewer: "ana")
        #expect(try auditActions().suffix(2) == ["expire:jury", "release:ana"])
        #expect(throws: JuryError.invalidState("ana holds no claim on timed; claim it first (`jury claim`)")) {
            try ledger.submit(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing"))
        }
        #expect(throws: JuryError.notFound("ana holds no claim on timed (it may have expired)")) {
            try ledger.release(loop: "timed", reviewer: "ana")
        }
    }

    @Test("claims are checked against the workforce after a reload, not before")
    func claimsCheckedAfterReload() throws {
        _ = try ledger.claim(reviewer: "ben")
        let workforce = #"{"Teams": [{"Name": "support", "Reviewers": ["cy", "dee"], "Leads": ["lead"]}]}"#
        try Data(workforce.utf8).write(to: queue.directory.workforceURL, options: .atomic)
        try ledger.endClaimsOutsideTeamsIfWorkforceChanged()
        #expect(try ledger.claims(of: "ben").count == 1)
        #expect(try ledger.reloadWorkforceIfChanged())
        try ledger.endClaimsOutsideTeamsIfWorkforceChanged()
        #expect(try ledger.claims(of: "ben").isEmpty)
    }

    @Test("a reviewer taken out of the team loses their claims and lapsed leases, and cannot answer either")
    func aRemovedMemberGivesNoVerdict() throws {
        _ = try ledger.claim(reviewer: "ana")
        queue.time.advance(by: 61)
        _ = try ledger.claim(reviewer: "ben")
        let workforce = #"{"Teams": [{"Name": "support", "Reviewers": ["cy", "dee"], "Leads": ["lead"]}]}"#
        try Data(workforce.utf8).write(to: queue.directory.workforceURL, options: .atomic)
        #expect(try ledger.reloadWorkforceIfChanged())
        #expect(try ledger.endClaimsOutsideTeams() == 1)
        let (claims, lapsed) = try ledger.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM claim"), try Int.fetchOne(db, sql: "SELECT count(*) FROM lapsed_claim"))
        }
        #expect(claims == 0 && lapsed == 0, "ben's claim and ana's lapsed lease should have ended")
        #expect(try auditActions().last == "release:jury")
        for reviewer in ["ana", "ben"] {
            #expect(throws: JuryError.forbidden("timed belongs to team support, which \(reviewer) is not in (any more); the verdict was not stored")) {
                try ledger.submit(loop: "timed", reviewer: reviewer, answer: TestQueue.answer("billing"))
            }
        }
        _ = try ledger.claim(reviewer: "cy")
        #expect(try ledger.submit(loop: "timed", reviewer: "cy", answer: TestQueue.answer("billing")).verdicts == 1)
    }

    @Test("a reviewer removed from the loop's team can neither amend nor withdraw a verdict given before")
    func aRemovedMemberChangesNoVerdict() throws {
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing"))
        let workforce = #"{"Teams": [{"Name": "support", "Reviewers": ["cy", "dee"], "Leads": ["lead"]}]}"#
        try Data(workforce.utf8).write(to: queue.directory.workforceURL, options: .atomic)
        #expect(try ledger.reloadWorkforceIfChanged())
        let refusal = JuryError.forbidden("timed belongs to team support, which ana is not in (any more); the verdict was not changed")
        #expect(throws: refusal) { try ledger.amend(loop: "timed", reviewer: "ana", answer: TestQueue.answer("shipping")) }
        #expect(throws: refusal) { try ledger.withdraw(loop: "timed", reviewer: "ana") }
        let kept = try ledger.database.read { db in try String.fetchAll(db, sql: "SELECT answer FROM verdict WHERE reviewer = 'ana'") }
        #expect(kept.count == 1 && kept[0].contains("billing"), "\(kept)")
    }

    @Test("a claim whose sweep fails a loop has the WAL synced; a plain claim does not")
    func aLightWriteThatChangesAStatusIsMadeDurable() throws {
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing"))
        _ = try ledger.claim(reviewer: "ben")
        #expect(ledger.lightCommitsSynced.withLock { $0 } == 0)
        queue.time.advance(by: 3_601)
        _ = try ledger.claim(reviewer: "cy")
        #expect(try ledger.describe(loop: "timed")["HumanLoopStatus"] == "Failed")
        #expect(ledger.lightCommitsSynced.withLock { $0 } == 1)
    }

    @Test("a light write whose WAL sync fails says that its change is committed, and the change stands")
    func aFailedSyncAfterTheCommitIsReportedAsCommitted() throws {
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "timed", reviewer: "ana", answer: TestQueue.answer("billing"))
        _ = try ledger.claim(reviewer: "ben")
        ledger.syncWAL.withLock { $0 = { _ in throw POSIXError(.EIO) } }
        queue.time.advance(by: 3_601)
        let error = try #require(throws: JuryError.self) { try ledger.claim(reviewer: "cy") }
        guard case .io(let text) = error else { Issue.record("not an I/O error: \(error)"); return }
        #expect(text.hasPrefix("the change is committed and in effect, but syncing the ledger's log to disk failed"))
        #expect(try ledger.describe(loop: "timed")["HumanLoopStatus"] == "Failed")
        #expect(ledger.lightCommitsSynced.withLock { $0 } == 0)
    }
}

@Suite struct StopAndDeleteTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue()
        try queue.submit(["idle"])
        try queue.submit(["busy"])
        ledger = try queue.ledger()
    }

    @Test func onlyLeadsOfTheTeamStopOrDelete() throws {
        #expect(throws: JuryError.forbidden("only leads of team support may stop, delete, reopen, adjudicate or release claims of its loops; ana is not one")) { try ledger.stop(loop: "idle", actor: "ana") }
        #expect(throws: JuryError.forbidden("only leads of team support may stop, delete, reopen, adjudicate or release claims of its loops; boss is not one")) { try ledger.stop(loop: "idle", actor: "boss") }
        #expect(try ledger.stop(loop: "idle", actor: "lead") == .stopped)
    }

    @Test func stoppingWaitsForOutstandingClaimsAndKeepsTheirVerdicts() throws {
        _ = try ledger.claim(reviewer: "ana", flow: nil)
        _ = try ledger.claim(reviewer: "ben")
        #expect(try ledger.stop(loop: "idle", actor: "lead") == .stopping)
        #expect(try ledger.claim(reviewer: "cy")?.loopName == "busy")
        try ledger.submit(loop: "idle", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(ledger.lightCommitsSynced.withLock { $0 } == 0)
        try ledger.release(loop: "idle", reviewer: "ben")
        #expect(ledger.lightCommitsSynced.withLock { $0 } == 1, "the release that stopped the loop was not made durable")
        let described = try ledger.describe(loop: "idle")
        #expect(described["HumanLoopStatus"] == "Stopped")
        #expect(described["Jury"]?["Verdicts"] == 1)
        #expect(throws: JuryError.invalidState("idle is Stopped; only InProgress loops can be stopped")) { try ledger.stop(loop: "idle", actor: "lead") }
    }

    @Test func deleteNeedsAFinishedLoopAndForgetsIt() throws {
        #expect(throws: JuryError.invalidState("idle is InProgress; stop it first (StopHumanLoop, `jury stop idle`), as A2I requires")) { try ledger.delete(loop: "idle", actor: "lead") }
        try ledger.stop(loop: "idle", actor: "lead")
        try ledger.delete(loop: "idle", actor: "lead")
        #expect(throws: JuryError.notFound("no human loop named idle (a deleted loop is gone, as in A2I)")) { try ledger.describe(loop: "idle") }
        #expect(try ledger.list(LoopQuery()).loops.map(\.name) == ["busy"])
        #expect(try queue.submit(["idle"]).created == ["idle"])
    }

    @Test("a deleted loop's drafts go with it, and no draft is kept of a loop the ledger does not hold")
    func draftsFollowTheirLoop() throws {
        try ledger.saveDraft(StoredDraft(loop: "idle", body: Data("{}".utf8)), reviewer: "ana")
        #expect(try ledger.drafts(of: "ana").map(\.loop) == ["idle"])
        try ledger.stop(loop: "idle", actor: "lead")
        try ledger.delete(loop: "idle", actor: "lead")
        #expect(try ledger.drafts(of: "ana").isEmpty)
        #expect(throws: JuryError.notFound("no human loop named later to keep a draft of")) {
            try ledger.saveDraft(StoredDraft(loop: "later", body: Data("{}".utf8)), reviewer: "ana")
        }
        #expect(try ledger.drafts(of: "ana").isEmpty)
    }

    @Test("a draft of a loop its reviewer gave a verdict on is not offered again (the process ended before deleting it)")
    func aDraftOfAnAnsweredLoopIsNotOffered() throws {
        _ = try ledger.claim(loop: "busy", reviewer: "ana")
        try ledger.saveDraft(StoredDraft(loop: "busy", body: Data("{}".utf8)), reviewer: "ana")
        try ledger.saveDraft(StoredDraft(loop: "busy", body: Data("{}".utf8)), reviewer: "ben")
        try ledger.submit(loop: "busy", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(try ledger.drafts(of: "ana").isEmpty)
        #expect(try ledger.drafts(of: "ben").map(\.loop) == ["busy"])
    }
}

@Suite struct CompletionPolicyTests {
    struct OneMoreThenAccept: CompletionPolicy {
        func decide(_ loop: FinishedLoop) -> CompletionDecision {
            loop.answers.count < 4 ? .addReviewer(reason: "split vote") : .complete(consensus: ["method": "test", "value": "billing"])
        }
    }

    @Test func thePolicyCanAddAReviewerAndSuppliesTheConsensusBlock() throws {
        let queue = try TestQueue()
        try queue.submit(["escalated"])
        let ledger = try queue.ledger(completion: OneMoreThenAccept())
        let receipts = try ["ana", "ben", "cy"].map { reviewer in
            _ = try ledger.claim(reviewer: reviewer)
            return try ledger.submit(loop: "escalated", reviewer: reviewer, answer: TestQueue.answer("billing"))
        }
        #expect(receipts.map { [$0.verdicts, $0.taskCount] } == [[1, 3], [2, 3], [3, 4]], "the receipts count the slot the escalation added")
        #expect(receipts.allSatisfy { $0.status == .inProgress })
        #expect(try ledger.describe(loop: "escalated")["Jury"]?["TaskCount"] == 4)
        _ = try ledger.claim(reviewer: "dee")
        let receipt = try ledger.submit(loop: "escalated", reviewer: "dee", answer: TestQueue.answer("billing"))
        #expect(receipt.status == .completed && receipt.verdicts == 4 && receipt.taskCount == 4)
        let file = try #require(receipt.output)
        #expect(try TestQueue.consensus(besideOutput: file)?["value"] == "billing")
        #expect(try JSONValue.parse(Data(contentsOf: file))["humanAnswers"]?.arrayValue?.count == 4)
    }
}
