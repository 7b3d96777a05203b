import Foundation
@testable import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// What the task and queue screens say about the verdict being made: emptied values, added and removed
/// labels, the comment, checkboxes, the lease and the claim count.
@Suite("Task screen details")
struct TaskScreenDetailsTests {
    private func screen(_ state: WorkstationState) -> String { WorkstationView.render(state).textDump() }

    @Test("a form the model found no fields on says so, with the key that adds one, and its zoom does not wait forever")
    func formWithoutFields() throws {
        var state = Fixtures.taskState("inv-0003-cafe-muller", size: Size(rows: 40, columns: 120))
        guard case .form(var form) = state.task?.content.body else { throw TestFailure("inv-0003 is not a form") }
        form.fields = []
        state.task?.content.body = .form(form)
        let shown = screen(state)
        #expect(shown.contains("The model found no key-value pairs here: n adds a key it missed"))
        #expect(!shown.contains("zooming…"))
    }

    @Test("an emptied value shows as (emptied) in the table, the detail and the submit summary")
    func emptiedValue() {
        let (state, _) = Fixtures.taskState("inv-0003-cafe-muller").pressing(keys("e") + [.ctrl("u")] + keys("⏎"))
        #expect(screen(state).contains("(emptied)"))
        #expect(screen(state).contains("yours: (emptied)"))
        #expect(screen(state.pressing(keys("s")).0).contains("→ (emptied)"))
    }

    @Test("the moderation Review column says removed and added")
    func reviewColumn() throws {
        let state = Fixtures.taskState("img-0009-middle-finger-selfie")
        let removed = screen(state.pressing(keys("␣")).0).split(separator: "\n").first { $0.contains("Rude Gestures") }
        #expect(removed?.hasSuffix("removed") == true)
        let labels = state.task?.content.moderationLabels ?? []
        let absent = try #require(labels.firstIndex { !$0.isInModelAnswer })
        let added = state.pressing(Array(repeating: Key.character("j"), count: absent) + keys("␣")).0
        #expect(screen(added).split(separator: "\n").first { $0.contains(labels[absent].name) }?.hasSuffix("added") == true)
    }

    @Test("a typed comment stays visible on the status line")
    func commentVisible() {
        let (state, _) = Fixtures.taskState("ticket-0001", reviewer: "hiro").pressing(keys("cunsure⏎"))
        #expect(screen(state).contains(" Comment: unsure"))
    }

    @Test("e on a checkbox field toggles it instead of opening an editor that would take any text")
    func checkboxToggles() throws {
        let state = Fixtures.taskState("w9-0016-lindqvist-consulting")
        let fields = state.task?.content.formFields ?? []
        let box = try #require(fields.firstIndex { $0.value == "SELECTED" })
        let (toggled, effects) = state.pressing(Array(repeating: Key.character("j"), count: box) + keys("e"))
        #expect(toggled.task?.editing == nil)
        #expect(toggled.task?.verdict.fields[fields[box].id] == .value("NOT_SELECTED"))
        #expect(effects.contains { if case .saveDraft = $0 { true } else { false } })
        #expect(toggled.pressing(keys("e")).0.task?.verdict.isEmpty == true)
    }

    @Test("the lease countdown never starts above the flow's limit, even on a clock read before the claim")
    func leaseWithinLimit() {
        var state = WorkstationState(reviewer: "alice", size: Size(rows: 24, columns: 80), now: Fixtures.startMilliseconds - 1_500,
                                     flows: Fixtures.flowSummaries(of: "alice"))
        state = state.after([.taskLoaded(Fixtures.content("inv-0003-cafe-muller"), Fixtures.claim("inv-0003-cafe-muller", reviewer: "alice"), nil)]).0
        #expect(screen(state).contains("lease 10:00"))
    }

    @Test("filtering to another flow keeps the 1 claimed count of the held claim")
    func claimedCountKept() {
        let held = Fixtures.queueState(held: ["inv-0003-cafe-muller": Fixtures.startMilliseconds + 60_000])
        #expect(screen(held).contains("1 claimed"))
        let (filtered, _) = held.pressing(keys("ff"))
        let page = filtered.after([.queueLoaded(filtered.queueRequest, Fixtures.queueEntries(for: "alice").filter { $0.flow == "moderation" })]).0
        #expect(screen(page).contains("1 claimed"))
    }
}
