import Foundation
import GRDB
import Testing
@testable import JuryCore

/// The claimable-loops query and the one-loop check are the same rule (`SlotRule`).
@Suite struct SlotRuleTests {
    @Test func theQueryAndTheCheckAgreeOnEveryKindOfLoop() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(), TestQueue.classificationFlow(name: "elsewhere", team: "other")])
        try queue.submit(["open", "answered", "full", "lead-slot", "stopped", "held"])
        try queue.submit(["other-team", "settled"], flow: "elsewhere")
        let ledger = try queue.ledger()
        _ = try ledger.claim(loop: "answered", reviewer: "ana")
        try ledger.submit(loop: "answered", reviewer: "ana", answer: TestQueue.answer("billing"))
        for reviewer in ["ben", "cy", "dee"] { _ = try ledger.claim(loop: "full", reviewer: reviewer) }
        try ledger.sendToAdjudication(loop: "lead-slot", actor: "lead")
        _ = try ledger.claim(loop: "settled", reviewer: "zed")
        try ledger.sendToAdjudication(loop: "settled", actor: "boss")
        _ = try ledger.claim(loop: "settled", reviewer: "boss")
        try ledger.submit(loop: "settled", reviewer: "boss", answer: TestQueue.answer("other"))
        _ = try ledger.stop(loop: "stopped", actor: "lead")
        _ = try ledger.claim(loop: "held", reviewer: "ana")

        for reviewer in ["ana", "lead", "boss", "zed"] {
            let now = Timestamp.milliseconds(queue.time.now)
            let rule = SlotRule(reviewer: reviewer, workforce: ledger.workforce, now: now)
            let (byQuery, byCheck) = try ledger.database.read { db in
                let loops = ledger.claimableLoops(reviewer: reviewer, flow: nil, order: .oldestFirst, now: now, after: nil)
                let queried = Set(try String.fetchAll(db, sql: "SELECT name \(loops.sql)", arguments: loops.arguments))
                let checked = Set(try LoopRecord.fetchAll(db).filter { try rule.refusal(of: $0, db: db) == nil }.map(\.name))
                return (queried, checked)
            }
            #expect(byQuery == byCheck, "\(reviewer)")
        }
        let ana = SlotRule(reviewer: "ana", workforce: ledger.workforce, now: Timestamp.milliseconds(queue.time.now))
        let refusals = try ledger.database.read { db in
            try Dictionary(uniqueKeysWithValues: LoopRecord.fetchAll(db).map { loop in (loop.name, try ana.refusal(of: loop, db: db)) })
        }
        #expect(refusals["open"] == .some(nil))
        #expect(refusals["answered"] == .conflict("ana already gave a verdict on answered"))
        #expect(refusals["full"] == .conflict("every slot of full is taken; pick another task"))
        #expect(refusals["lead-slot"] == .forbidden("lead-slot waits for a lead of team support to adjudicate"))
        #expect(refusals["stopped"] == .invalidState("stopped is Stopped"))
        #expect(refusals["held"] == .conflict("ana holds a claim on held already"))
        #expect(refusals["other-team"] == .forbidden("other-team belongs to team other, which ana is not in"))
        let boss = SlotRule(reviewer: "boss", workforce: ledger.workforce, now: Timestamp.milliseconds(queue.time.now))
        let settled = try ledger.database.read { db in try LoopRecord.filter(LoopRecord.Columns.name == "settled").fetchOne(db)! }
        #expect(try ledger.database.read { db in try boss.refusal(of: settled, db: db) }
            == .invalidState("settled was settled by the verdict of its lead boss; it takes no more verdicts"))
    }

    /// The loops a claim of a named loop takes, for `reviewer`: each claimed and released again.
    private func claimable(_ names: [String], by reviewer: String, in ledger: Ledger) throws -> Set<String> {
        Set(try names.filter { name in
            guard (try? ledger.claim(loop: name, reviewer: reviewer)) != nil else { return false }
            try ledger.release(loop: name, reviewer: reviewer)
            return true
        })
    }

    @Test func theQueueListsExactlyWhatAClaimTakesAfterLeasesRanOut() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 2)])
        let names = ["open", "answered", "lead-slot", "lapsed", "full-of-lapsed"]
        try queue.submit(names)
        let ledger = try queue.ledger()
        _ = try ledger.claim(loop: "answered", reviewer: "ana")
        try ledger.submit(loop: "answered", reviewer: "ana", answer: TestQueue.answer("billing"))
        try ledger.sendToAdjudication(loop: "lead-slot", actor: "lead")
        _ = try ledger.claim(loop: "lapsed", reviewer: "ana")
        for reviewer in ["ben", "cy"] { _ = try ledger.claim(loop: "full-of-lapsed", reviewer: reviewer) }
        queue.time.advance(by: 61)

        let expected = [
            "ana": ["open", "lapsed", "full-of-lapsed"],
            "dee": ["open", "answered", "lapsed", "full-of-lapsed"],
            "lead": ["open", "answered", "lead-slot", "lapsed", "full-of-lapsed"],
        ]
        for (reviewer, loops) in expected {
            let listed = Set(try ledger.queueEntries(reviewer: reviewer, limit: 100).map(\.loopName))
            #expect(listed == Set(loops), "\(reviewer)")
            #expect(try claimable(names, by: reviewer, in: ledger) == listed, "\(reviewer)")
        }
        #expect(throws: JuryError.conflict("ana already gave a verdict on answered")) { try ledger.claim(loop: "answered", reviewer: "ana") }
        #expect(throws: JuryError.forbidden("lead-slot waits for a lead of team support to adjudicate")) {
            try ledger.claim(loop: "lead-slot", reviewer: "dee")
        }
    }
}
