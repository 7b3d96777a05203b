import Foundation
@testable import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// Skips that ask before they drop work, skipped loops passed over, quitting with a claim held, and the
/// next task opening by itself after a verdict: against the pure update.
@Suite("Skip and advance")
struct SkipAndAdvanceTests {
    @Test("x with changes asks first: n keeps them, y skips; with no change x skips at once")
    func skipWithChanges() {
        let edited = Fixtures.taskState("ticket-0001", reviewer: "hiro").pressing(keys("3")).0
        let (asking, effects) = edited.pressing(keys("x"))
        #expect(asking.overlay == .confirm(.skip))
        #expect(effects.isEmpty)
        #expect(WorkstationView.render(asking).textDump().contains("Skip this task, dropping 1 change?"))
        let (kept, _) = asking.pressing(keys("n"))
        #expect(kept.overlay == nil && kept.task?.verdict.category == "refund")
        #expect(asking.pressing(keys("y")).1 == [.release("ticket-0001")])
        let commented = Fixtures.taskState("ticket-0001", reviewer: "hiro").pressing(keys("chm⏎x")).0
        #expect(commented.overlay == .confirm(.skip), "a comment is work too")
        #expect(Fixtures.taskState("ticket-0001", reviewer: "hiro").pressing(keys("x")).1 == [.release("ticket-0001")])
    }

    @Test("a skipped loop is passed over by the next claims, from the task screen and from the queue")
    func skippedPassedOver() {
        let (state, effects) = Fixtures.taskState("ticket-0001", reviewer: "hiro").after([.released("ticket-0001")])
        #expect(state.skipped == ["ticket-0001"])
        #expect(effects == [.deleteDraft("ticket-0001"), .claim(flow: nil, order: .oldestFirst, skipping: ["ticket-0001"])])
        var manual = Fixtures.taskState("ticket-0002", reviewer: "hiro")
        manual.advances = false
        let (queue, queueEffects) = manual.after([.released("ticket-0002")])
        #expect(queue.task == nil)
        #expect(queueEffects.last == .refreshQueue(queue.queueRequest))
        #expect(queue.pressing(keys("n")).1 == [.claim(flow: nil, order: .oldestFirst, skipping: ["ticket-0002"])])
    }

    @Test("after a verdict the next task is claimed at once, unless turned off or a draft waits to be offered")
    func advancesAfterVerdict() {
        let receipt = VerdictReceipt(loopName: "llm-0001", alreadyStored: false, status: .inProgress, verdicts: 1, taskCount: 2, output: nil)
        let (next, effects) = Fixtures.taskState("llm-0001", reviewer: "hiro").after([.submitted(receipt)])
        #expect(effects == [.deleteDraft("llm-0001"), .claim(flow: nil, order: .oldestFirst, skipping: []), .loadDay])
        #expect(next.message == StatusMessage("Submitted llm-0001: 1 of 2 verdicts", .success))
        var manual = Fixtures.taskState("llm-0001", reviewer: "hiro")
        manual.advances = false
        #expect(manual.after([.submitted(receipt)]).1.contains { if case .refreshQueue = $0 { true } else { false } })
        var offering = Fixtures.taskState("llm-0001", reviewer: "hiro")
        offering.pendingDrafts = [Draft(loopName: "llm-0002", flow: "llm-answers", verdict: Verdict(), editing: nil, savedAt: 0)]
        let (offered, offeredEffects) = offering.after([.submitted(receipt)])
        #expect(offered.overlay == .draftOffer)
        #expect(!offeredEffects.contains { if case .claim = $0 { true } else { false } })
    }

    @Test("an opened task fetches ahead the one after it, passing over itself and the skipped loops")
    func prefetchesTheNext() {
        let claim = Fixtures.claim("ticket-0003", reviewer: "hiro")
        var state = Fixtures.queueState("hiro")
        state.skipped = ["ticket-0001"]
        let effects = state.after([.taskLoaded(Fixtures.content("ticket-0003"), claim, nil)]).1
        #expect(effects == [.prefetch(flow: nil, order: .oldestFirst, skipping: ["ticket-0001", "ticket-0003"])])
        state.advances = false
        #expect(state.after([.taskLoaded(Fixtures.content("ticket-0003"), claim, nil)]).1.isEmpty)
    }

    @Test("quitting while holding a claim asks first (y quits, n stays); ctrl-c in the box quits; no claim quits at once")
    func quitHoldingClaim() {
        let task = Fixtures.taskState("inv-0003-cafe-muller")
        let (asking, effects) = task.pressing([.ctrl("c")])
        #expect(asking.overlay == .confirm(.quit("inv-0003-cafe-muller")) && effects.isEmpty && !asking.isQuitting)
        #expect(WorkstationView.render(asking).textDump().contains("You hold inv-0003-cafe-muller (lease 9:18 left)"))
        #expect(asking.pressing(keys("n")).0.overlay == nil)
        #expect(asking.pressing(keys("y")).1 == [.quit])
        #expect(asking.pressing([.ctrl("c")]).0.isQuitting)
        let held = Fixtures.queueState(held: ["inv-0003-cafe-muller": Fixtures.startMilliseconds + 60_000])
        #expect(held.pressing(keys("q")).0.overlay == .confirm(.quit("inv-0003-cafe-muller")))
        #expect(Fixtures.queueState().pressing(keys("q")).1 == [.quit])
    }
}
