extension LineEditor {
    /// What a key did to the editor.
    public enum KeyResult: Hashable, Sendable {
        /// The key edited the text or moved the cursor.
        case handled
        /// Not an editing key (enter, escape, tab, function keys…): the screen decides.
        case ignored
    }

    /// Applies one key with the conventional (readline-like) bindings:
    /// printable graphemes insert; backspace, delete / ctrl-d; left/right, ctrl-b/ctrl-f;
    /// home/ctrl-a, end/ctrl-e; alt-b/alt-f word left/right; ctrl-w delete word backward;
    /// ctrl-k kill to end; ctrl-u kill to start; ctrl-z or ctrl-_ undo.
    @discardableResult
    public mutating func apply(_ key: Key) -> KeyResult {
        switch key {
        case .character(let c): insert(String(c))
        case .backspace, .ctrl("h"): backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveHome()
        case .end, .ctrl("e"): moveEnd()
        case .alt("b"): moveWordLeft()
        case .alt("f"): moveWordRight()
        case .ctrl("w"): deleteWordBackward()
        case .ctrl("k"): killToEnd()
        case .ctrl("u"): killToStart()
        case .ctrl("z"), .ctrl("_"): undo()
        default: return .ignored
        }
        return .handled
    }
}
