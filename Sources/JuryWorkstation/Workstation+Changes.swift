import JuryCore
import JuryCanvas

/// Task-screen changes that span the whole answer: reverting everything, and form keys the model missed.
extension WorkstationState {
    /// Asks before putting every field and label back to the model's answer; says so when nothing changed.
    mutating func askToRevertAll() -> [Effect] {
        guard let task else { return [] }
        guard task.verdict.changeCount > 0 else {
            message = StatusMessage("Nothing to revert: the answer is the model's")
            return []
        }
        overlay = .confirm(.revertAll)
        return []
    }

    /// Every field and label back to the model's answer (the comment stays), and the draft saved.
    mutating func revertAll() -> [Effect] {
        guard var task else { return [] }
        let count = task.verdict.changeCount
        task.verdict = task.verdict.reverted()
        task.content = task.content.withAddedKeys([])
        self.task = task
        scrollTask(by: 0)
        message = StatusMessage("Reverted \(count) change\(count == 1 ? "" : "s"): the model's answer again", .success)
        return draftEffects()
    }

    /// Opens the prompt for a new form key (form screens only).
    mutating func askForNewKey() -> [Effect] {
        guard case .form = task?.content.body else { return [] }
        prompt = Prompt(.newKey)
        return []
    }

    /// Takes the new key's text and asks for its value; a blank key or one the form has already is refused.
    mutating func newKeyEntered(_ text: String) {
        guard let task, case .form(let form) = task.content.body else { return }
        let key = text.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else {
            message = StatusMessage("No key added: the key text was empty", .warning)
            return
        }
        if let existing = form.field(named: key) {
            let words = "to edit its value"
            message = StatusMessage("\(existing.key) is a field already: select it and press \(WorkstationKeys.hint(.edit, on: .form, words))", .warning)
            return
        }
        prompt = Prompt(.newValue(key: key))
    }

    /// Adds the key with its value as the form's last row, selects it, and saves the draft.
    mutating func addKey(_ key: String, value: String) -> [Effect] {
        guard var task, case .form = task.content.body else { return [] }
        task.verdict.addKey(key, value: value)
        task.content = task.content.withAddedKeys(task.verdict.addedKeys)
        self.task = task
        scrollTask(by: task.content.itemCount)
        message = StatusMessage("Added \(key): it goes into the answer without a KEY block of the model's", .success)
        return draftEffects()
    }
}

extension TaskContent {
    /// The content with a form's added-key rows set to `keys` (other task types unchanged).
    func withAddedKeys(_ keys: [String]) -> TaskContent {
        guard case .form(let form) = body else { return self }
        var content = self
        content.body = .form(form.withAddedKeys(keys))
        return content
    }
}
