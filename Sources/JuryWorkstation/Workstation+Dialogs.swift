import JuryCore
import JuryCanvas

extension WorkstationState {
    mutating func editCommand(_ command: WorkstationCommand, key: Key) -> [Effect] {
        guard let editing = task?.editing else { return [] }
        switch command {
        case .keepEdit: commit(editing)
        case .cancelEdit: task?.editing = nil
        case .cursorUp, .cursorDown:
            return moveEditorLine(up: command == .cursorUp)
        case .keepAndNext:
            commit(editing)
            if case .comment = editing.target { break }
            let before = task?.scroll.selected
            scrollTask(by: 1)
            if let selected = task?.scroll.selected, selected != before { openEditor(on: selected) }
        default:
            return command.isEditorCommand ? typeIntoEditor(key) : []
        }
        return draftEffects()
    }

    /// Passes a key to the open line editor; a change of text saves the draft.
    mutating func typeIntoEditor(_ key: Key) -> [Effect] {
        guard var editing = task?.editing else { return [] }
        let before = editing.editor.text
        guard editing.editor.apply(key) == .handled else { return [] }
        task?.editing = editing
        return editing.editor.text == before ? [] : draftEffects()
    }

    /// Moves a paragraph editor's cursor one wrapped line, as the paragraph is laid out on screen;
    /// other editors are one line and ignore it.
    private mutating func moveEditorLine(up: Bool) -> [Effect] {
        guard var editing = task?.editing, case .paragraph = editing.target else { return [] }
        let width = FreeTextView.textWidth(size)
        if up { editing.editor.moveUp(width: width) } else { editing.editor.moveDown(width: width) }
        task?.editing = editing
        return []
    }

    /// Writes the editor's text into the verdict and closes the editor.
    private mutating func commit(_ editing: Editing) {
        guard var task else { return }
        let text = editing.editor.text
        switch (editing.target, task.content.body) {
        case (.field(let id), .form(let form)):
            guard let item = form.fields.first(where: { $0.id == id }) else { break }
            if item.isAdded {
                task.verdict.fields[id] = .value(text)
            } else {
                task.verdict.setField(id, value: text, original: item.isMissingKey ? "" : item.value)
            }
        case (.paragraph(let index), .freeText(let freeText)) where freeText.paragraphs.indices.contains(index):
            task.verdict.setParagraph(index, text: text, original: freeText.paragraphs[index])
        case (.comment, _):
            task.verdict.comment = text.allSatisfy(\.isWhitespace) ? "" : text
        default: break
        }
        task.editing = nil
        self.task = task
    }

    mutating func confirmCommand(_ command: WorkstationCommand) -> [Effect] {
        guard case .confirm(let kind) = overlay else { return [] }
        overlay = nil
        guard command == .confirm else { return [] }
        switch kind {
        case .quit:
            isQuitting = true
            return [.quit]
        case .skip: return task.map { [.release($0.claim.loopName)] } ?? []
        case .revertAll: return revertAll()
        case .withdraw: return task.map { [.withdraw($0.claim.loopName)] } ?? []
        case .leaveAmending: return leaveAmending()
        case .submit, .approve:
            guard let task else { return [] }
            var verdict = task.verdict
            if kind == .approve {
                verdict = Verdict()
                verdict.comment = task.verdict.comment
            }
            message = StatusMessage("Submitting \(task.claim.loopName)…")
            return submitEffects(verdict)
        }
    }

    mutating func draftCommand(_ command: WorkstationCommand) -> [Effect] {
        guard let draft = pendingDrafts.first else {
            overlay = nil
            return []
        }
        switch command {
        case .resumeDraft:
            pendingDrafts.removeFirst()
            overlay = nil
            message = StatusMessage("Resuming \(draft.loopName)…")
            return [.claimLoop(draft.loopName)]
        case .discardDraft:
            pendingDrafts.removeFirst()
            overlay = pendingDrafts.isEmpty ? nil : .draftOffer
            message = StatusMessage("Discarded the draft for \(draft.loopName)")
            return [.deleteDraft(draft.loopName)]
        case .later:
            pendingDrafts = []
            overlay = nil
            message = StatusMessage("Drafts kept: opening their task restores them")
            return []
        default: return []
        }
    }

    mutating func helpCommand(_ command: WorkstationCommand) -> [Effect] {
        guard case .help(let scroll) = overlay else { return [] }
        switch command {
        case .closeHelp: overlay = nil
        case .down, .up:
            let lines = helpOverlay.lines.count
            let visible = HelpLayout.visibleLines(lineCount: lines, size: size)
            overlay = .help(scroll.moved(by: command == .down ? 1 : -1, count: lines, visible: visible))
        default: break
        }
        return []
    }

    /// The screen under any overlay (what help describes).
    public var screenBeneath: ScreenID {
        var copy = self
        copy.overlay = nil
        return copy.screen
    }
}
