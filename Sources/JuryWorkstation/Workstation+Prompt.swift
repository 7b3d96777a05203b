import JuryCore
import JuryCanvas

/// The status-row prompt: enter answers it, escape drops it, other keys edit its text.
extension WorkstationState {
    mutating func promptCommand(_ command: WorkstationCommand, key: Key) -> [Effect] {
        guard let prompt else { return [] }
        switch command {
        case .confirm:
            self.prompt = nil
            return answered(prompt.kind, text: prompt.editor.text)
        case .cancel:
            self.prompt = nil
            return []
        default:
            return command.isEditorCommand ? typeIntoPrompt(key) : []
        }
    }

    /// Passes a key to the prompt's line editor.
    mutating func typeIntoPrompt(_ key: Key) -> [Effect] {
        guard var prompt else { return [] }
        guard prompt.editor.apply(key) == .handled else { return [] }
        self.prompt = prompt
        return []
    }

    private mutating func answered(_ kind: PromptKind, text: String) -> [Effect] {
        switch kind {
        case .newKey:
            newKeyEntered(text)
            return []
        case .newValue(let key): return addKey(key, value: text)
        case .answeredLoop: return openAnswered(text.trimmingCharacters(in: .whitespaces))
        }
    }
}
