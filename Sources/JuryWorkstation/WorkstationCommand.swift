import JuryCanvas

/// Every command of the workstation. The raw value is the `CommandID` used in key tables, help and
/// the key reference.
public enum WorkstationCommand: String, CaseIterable, Sendable {
    // Navigation
    case down, up, pageDown, pageUp, first, last, scrollTextDown, scrollTextUp
    // Queue
    case open, claimNext, sort, filterFlow, search, history, refresh, changeVerdict
    // Search
    case applySearch, clearSearch
    // Verdict
    case approve, edit, missing, addKey, toggleLabel, choose, chooseSelected, revert, revertAll, comment, submit, skip, back, withdraw
    // Picture
    case fullScreen, zoomIn, zoomOut, panLeft, panRight, panUp, panDown, openOriginal
    // Editing
    case keepEdit, cancelEdit, keepAndNext
    case cursorLeft, cursorRight, cursorUp, cursorDown, lineStart, lineEnd, wordLeft, wordRight
    case deleteBack, deleteForward, deleteWord, killToEnd, killToStart, undo
    // Dialogs
    case confirm, cancel, resumeDraft, discardDraft, later
    // General
    case help, closeHelp, quit

    public var id: CommandID { CommandID(rawValue) }

    /// The command bound to `key` on `screen`, if any.
    public static func bound(to key: Key, on screen: ScreenID) -> WorkstationCommand? {
        WorkstationKeys.bindings(for: screen).command(for: key).flatMap { WorkstationCommand(rawValue: $0.rawValue) }
    }

    /// Editing commands that the line editor performs itself (the key is passed to `LineEditor.apply`).
    var isEditorCommand: Bool {
        switch self {
        case .cursorLeft, .cursorRight, .lineStart, .lineEnd, .wordLeft, .wordRight,
             .deleteBack, .deleteForward, .deleteWord, .killToEnd, .killToStart, .undo: true
        default: false
        }
    }
}
