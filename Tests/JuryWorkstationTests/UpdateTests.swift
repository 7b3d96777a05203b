import Foundation
@testable import JuryCore
import JuryJSON
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// Key sequences against the pure update: states and effects checked as values.
@Suite("Update")
struct UpdateTests {
    @Test("start asks for drafts, the first page (sized to the screen) and the day's figures")
    func start() {
        var state = WorkstationState(reviewer: "alice", size: Size(rows: 24, columns: 80), now: 0, flows: [])
        #expect(Workstation.start(&state) == [
            .loadDrafts, .refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil)), .loadDay,
        ])
    }

    @Test("a first page that failed to load is asked for again once the refresh interval has passed")
    func failedStartRetries() {
        var state = WorkstationState(reviewer: "alice", size: Size(rows: 24, columns: 80), now: 0, flows: [])
        _ = Workstation.start(&state)
        let failed = state.after([.failed("Could not load the queue: the service is not running"), .tick(Workstation.refreshInterval - 1)])
        #expect(failed.1.isEmpty)
        #expect(failed.0.queue.loadedAt == nil)
        let retried = failed.0.after([.tick(Workstation.refreshInterval)])
        #expect(retried.1 == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil)), .loadDay])
    }

    @Test("enter claims the selected loop; n claims the next; o and f reload from the first page")
    func queueKeys() {
        let state = Fixtures.queueState()
        #expect(state.pressing(keys("jj⏎")).1 == [.claimLoop("img-0003-beach-volleyball")])
        #expect(state.pressing(keys("n")).1 == [.claim(flow: nil, order: .oldestFirst, skipping: [])])
        let sorted = state.pressing(keys("o"))
        #expect(sorted.1 == [.refreshQueue(QueueRequest(flow: nil, order: .lowestConfidenceFirst, limit: 19, after: nil))])
        #expect(state.pressing(keys("ff")).0.queue.flow == "moderation")
        #expect(state.pressing(keys("fff")).0.queue.flow == nil)
    }

    @Test("moving past the page's end loads the page after its last open entry, and back")
    func paging() throws {
        let held = ["inv-0003-cafe-muller": Fixtures.startMilliseconds + 60_000]
        let state = Fixtures.queueState(held: held)
        #expect(state.queue.hasMore)
        #expect(state.queue.entries.first?.leaseExpiresAt != nil)
        let lastOpen = try #require(state.queue.entries.last).position
        let (next, effects) = state.pressing([.pageDown])
        #expect(effects == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: lastOpen))])
        #expect(next.queue.previousPages == [nil])
        let (back, backEffects) = next.pressing(keys("k"))
        #expect(backEffects == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil))])
        #expect(back.queue.selectLastOnLoad)
    }

    @Test("after a first page filled by the reviewer's own claims, the open entries start from the beginning")
    func pagingPastHeldEntries() {
        let names = Fixtures.queueEntries(for: "alice").prefix(18).map(\.loopName)
        let held = Dictionary(uniqueKeysWithValues: names.map { ($0, Fixtures.startMilliseconds + 60_000) })
        let state = Fixtures.queueState(held: held)
        #expect(state.queue.hasMore && state.queue.entries.allSatisfy { $0.leaseExpiresAt != nil })
        #expect(state.pressing([.pageDown]).1 == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: .beforeFirst))])
    }

    @Test("a stale queue page (another filter) is ignored")
    func staleQueuePage() {
        let state = Fixtures.queueState().pressing(keys("f")).0
        let stale = QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil)
        #expect(state.after([.queueLoaded(stale, [])]).0 == state)
    }

    @Test("a claim loads the task; nothing to claim says so and refreshes")
    func claims() {
        let claim = Fixtures.claim("ticket-0001", reviewer: "hiro")
        let state = Fixtures.queueState("hiro")
        #expect(state.after([.claimed(claim)]).1 == [.loadTask(claim)])
        let (empty, effects) = state.after([.claimed(nil)])
        #expect(empty.message == StatusMessage("Nothing to claim right now", .warning))
        #expect(effects == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil))])
    }

    @Test("a approves as is at once when nothing changed")
    func approve() throws {
        let (_, effects) = Fixtures.taskState("img-0009-middle-finger-selfie").pressing(keys("a"))
        let answer: JSONValue = ["AWS/Rekognition/DetectModerationLabels/Image/V3": ["moderationLabels": [
            ["name": "Rude Gestures", "parentName": ""], ["name": "Middle Finger", "parentName": "Rude Gestures"],
        ]]]
        #expect(effects == [.submit(loop: "img-0009-middle-finger-selfie", answer: answer)])
    }

    @Test("a on a model answer outside the flow's categories says what to do instead, and submits nothing")
    func approveOutsideTheCategories() throws {
        var state = Fixtures.taskState("ticket-0001", reviewer: "hiro")
        guard case .classification(var classification) = state.task?.content.body else { throw TestFailure("ticket-0001 is not a classification") }
        classification.predicted = "not-a-category"
        state.task?.content.body = .classification(classification)
        let (approved, effects) = state.pressing(keys("a"))
        #expect(effects.isEmpty)
        let count = Fixtures.content("ticket-0001").flow.categories.count
        #expect(approved.message == StatusMessage("The model's answer is not one of this flow's categories: choose a category (1–\(count))", .warning))
    }

    @Test("f and o on a task without a picture say so; leaving a task with no change claims no draft")
    func silentKeysSaySo() throws {
        let state = Fixtures.taskState("ticket-0001", reviewer: "hiro")
        for key in ["f", "o"] {
            let (pressed, effects) = state.pressing(keys(key))
            #expect(effects.isEmpty && pressed.message == StatusMessage("This task has no picture", .warning), "\(key)")
        }
        let left = try #require(state.pressing(keys("q")).0.message?.text)
        #expect(left.hasPrefix("Kept your claim on ticket-0001") && !left.contains("draft"), "\(left)")
        let changed = try #require(state.pressing(keys("3q")).0.message?.text)
        #expect(changed.hasSuffix("; your draft is saved"), "\(changed)")
    }

    @Test("a message longer than the status row goes on over the key hints, so its end (a path) is on screen")
    func longMessageOverflows() throws {
        var state = Fixtures.queueState("hiro")
        let path = "/run/user/1000/jury-originals-1000/inv-0001-acme-industrial.pdf"
        state.message = StatusMessage("No desktop viewer here (no DISPLAY, or no xdg-open): the original is at \(path)")
        let rows = WorkstationView.render(state).textDump().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[22].hasPrefix(" No desktop viewer here"))
        #expect(rows[23].contains(path), "\(rows[23])")
        state.message = StatusMessage("Nothing to claim right now", .warning)
        let short = WorkstationView.render(state).textDump().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(short[23].contains("? Help"), "a short message took the key hints: \(short[23])")
    }

    @Test("a with changes asks first, and then drops them (keeping the comment)")
    func approveWithChanges() throws {
        let (state, effects) = Fixtures.taskState("ticket-0001", reviewer: "hiro").pressing(keys("3cok⏎a"))
        #expect(state.overlay == .confirm(.approve))
        #expect(effects.allSatisfy { if case .saveDraft = $0 { true } else { false } })
        let (_, confirmed) = state.pressing(keys("y"))
        #expect(confirmed == [.submit(loop: "ticket-0001", answer: ["category": ["label": "billing"], "comment": "ok"])])
    }

    @Test("editing a field: typing saves the draft with the edit in progress; enter keeps it; s, y submit the pairs")
    func editField() throws {
        let state = Fixtures.taskState("inv-0008-kowalski-lodz")
        let (editing, typed) = state.pressing(keys("e") + [.ctrl("u")] + keys("12"))
        #expect(editing.screen == .edit)
        guard case .saveDraft(let draft) = typed.last else { Issue.record("no draft saved: \(typed)"); return }
        #expect(draft.editing == EditingDraft(target: .field(editing.task!.content.formFields[0].id), text: "12"))
        let (done, _) = editing.pressing(keys("⏎Ge77⏎s"))
        #expect(done.overlay == .confirm(.submit))
        let (_, submitted) = done.pressing(keys("y"))
        guard case .submit(_, let answer) = submitted.first else { Issue.record("no submit: \(submitted)"); return }
        let pairs = answer["AWS/Textract/AnalyzeDocument/Forms/V1"]?["keyValuePairs"]?.arrayValue ?? []
        let firstField = editing.task!.content.formFields[0].id
        #expect(pairs.first == ["key": "Invoice Date", "value": "12", "keyBlockId": .string(firstField)])
        #expect(pairs.last == ["key": "Invoice Number", "value": "77"])
        #expect(pairs.count == 10)
    }

    @Test("escape cancels an edit; the model's own value is no change; u reverts; m toggles missing")
    func fieldChanges() {
        let state = Fixtures.taskState("inv-0003-cafe-muller")
        #expect(state.pressing(keys("exx⎋")).0.task?.verdict.isEmpty == true)
        #expect(state.pressing(keys("ex⏎")).0.task?.verdict.changeCount == 1)
        #expect(state.pressing(keys("ex") + [.backspace] + keys("⏎")).0.task?.verdict.isEmpty == true)
        #expect(state.pressing(keys("mm")).0.task?.verdict.isEmpty == true)
        #expect(state.pressing(keys("mu")).0.task?.verdict.isEmpty == true)
        let (_, effects) = state.pressing(keys("mm"))
        #expect(effects.last == .deleteDraft("inv-0003-cafe-muller"))
    }

    @Test("tab keeps the edit and opens the next field")
    func keepAndNext() {
        let (state, _) = Fixtures.taskState("inv-0003-cafe-muller").pressing(keys("eA⇥B⇥"))
        #expect(state.task?.verdict.changeCount == 2)
        #expect(state.task?.scroll.selected == 2)
        #expect(state.screen == .edit)
    }

    @Test("space toggles labels: a parent takes its children along; keeping a child keeps its parent")
    func labels() {
        let state = Fixtures.taskState("img-0016-party-table")
        let removed = state.pressing(keys("jjj␣")).0
        #expect(removed.task?.verdict.removedLabels == ["Drugs & Tobacco", "Products", "Pills"])
        let kept = removed.pressing(keys("jj␣")).0
        #expect(kept.task?.verdict.removedLabels == [])
    }

    @Test("a label of the flow's list the model did not find starts unchecked; space adds it, and the answer carries it")
    func addLabel() throws {
        let state = Fixtures.taskState("img-0015-toy-water-pistol")
        let names = try #require(state.task).content.moderationLabels.map(\.name)
        #expect(names.prefix(3) == ["Violence", "Weapons", "Explicit"])
        #expect(names.count == 11)
        let added = state.pressing(keys("jj␣")).0
        #expect(added.task?.verdict.addedLabels == ["Explicit"] && added.task?.verdict.changeCount == 1)
        let (confirming, _) = added.pressing(keys("s"))
        #expect(confirming.overlay == .confirm(.submit))
        let answer: JSONValue = ["AWS/Rekognition/DetectModerationLabels/Image/V3": ["moderationLabels": [
            ["name": "Violence", "parentName": ""], ["name": "Weapons", "parentName": "Violence"], ["name": "Explicit", "parentName": ""],
        ]]]
        #expect(confirming.pressing(keys("y")).1 == [.submit(loop: "img-0015-toy-water-pistol", answer: answer)])
        #expect(added.pressing(keys("u")).0.task?.verdict.isEmpty == true)
    }

    @Test("a listed parent of a reported label is implied; adding adds ancestors, removing takes descendants, and both undo")
    func labelTreeMixesReportedAndListedLabels() {
        let input: JSONValue = ["aiServiceResponse": ["ModerationLabels": [
            ["Name": "Weapons", "ParentName": "Violence", "Confidence": 91, "TaxonomyLevel": 2],
        ]]]
        let flowLabels = [ModerationLabelName(name: "Violence", parentName: ""), ModerationLabelName(name: "Knives", parentName: "Weapons")]
        let labels = ModerationTask(input: input, marks: ActivationMarks(results: .null), flowLabels: flowLabels).labels
        #expect(labels.map(\.name) == ["Violence", "Weapons", "Knives"] && labels.map(\.depth) == [0, 1, 2])
        #expect(labels.map(\.isInModelAnswer) == [true, true, false])
        var verdict = Verdict()
        #expect(labels.map(verdict.applies) == [true, true, false])
        verdict.toggleLabel(at: 2, in: labels)
        #expect(verdict.addedLabels == ["Knives"] && verdict.removedLabels.isEmpty)
        verdict.toggleLabel(at: 0, in: labels)
        #expect(verdict.addedLabels.isEmpty && verdict.removedLabels == ["Violence", "Weapons"])
        verdict.toggleLabel(at: 1, in: labels)
        #expect(verdict.isEmpty)
        verdict.toggleLabel(at: 1, in: labels)
        verdict.revert(item: 1, of: content(with: labels))
        #expect(verdict.isEmpty)
    }

    @Test("labels whose parents loop are toggled without end")
    func labelLoops() {
        let labels = [LabelItem(name: "A", parentName: "B", confidence: nil, depth: 0, isTriggered: false, isInModelAnswer: false),
                      LabelItem(name: "B", parentName: "A", confidence: nil, depth: 1, isTriggered: false, isInModelAnswer: false)]
        var verdict = Verdict()
        verdict.toggleLabel(at: 0, in: labels)
        #expect(verdict.addedLabels == ["A", "B"])
        verdict.toggleLabel(at: 0, in: labels)
        #expect(verdict.isEmpty)
    }

    /// A moderation task's content holding `labels`.
    func content(with labels: [LabelItem]) -> TaskContent {
        var content = Fixtures.content("img-0015-toy-water-pistol")
        content.body = .moderation(ModerationTask(labels: labels, metadata: []))
        return content
    }

    @Test("up and down move a paragraph editor by screen lines; a field editor ignores them")
    func paragraphEditorLines() throws {
        let state = Fixtures.taskState("llm-0002", reviewer: "hiro")
        let opened = state.pressing(keys("e")).0
        let editor = try #require(opened.task?.editing?.editor)
        let width = FreeTextView.textWidth(opened.size)
        #expect(editor.rows(width: width).count > 1, "the fixture's first paragraph should wrap")
        let up = opened.pressing([.up]).0
        let moved = try #require(up.task?.editing?.editor)
        #expect(moved.wrappedCursor(width: width).row == editor.wrappedCursor(width: width).row - 1)
        #expect(up.pressing([.ctrl("n")]).0.task?.editing?.editor.wrappedCursor(width: width).row == editor.wrappedCursor(width: width).row)
        #expect(up.pressing(keys("X")).0.task?.editing?.editor.text.count == editor.text.count + 1)

        let field = Fixtures.taskState("inv-0008-kowalski-lodz").pressing(keys("e")).0
        #expect(field.pressing([.up]).0.task?.editing == field.task?.editing)
    }

    @Test("a draft saved before labels could be added still reads back")
    func draftWithoutAddedLabels() throws {
        var verdict = Verdict()
        verdict.removedLabels = ["Pills"]
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(verdict)) as? [String: Any])
        #expect(object.removeValue(forKey: "addedLabels") != nil)
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(try JSONDecoder().decode(Verdict.self, from: old) == verdict)
    }

    @Test("number keys choose a category by the flow's order; the model's own choice is no change; 9 is refused")
    func categories() {
        let state = Fixtures.taskState("ticket-0013", reviewer: "hiro")
        #expect(state.pressing(keys("1")).0.task?.verdict.category == "billing")
        #expect(state.pressing(keys("13")).0.task?.verdict.category == nil)
        let refused = state.pressing(keys("9")).0
        #expect(refused.task?.verdict.category == nil)
        #expect(refused.message?.kind == .warning)
    }

    @Test("free text: edit a paragraph, the answer says edited with the other paragraphs unchanged")
    func freeText() throws {
        let (state, _) = Fixtures.taskState("llm-0004", reviewer: "hiro").pressing(keys("e") + [.ctrl("u")] + keys("Hi⏎s"))
        let (_, effects) = state.pressing(keys("y"))
        guard case .submit(_, let answer) = effects.first else { Issue.record("no submit"); return }
        #expect(answer["freeText"]?["decision"] == "edited")
        let text = answer["freeText"]?["text"]?.stringValue ?? ""
        #expect(text.hasPrefix("Hi\n「お待たせ"))
        #expect(text.hasSuffix("with customers."))
    }

    @Test("x skips (releases); q goes back keeping the claim; the results close the task")
    func skipAndBack() {
        let state = Fixtures.taskState("llm-0001", reviewer: "hiro")
        #expect(state.pressing(keys("x")).1 == [.release("llm-0001")])
        let (back, effects) = state.pressing(keys("q"))
        #expect(back.task == nil)
        #expect(effects == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil))])
        let (released, releaseEffects) = state.after([.released("llm-0001")])
        #expect(released.task == nil)
        #expect(releaseEffects.first == .deleteDraft("llm-0001"))
    }

    @Test("a submitted verdict closes the task, deletes the draft, reloads queue and figures")
    func submitted() {
        let receipt = VerdictReceipt(loopName: "llm-0001", alreadyStored: false, status: .inProgress, verdicts: 1, taskCount: 2, output: nil)
        let (state, effects) = Fixtures.taskState("llm-0001", reviewer: "hiro").after([.submitted(receipt)])
        #expect(state.task == nil)
        #expect(state.message == StatusMessage("Submitted llm-0001: 1 of 2 verdicts", .success))
        #expect(effects.first == .deleteDraft("llm-0001"))
        #expect(effects.last == .loadDay)
    }

    @Test("a draft found at start is offered; y claims its loop; the loaded task restores verdict and edit")
    func drafts() {
        var verdict = Verdict()
        verdict.category = "refund"
        let draft = Draft(loopName: "ticket-0001", flow: "tickets", verdict: verdict, editing: EditingDraft(target: .comment, text: "hm"), savedAt: 0)
        let (offered, _) = Fixtures.queueState("hiro").after([.draftsFound([draft])])
        #expect(offered.overlay == .draftOffer)
        let (resumed, effects) = offered.pressing(keys("y"))
        #expect(effects == [.claimLoop("ticket-0001")])
        let claim = Fixtures.claim("ticket-0001", reviewer: "hiro")
        let (open, _) = resumed.after([.taskLoaded(Fixtures.content("ticket-0001"), claim, draft)])
        #expect(open.task?.verdict.category == "refund")
        #expect(open.task?.editing?.editor.text == "hm")
        #expect(open.screen == .edit)
        #expect(offered.pressing(keys("d")).1 == [.deleteDraft("ticket-0001")])
    }

    @Test("ticks refresh the queue and the day's figures every 10 s, never on the task screen; r does both; resize re-pages the queue")
    func ticksAndResize() {
        let state = Fixtures.queueState()
        #expect(state.after([.tick(Fixtures.startMilliseconds + 5_000)]).1.isEmpty)
        #expect(state.after([.tick(Fixtures.startMilliseconds + 10_000)]).1
                    == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil)), .loadDay])
        #expect(state.pressing(keys("r")).1.contains(.loadDay))
        #expect(Fixtures.taskState("llm-0001", reviewer: "hiro").after([.tick(Fixtures.startMilliseconds + 60_000)]).1.isEmpty)
        let (resized, effects) = state.after([.resize(Size(rows: 40, columns: 100))])
        #expect(effects == [.refreshQueue(QueueRequest(flow: nil, order: .oldestFirst, limit: 35, after: nil))])
        #expect(resized.size == Size(rows: 40, columns: 100))
    }

    @Test("ctrl-c quits from every screen, even mid-edit (asking first, as a claim is held); q quits from the queue")
    func quit() {
        #expect(Fixtures.queueState().pressing(keys("q")).1 == [.quit])
        let (state, effects) = Fixtures.taskState("inv-0003-cafe-muller").pressing(keys("eab") + [.ctrl("c"), .ctrl("c")])
        #expect(state.isQuitting)
        #expect(effects.last == .quit)
    }

    @Test("help opens over any screen, scrolls, closes with esc")
    func help() {
        let state = Fixtures.taskState("inv-0003-cafe-muller", size: Size(rows: 20, columns: 60))
        let (open, _) = state.pressing(keys("?jj"))
        #expect(open.overlay == .help(ScrollState(top: 2)))
        #expect(open.screenBeneath == .form)
        #expect(open.pressing([.escape]).0.overlay == nil)
    }
}

extension TaskContent {
    var formFields: [FormItem] {
        if case .form(let form) = body { return form.fields }
        return []
    }

    var moderationLabels: [LabelItem] {
        if case .moderation(let moderation) = body { return moderation.labels }
        return []
    }
}
