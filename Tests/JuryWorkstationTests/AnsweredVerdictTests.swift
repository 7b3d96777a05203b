import Foundation
import Testing
@testable import JuryCore
import JuryJSON
import JuryCanvas
@testable import JuryWorkstation

/// Changing or withdrawing a verdict given earlier, and a lead's view of the earlier verdicts, through the pure update.
@Suite("Verdicts given earlier")
struct AnsweredVerdictTests {
    /// The verdict's answer as the ledger stores it (forms as answer blocks).
    static func stored(_ verdict: Verdict, _ loop: String) throws -> JSONValue {
        let content = Fixtures.content(loop)
        return try AnswerContent.validated(try #require(verdict.answer(for: content)), for: content.flow,
                                           input: Fixtures.admissions[loop]!.request.input)
    }

    static func given(_ verdict: Verdict, _ loop: String, by reviewer: String = "alice", status: LoopStatus = .inProgress,
                      awaitsLead: Bool = false) throws -> LoopVerdicts {
        LoopVerdicts(loopName: loop, flow: Fixtures.admissions[loop]!.flow.name, status: status, awaitsLead: awaitsLead,
                     verdicts: [GivenVerdict(reviewer: reviewer, submittedAt: Fixtures.startMilliseconds + 5_000, answer: try stored(verdict, loop))])
    }

    @Test("a stored answer reads back as the verdict that made it, for every task type",
          arguments: ["inv-0008-kowalski-lodz", "img-0016-party-table", "ticket-0013", "llm-0004"])
    func readsBack(loop: String) throws {
        let reviewer = loop.hasPrefix("ticket") || loop.hasPrefix("llm") ? "hiro" : "alice"
        let script = loop.hasPrefix("inv") ? "e\u{15}2024-10-12⏎jmnTax ID⏎PL1⏎cchecked⏎" : loop.hasPrefix("img") ? "jjj␣" : loop.hasPrefix("ticket") ? "1" : "e\u{15}Thank you!⏎"
        let made = try #require(Fixtures.taskState(loop, reviewer: reviewer).pressing(keys(script).map { $0 == .character("\u{15}") ? .ctrl("u") : $0 }).0.task)
        #expect(!made.verdict.isEmpty)
        let read = Verdict(given: try Self.stored(made.verdict, loop), for: Fixtures.content(loop))
        #expect(read.fields == made.verdict.fields)
        #expect(read == made.verdict)
    }

    @Test("V asks for the loop (the latest answered offered), opens the verdict given, s then y amends it")
    func amend() throws {
        let loop = "img-0016-party-table"
        var state = Fixtures.queueState()
        state.answeredLoops = [loop]
        state = state.pressing(keys("V")).0
        #expect(state.screen == .prompt && state.prompt?.editor.text == loop)
        let (asked, effects) = state.pressing(keys("⏎"))
        #expect(effects == [.openAnswered(loop)] && asked.prompt == nil)
        let removed = try #require(Fixtures.taskState(loop).pressing(keys("jjj␣")).0.task?.verdict)
        let opened = asked.after([.answeredLoaded(Fixtures.content(loop), try Self.given(removed, loop))]).0
        let task = try #require(opened.task)
        #expect(task.amends != nil && task.verdict == removed && !removed.isEmpty && opened.heldLoop == nil)
        let (confirmed, sent) = opened.pressing(keys("jjj␣sy"))
        guard case .amend(let amended, _)? = sent.last else { throw TestFailure("no amend: \(sent)") }
        #expect(amended == loop && !sent.contains { if case .saveDraft = $0 { true } else { false } })
        let receipt = VerdictReceipt(loopName: loop, alreadyStored: false, status: .inProgress, verdicts: 1, taskCount: 2, output: nil)
        let done = confirmed.after([.amended(receipt)]).0
        #expect(done.task == nil && done.message?.text == "Amended your verdict on \(loop): 1 of 2 verdicts")
    }

    @Test("q leaves a verdict given at once when nothing changed; with changes it asks, and n keeps them on the screen")
    func leaveAmending() throws {
        let loop = "img-0016-party-table"
        let removed = try #require(Fixtures.taskState(loop).pressing(keys("jjj␣")).0.task?.verdict)
        let opened = Fixtures.queueState().after([.answeredLoaded(Fixtures.content(loop), try Self.given(removed, loop))]).0
        let (unchanged, refreshed) = opened.pressing(keys("q"))
        #expect(unchanged.task == nil && unchanged.overlay == nil && !refreshed.isEmpty)
        #expect(unchanged.message?.text == "Your verdict on \(loop) stays as it was")
        let edited = opened.pressing(keys("jjj␣")).0
        let (asked, none) = edited.pressing(keys("q"))
        #expect(asked.overlay == .confirm(.leaveAmending) && none.isEmpty && asked.task?.verdict == edited.task?.verdict)
        let kept = asked.pressing(keys("n")).0
        #expect(kept.overlay == nil && kept.task?.verdict == edited.task?.verdict)
        let left = asked.pressing(keys("y")).0
        #expect(left.task == nil && left.message?.text == "Your verdict on \(loop) stays as it was")
    }

    @Test("W asks, then withdraws the verdict given; elsewhere it says how to reach one")
    func withdraw() throws {
        let loop = "ticket-0013"
        var state = Fixtures.queueState("hiro")
        state = state.after([.answeredLoaded(Fixtures.content(loop), try Self.given(Verdict(), loop, by: "hiro"))]).0
        let (asked, none) = state.pressing(keys("W"))
        #expect(asked.overlay == .confirm(.withdraw) && none.isEmpty)
        let (_, effects) = asked.pressing(keys("y"))
        #expect(effects == [.withdraw(loop)])
        let gone = asked.after([.withdrawn(loop)]).0
        #expect(gone.task == nil && gone.message == StatusMessage("Withdrew your verdict on \(loop): its slot is open again", .success))
        let elsewhere = Fixtures.taskState(loop, reviewer: "hiro").pressing(keys("W")).0
        #expect(elsewhere.overlay == nil && elsewhere.message?.kind == .warning)
    }

    @Test("a verdict on a loop no longer InProgress is not opened; the reason is said")
    func notInProgress() throws {
        let loop = "ticket-0013"
        let state = Fixtures.queueState("hiro").after([.answeredLoaded(Fixtures.content(loop), try Self.given(Verdict(), loop, by: "hiro", status: .completed))]).0
        #expect(state.task == nil)
        #expect(state.message?.text == "\(loop) is Completed: a verdict can be changed only while its loop is InProgress")
    }

    @Test("a lead's task asks for the earlier verdicts; they show only when the loop waits for a lead, without the lead's own")
    func earlierVerdicts() throws {
        let loop = "inv-0008-kowalski-lodz"
        var state = Fixtures.queueState("lena")
        state.dashboard = DashboardState(lead: "lena", size: state.size, now: state.now, isPane: true)
        let (opened, effects) = state.after([.taskLoaded(Fixtures.content(loop), Fixtures.claim(loop, reviewer: "lena"), nil)])
        #expect(effects.contains(.loadEarlierVerdicts(loop)))
        var changed = Verdict()
        changed.fields[try #require(Fixtures.content(loop).formFields.first).id] = .value("2024-10-12")
        let verdicts = LoopVerdicts(loopName: loop, flow: "invoices", status: .inProgress, awaitsLead: true, verdicts: [
            GivenVerdict(reviewer: "alice", submittedAt: 1, answer: try Self.stored(Verdict(), loop)),
            GivenVerdict(reviewer: "bob", submittedAt: 2, answer: try Self.stored(changed, loop)),
            GivenVerdict(reviewer: "lena", submittedAt: 3, answer: try Self.stored(Verdict(), loop)),
        ])
        let shown = opened.after([.earlierVerdictsLoaded(verdicts)]).0
        let earlier = try #require(shown.task?.content.earlier)
        #expect(earlier.entries.map(\.reviewer) == ["alice", "bob"])
        #expect(earlier.soFar(item: 0, in: shown.task!.content) == nil, "one each: tied")
        let notWaiting = LoopVerdicts(loopName: loop, flow: "invoices", status: .inProgress, awaitsLead: false, verdicts: verdicts.verdicts)
        #expect(opened.after([.earlierVerdictsLoaded(notWaiting)]).0.task?.content.earlier == nil)
        let reviewer = Workstation.update(Fixtures.queueState(), .taskLoaded(Fixtures.content(loop), Fixtures.claim(loop, reviewer: "alice"), nil)).1
        #expect(!reviewer.contains(.loadEarlierVerdicts(loop)))
    }
}

