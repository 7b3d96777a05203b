import Foundation
@testable import JuryCore
import JuryCanvas
import JuryTestSupport
import Testing
@testable import JuryWorkstation

/// Every screen and every task type at 80x24 and 60x20: text and style roles against
/// `__Goldens__/` (JURY_RECORD_GOLDENS=1 rewrites them and fails).
@Suite("Golden screens")
struct GoldenScreenTests {
    static let sizes = [Size(rows: 24, columns: 80), Size(rows: 20, columns: 60)]

    private func check(_ state: WorkstationState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let canvas = WorkstationView.render(state)
        let file = "\(name)-\(state.size)"
        Golden.assertText(canvas, named: file, sourceLocation: sourceLocation)
        Golden.assertRoles(canvas, named: file, sourceLocation: sourceLocation)
    }

    @Test("queue: alice's page with her own claims first", arguments: sizes)
    func queue(size: Size) throws {
        let held = ["img-0009-middle-finger-selfie": Fixtures.startMilliseconds + 41_000]
        check(Fixtures.queueState(size: size, held: held).pressing(keys("j")).0, "queue")
    }

    @Test("queue: lowest confidence first, one flow only")
    func queueFiltered() throws {
        var state = Fixtures.queueState("hiro").pressing(keys("of")).0
        let request = state.queueRequest
        let entries = Fixtures.queueEntries(for: "hiro").filter { $0.flow == "llm-answers" }
            .sorted { ($0.minimumConfidence ?? 1000) < ($1.minimumConfidence ?? 1000) }
        state = state.after([.queueLoaded(request, entries)]).0
        check(state, "queue-filtered")
    }

    @Test("queue: searched (words and a confidence range), the query in the subtitle, the claim still counted", arguments: sizes)
    func queueSearched(size: Size) throws {
        let held = ["img-0009-middle-finger-selfie": Fixtures.startMilliseconds + 41_000]
        var state = Fixtures.queueState(size: size, held: held).pressing(keys("/img-001 conf:<0.7⏎")).0
        let entries = Fixtures.queueEntries(for: "alice").filter { $0.loopName.contains("img-001") && ($0.minimumConfidence ?? 100) < 70 }
        state = state.after([.queueLoaded(state.queueRequest, entries)]).0
        check(state, "queue-searched")
    }

    @Test("queue: the search prompt open on a query that does not parse", arguments: sizes)
    func searchPrompt(size: Size) throws {
        check(Fixtures.queueState(size: size).pressing(keys("/conf:0.9-0.1 cake⏎")).0, "search-refused")
    }

    @Test("history: today's verdicts with their consensus and the day's totals", arguments: sizes)
    func history(size: Size) throws {
        check(Fixtures.queueState(size: size).after([.key(.character("h")), .historyLoaded(Fixtures.history)]).0.pressing(keys("j")).0, "history")
    }

    @Test("queue: nothing to claim")
    func emptyQueue() throws {
        var state = WorkstationState(reviewer: "ines", size: Size(rows: 24, columns: 80), now: Fixtures.startMilliseconds, flows: [])
        state = state.after([.queueLoaded(state.queueRequest, [])]).0
        check(state, "queue-empty")
    }

    @Test("document form with a missing key, an edit and a field marked missing", arguments: sizes)
    func form(size: Size) throws {
        let state = Fixtures.taskState("inv-0008-kowalski-lodz", size: size)
        check(state.pressing(keys("e") + [.ctrl("u")] + keys("2024-10-12⏎jm")).0, "form")
    }

    @Test("document form: low confidence and activation marks, long values cut with …", arguments: sizes)
    func formMarks(size: Size) throws {
        check(Fixtures.taskState("inv-0003-cafe-muller", size: size).pressing(keys("j")).0, "form-marks")
    }

    @Test("image moderation tree with a label removed", arguments: sizes)
    func moderation(size: Size) throws {
        check(Fixtures.taskState("img-0016-party-table", size: size).pressing(keys("jjj␣")).0, "moderation")
    }

    @Test("image moderation with a label the model did not find added", arguments: sizes)
    func moderationAdded(size: Size) throws {
        check(Fixtures.taskState("img-0015-toy-water-pistol", size: size).pressing(keys("jj␣")).0, "moderation-added")
    }

    @Test("classification with another category chosen", arguments: sizes)
    func classification(size: Size) throws {
        check(Fixtures.taskState("ticket-0013", reviewer: "hiro", size: size).pressing(keys("1")).0, "classification")
    }

    @Test("free text with escape sequences shown as placeholders", arguments: sizes)
    func freeTextEscapes(size: Size) throws {
        check(Fixtures.taskState("llm-0010", reviewer: "hiro", size: size).pressing(keys("j")).0, "free-text")
    }

    @Test("free text with CJK, an edited paragraph, scrolled", arguments: sizes)
    func freeTextCJK(size: Size) throws {
        let state = Fixtures.taskState("llm-0004", reviewer: "hiro", size: size)
        check(state.pressing(keys("e") + [.ctrl("u")] + keys("Thank you!⏎jjjj")).0, "free-text-cjk")
    }

    @Test("free text: a paragraph edited in place, the cursor a line up", arguments: sizes)
    func freeTextInPlace(size: Size) throws {
        check(Fixtures.taskState("llm-0002", reviewer: "hiro", size: size).pressing(keys("e") + [.up] + keys("NEW")).0, "free-text-in-place")
    }

    @Test("line editor open on a field", arguments: sizes)
    func editing(size: Size) throws {
        let state = Fixtures.taskState("inv-0003-cafe-muller", size: size)
        check(state.pressing(keys("je") + [.alt("b")] + keys("X")).0, "edit")
    }

    @Test("submit summary of the changes", arguments: sizes)
    func confirm(size: Size) throws {
        let state = Fixtures.taskState("inv-0008-kowalski-lodz", size: size)
        let edited = state.pressing(keys("e") + [.ctrl("u")] + keys("2024-10-12⏎jmGeINV-77⏎cchecked by phone⏎s")).0
        check(edited, "confirm")
    }

    @Test("draft offered at start", arguments: sizes)
    func draftOffer(size: Size) throws {
        var verdict = Verdict()
        verdict.fields["x"] = .missing
        let draft = Draft(loopName: "inv-0003-cafe-muller", flow: "invoices", verdict: verdict,
                          editing: EditingDraft(target: .field("y"), text: "12"), savedAt: Fixtures.startMilliseconds - 600_000)
        var state = WorkstationState(reviewer: "alice", size: size, now: Fixtures.startMilliseconds, flows: [])
        state = state.after([.queueLoaded(state.queueRequest, []), .draftsFound([draft])]).0
        check(state, "draft-offer")
    }

    @Test("help overlay of the form screen", arguments: sizes)
    func help(size: Size) throws {
        check(Fixtures.taskState("inv-0003-cafe-muller", size: size).pressing(keys("?")).0, "help")
    }

    @Test("lease warning under a minute")
    func leaseWarning() throws {
        var state = Fixtures.taskState("ticket-0001", reviewer: "hiro")
        state = state.after([.tick(state.task!.claim.expiresAt - 42_000)]).0
        check(state, "lease-warning")
    }

    @Test("too small below 60x16")
    func tooSmall() throws {
        check(Fixtures.taskState("inv-0003-cafe-muller", size: Size(rows: 15, columns: 59)), "too-small")
    }

    @Test("revert all: the confirm box over a form with changes", arguments: sizes)
    func revertAllBox(size: Size) throws {
        let state = Fixtures.taskState("inv-0008-kowalski-lodz", size: size)
        check(state.pressing(keys("jmcchecked⏎U")).0, "revert-all")
    }

    @Test("a form key the model missed: the prompt, then the added row", arguments: sizes)
    func addedKey(size: Size) throws {
        let state = Fixtures.taskState("inv-0008-kowalski-lodz", size: size)
        check(state.pressing(keys("nTax ID⏎PL 7251")).0, "new-key-prompt")
        check(state.pressing(keys("nTax ID⏎PL 7251⏎")).0, "form-added-key")
    }

    @Test("changing a verdict given earlier: no lease, the amend hint", arguments: sizes)
    func amending(size: Size) throws {
        let loop = "img-0016-party-table"
        let removed = try #require(Fixtures.taskState(loop, size: size).pressing(keys("jjj␣")).0.task?.verdict)
        var state = Fixtures.queueState(size: size)
        state = state.after([.answeredLoaded(Fixtures.content(loop), try AnsweredVerdictTests.given(removed, loop))]).0
        check(state, "amending")
    }

    @Test("adjudication: the earlier verdicts under a lead's form", arguments: sizes)
    func adjudication(size: Size) throws {
        let loop = "inv-0008-kowalski-lodz"
        var state = Fixtures.queueState("lena", size: size)
        state.dashboard = DashboardState(lead: "lena", size: size, now: state.now, isPane: true)
        state = state.after([.taskLoaded(Fixtures.content(loop), Fixtures.claim(loop, reviewer: "lena"), nil)]).0
        let bob = try #require(Fixtures.taskState(loop).pressing(keys("e") + [.ctrl("u")] + keys("2024-10-12⏎nTax ID⏎PL1⏎")).0.task?.verdict)
        let verdicts = LoopVerdicts(loopName: loop, flow: "invoices", status: .inProgress, awaitsLead: true, verdicts: [
            GivenVerdict(reviewer: "alice", submittedAt: 1, answer: try AnsweredVerdictTests.stored(Verdict(), loop)),
            GivenVerdict(reviewer: "bob", submittedAt: 2, answer: try AnsweredVerdictTests.stored(bob, loop)),
            GivenVerdict(reviewer: "chen", submittedAt: 3, answer: try AnsweredVerdictTests.stored(bob, loop)),
        ])
        check(state.after([.earlierVerdictsLoaded(verdicts)]).0, "adjudication")
    }
}
