import JuryCore
import JuryCanvas

extension WorkstationState {
    mutating func taskCommand(_ command: WorkstationCommand, key: Key) -> [Effect] {
        guard let task else { return [] }
        message = nil
        let page = TaskLayout.visibleItems(task.content, size: size, pictures: task.pictures.mode)
        switch command {
        case .down: scrollTask(by: 1)
        case .up: scrollTask(by: -1)
        case .pageDown: scrollTask(by: page, paging: true)
        case .pageUp: scrollTask(by: -page, paging: true)
        case .first: scrollTask(by: -task.content.itemCount)
        case .last: scrollTask(by: task.content.itemCount)
        case .scrollTextDown: scrollText(by: 1)
        case .scrollTextUp: scrollText(by: -1)
        case .approve: return approve()
        case .edit: return openEditor(on: task.scroll.selected ?? 0)
        case .comment: self.task?.editing = Editing(target: .comment, editor: LineEditor(text: task.verdict.comment))
        case .submit: return askToSubmit()
        case .skip where task.amends != nil, .back where task.amends != nil: return askToLeaveAmending()
        case .skip: return askToSkip()
        case .back: return backToQueue()
        case .revertAll: return askToRevertAll()
        case .addKey: return askForNewKey()
        case .withdraw: return askToWithdraw()
        case .fullScreen, .zoomIn, .zoomOut, .panLeft, .panRight, .panUp, .panDown, .openOriginal: return pictureCommand(command)
        default: return changeVerdict(command, key: key)
        }
        return []
    }

    /// Moves the selection by `delta` items and scrolls so it stays in view.
    mutating func scrollTask(by delta: Int, paging: Bool = false) {
        guard let task else { return }
        self.task?.scroll = TaskLayout.scrolled(task.scroll, by: delta, paging: paging, task: task, size: size)
    }

    /// Scrolls the item's text (classification) by `delta` lines, keeping at least its last line in view.
    mutating func scrollText(by delta: Int) {
        guard let task, case .classification(let classification) = task.content.body else { return }
        let lines = classification.shownText.lines(width: max(1, size.columns - 2)).count
        self.task?.textTop = max(0, min(task.textTop + delta, lines - 1))
    }

    private mutating func approve() -> [Effect] {
        guard let task else { return [] }
        guard task.verdict.changeCount == 0 else {
            overlay = .confirm(.approve)
            return []
        }
        guard task.verdict.answer(for: task.content) != nil else {
            guard case .classification = task.content.body else {
                message = StatusMessage("The model's answer cannot be submitted as it is: give yours", .warning)
                return []
            }
            message = StatusMessage("The model's answer is not one of this flow's categories: " + Self.chooseCategoryHint(task), .warning)
            return []
        }
        return submitEffects(task.verdict)
    }

    /// "choose a category (1–N)", naming space for a flow with more than nine.
    private static func chooseCategoryHint(_ task: TaskState) -> String {
        let count = task.content.flow.categories.count
        return count > 9 ? "choose a category (1–9, or space on the one under the cursor)" : "choose a category (1–\(count))"
    }

    /// Skips at once when nothing changed; asks first when the skip would drop changes or a comment.
    private mutating func askToSkip() -> [Effect] {
        guard let task else { return [] }
        guard task.verdict.isEmpty else {
            overlay = .confirm(.skip)
            return []
        }
        return [.release(task.claim.loopName)]
    }

    private mutating func askToSubmit() -> [Effect] {
        guard let task else { return [] }
        guard task.verdict.answer(for: task.content) != nil else {
            message = StatusMessage("First " + Self.chooseCategoryHint(task), .warning)
            return []
        }
        overlay = .confirm(.submit)
        return []
    }

    /// Submits `verdict`'s answer for the open task (amends the verdict given, when the task changes one).
    func submitEffects(_ verdict: Verdict) -> [Effect] {
        guard let task, let answer = verdict.answer(for: task.content) else { return [] }
        return [task.amends == nil ? .submit(loop: task.claim.loopName, answer: answer) : .amend(loop: task.claim.loopName, answer: answer)]
    }

    private mutating func backToQueue() -> [Effect] {
        guard let task else { return [] }
        let left = Format.countdown(milliseconds: task.claim.expiresAt - now)
        message = StatusMessage("Kept your claim on \(task.claim.loopName) (lease \(left))" + (task.verdict.isEmpty ? "" : "; your draft is saved"))
        closeTask()
        return [refreshQueue()]
    }

    /// Leaves the task screen; drafts not yet offered are offered again.
    mutating func closeTask() {
        if let loop = task?.claim.loopName { pendingDrafts.removeAll { $0.loopName == loop } }
        task = nil
        if overlay == nil, !pendingDrafts.isEmpty { overlay = .draftOffer }
    }

    /// Opens the line editor on item `index` (form fields and paragraphs only); a checkbox field
    /// (SELECTED / NOT_SELECTED) toggles instead, and the draft is saved.
    @discardableResult
    mutating func openEditor(on index: Int) -> [Effect] {
        guard let task else { return [] }
        switch task.content.body {
        case .form(let form) where form.fields.indices.contains(index):
            let item = form.fields[index]
            let current: String =
                switch task.verdict.fields[item.id] {
                case .value(let value): value
                case .missing: ""
                case nil: item.value
                }
            if let toggled = FormItem.toggledSelection(current) {
                self.task?.verdict.setField(item.id, value: toggled, original: item.value)
                return draftEffects()
            }
            self.task?.editing = Editing(target: .field(item.id), editor: LineEditor(text: current))
        case .freeText(let text) where text.paragraphs.indices.contains(index):
            let current = task.verdict.paragraphs[index] ?? text.paragraphs[index]
            self.task?.editing = Editing(target: .paragraph(index), editor: LineEditor(text: current))
        default: break
        }
        return []
    }

    private mutating func changeVerdict(_ command: WorkstationCommand, key: Key) -> [Effect] {
        guard var task else { return [] }
        let index = task.scroll.selected ?? 0
        switch (command, task.content.body) {
        case (.missing, .form(let form)) where form.fields.indices.contains(index) && form.fields[index].isAdded:
            task.verdict.removeAddedKey(form.fields[index].key)
            task.content = task.content.withAddedKeys(task.verdict.addedKeys)
        case (.missing, .form(let form)) where form.fields.indices.contains(index):
            task.verdict.toggleMissing(form.fields[index].id)
        case (.toggleLabel, .moderation(let moderation)) where moderation.labels.indices.contains(index):
            task.verdict.toggleLabel(at: index, in: moderation.labels)
        case (.choose, .classification(let classification)):
            guard choose(number: key, classification, in: &task) else { return [] }
        case (.chooseSelected, .classification(let classification)) where classification.rows.indices.contains(index):
            guard let number = classification.rows[index].number else { return [] }
            task.verdict.pick(task.content.flow.categories[number - 1], in: classification)
        case (.revert, _):
            task.verdict.revert(item: index, of: task.content)
            task.content = task.content.withAddedKeys(task.verdict.addedKeys)
        default:
            return []
        }
        self.task = task
        scrollTask(by: 0)
        return draftEffects()
    }

    private mutating func choose(number key: Key, _ classification: ClassificationTask, in task: inout TaskState) -> Bool {
        let categories = task.content.flow.categories
        guard case .character(let c) = key, let number = c.wholeNumberValue, categories.indices.contains(number - 1) else {
            message = StatusMessage("No category \(key.name): this flow has \(categories.count)", .warning)
            return false
        }
        task.verdict.pick(categories[number - 1], in: classification)
        if let row = classification.rows.firstIndex(where: { $0.number == number }) {
            task.scroll = TaskLayout.scrolled(ScrollState(top: task.scroll.top, selected: row), by: 0, paging: false,
                                              task: task, size: size)
        }
        return true
    }

    /// Saves the draft, or deletes it when nothing is left to save; none while changing a verdict given.
    func draftEffects() -> [Effect] {
        guard let task, task.amends == nil else { return [] }
        guard !task.verdict.isEmpty || task.editing != nil else { return [.deleteDraft(task.claim.loopName)] }
        let editing = task.editing.map { EditingDraft(target: $0.target, text: $0.editor.text) }
        return [.saveDraft(Draft(loopName: task.claim.loopName, flow: task.claim.flow, verdict: task.verdict,
                                 editing: editing, savedAt: now))]
    }
}

extension Verdict {
    /// Undoes the change on item `index` of `content`.
    mutating func revert(item index: Int, of content: TaskContent) {
        switch content.body {
        case .form(let form) where form.fields.indices.contains(index) && form.fields[index].isAdded: removeAddedKey(form.fields[index].key)
        case .form(let form) where form.fields.indices.contains(index): fields[form.fields[index].id] = nil
        case .moderation(let moderation) where moderation.labels.indices.contains(index):
            let label = moderation.labels[index]
            if applies(label) != label.isInModelAnswer { toggleLabel(at: index, in: moderation.labels) }
        case .classification(let classification) where classification.modelLabels != nil && classification.rows.indices.contains(index):
            removedLabels.remove(classification.rows[index].label)
            addedLabels.remove(classification.rows[index].label)
        case .classification: category = nil
        case .freeText: paragraphs[index] = nil
        default: break
        }
    }

    /// Chooses class `label`, or in a multi-select task toggles it.
    mutating func pick(_ label: String, in classification: ClassificationTask) {
        if let model = classification.modelLabels { toggleClass(label, model: model) } else { choose(label, predicted: classification.predicted) }
    }
}
