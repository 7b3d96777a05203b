import Foundation
import Testing
@testable import JuryCore
import JuryCanvas
@testable import JuryWorkstation

/// Revert all, a form key the model missed, and changing a verdict given earlier, through the pure update.
@Suite("Task screen tools")
struct TaskToolsTests {
    static let invoice = "inv-0008-kowalski-lodz"

    private func form(_ state: WorkstationState) throws -> FormTask {
        guard case .form(let form) = try #require(state.task).content.body else { throw TestFailure("not a form") }
        return form
    }

    @Test("U asks first, then puts every field back to the model's answer; the comment stays")
    func revertAll() throws {
        let edited = Fixtures.taskState(Self.invoice).pressing(keys("e") + [.ctrl("u")] + keys("2024-10-12⏎jmcnote⏎nTax ID⏎PL1⏎")).0
        #expect(edited.task?.verdict.changeCount == 3)
        let asked = edited.pressing(keys("U")).0
        #expect(asked.overlay == .confirm(.revertAll))
        let (reverted, effects) = asked.pressing(keys("y"))
        let verdict = try #require(reverted.task?.verdict)
        #expect(verdict.changeCount == 0 && verdict.comment == "note" && verdict.addedKeys.isEmpty)
        let rows = try form(reverted)
        #expect(rows.fields.allSatisfy { !$0.isAdded })
        #expect(reverted.message == StatusMessage("Reverted 3 changes: the model's answer again", .success))
        guard case .saveDraft(let draft) = effects.last else { throw TestFailure("no draft saved: \(effects)") }
        #expect(draft.verdict == verdict)
    }

    @Test("U with nothing changed says so and opens no box; n then y keeps the changes")
    func revertNothing() throws {
        let state = Fixtures.taskState("img-0016-party-table").pressing(keys("U")).0
        #expect(state.overlay == nil && state.message?.text == "Nothing to revert: the answer is the model's")
        let kept = Fixtures.taskState("img-0016-party-table").pressing(keys("jjj␣Un")).0
        #expect(kept.task?.verdict.removedLabels.isEmpty == false && kept.overlay == nil)
        let reverted = Fixtures.taskState("img-0016-party-table").pressing(keys("jjj␣Uy")).0
        #expect(reverted.task?.verdict.removedLabels.isEmpty == true)
    }

    @Test("n asks for a key and its value, adds them as the last row, and the answer carries the pair with no KEY block id")
    func addKey() throws {
        let before = try form(Fixtures.taskState(Self.invoice))
        var state = Fixtures.taskState(Self.invoice).pressing(keys("n")).0
        #expect(state.screen == .prompt && state.prompt?.kind == .newKey)
        state = state.pressing(keys("Tax ID⏎")).0
        #expect(state.prompt?.kind == .newValue(key: "Tax ID"))
        let (added, effects) = state.pressing(keys("PL 725⏎"))
        let fields = try form(added).fields
        #expect(fields.count == before.fields.count + 1 && fields.last?.isAdded == true && fields.last?.key == "Tax ID")
        #expect(added.task?.scroll.selected == fields.count - 1)
        #expect(effects.contains { if case .saveDraft = $0 { true } else { false } })
        let task = try #require(added.task)
        let pairs = try #require(task.verdict.answer(for: task.content)?[AnswerContent.mainKey(for: task.content.flow)]?["keyValuePairs"]?.arrayValue)
        #expect(pairs.last == ["key": "Tax ID", "value": "PL 725"])
        let stored = try ReviewAnswer(submitted: try #require(task.verdict.answer(for: task.content)), for: task.content.flow,
                                      input: Fixtures.admissions[Self.invoice]!.request.input)
        let addedPair = try #require(stored.formPairs.first { $0.key == "Tax ID" })
        #expect(!addedPair.isFromTextract && addedPair.value == "PL 725" && addedPair.fieldId == "key:Tax ID")
    }

    @Test("a new key that repeats a field's key, or is blank, is refused with a reason; escape adds nothing")
    func addKeyRefused() throws {
        let existing = try form(Fixtures.taskState(Self.invoice)).fields[0].key
        let repeated = Fixtures.taskState(Self.invoice).pressing(keys("n" + existing.lowercased() + "⏎")).0
        #expect(repeated.prompt == nil && repeated.message?.kind == .warning)
        #expect(repeated.message?.text.hasPrefix("\(existing) is a field already") == true)
        let blank = Fixtures.taskState(Self.invoice).pressing(keys("n  ⏎")).0
        #expect(blank.prompt == nil && blank.message?.text == "No key added: the key text was empty")
        let cancelled = Fixtures.taskState(Self.invoice).pressing(keys("nTax⏎⎋")).0
        #expect(cancelled.prompt == nil && cancelled.task?.verdict.addedKeys == [])
    }

    @Test("an added key's value is edited with e, u drops the key, and a draft brings the row back")
    func addedKeyEditedRevertedRestored() throws {
        let added = Fixtures.taskState(Self.invoice).pressing(keys("nTax ID⏎PL1⏎")).0
        let edited = added.pressing(keys("e") + [.ctrl("u")] + keys("PL2⏎")).0
        #expect(edited.task?.verdict.fields[FormItem.addedId("Tax ID")] == .value("PL2"))
        let dropped = edited.pressing(keys("u")).0
        let left = try form(dropped)
        #expect(dropped.task?.verdict.isEmpty == true && left.fields.allSatisfy { !$0.isAdded })
        let draft = Draft(loopName: Self.invoice, flow: "invoices", verdict: try #require(edited.task?.verdict), editing: nil, savedAt: 0)
        let decoded = try #require(Draft(stored: try draft.stored))
        let restored = WorkstationState(reviewer: "alice", size: Size(rows: 24, columns: 80), now: Fixtures.startMilliseconds, flows: [])
            .after([.taskLoaded(Fixtures.content(Self.invoice), Fixtures.claim(Self.invoice, reviewer: "alice"), decoded)]).0
        let restoredRows = try form(restored)
        #expect(restoredRows.fields.last?.key == "Tax ID")
    }

    @Test("a draft saved while editing an added key's value reopens with that row selected and its editor open")
    func draftEditingAnAddedKeyReopensOnItsRow() throws {
        let added = Fixtures.taskState(Self.invoice).pressing(keys("nTax ID⏎PL1⏎")).0
        let draft = Draft(loopName: Self.invoice, flow: "invoices", verdict: try #require(added.task?.verdict),
                          editing: EditingDraft(target: .field(FormItem.addedId("Tax ID")), text: "PL9"), savedAt: 0)
        let restored = WorkstationState(reviewer: "alice", size: Size(rows: 24, columns: 80), now: Fixtures.startMilliseconds, flows: [])
            .after([.taskLoaded(Fixtures.content(Self.invoice), Fixtures.claim(Self.invoice, reviewer: "alice"), draft)]).0
        let rows = try form(restored)
        #expect(restored.task?.scroll.selected == rows.fields.count - 1)
        #expect(restored.task?.editing?.editor.text == "PL9")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
