/// An inline one-line editor as a value: text as grapheme clusters, a cursor between them, and an
/// undo stack. Every edit is a pure function of the state (mutating methods on a value).
///
/// Undo: each edit pushes the previous (text, cursor); consecutive character inserts with no
/// cursor movement in between form one undo step. Cursor moves are not undone.
public struct LineEditor: Hashable, Sendable {
    /// The graphemes of the text.
    public private(set) var graphemes: [Character]
    /// Insertion point: 0...graphemes.count (before the grapheme at this index).
    public private(set) var cursor: Int
    private var undoStack: [Snapshot] = []
    /// True while typed characters join the current undo step.
    private var coalescing = false

    private struct Snapshot: Hashable, Sendable {
        var graphemes: [Character]
        var cursor: Int
    }

    /// An editor over `text` with the cursor at the end.
    public init(text: String = "") {
        graphemes = Array(text)
        cursor = graphemes.count
    }

    public var text: String { String(graphemes) }
    public var canUndo: Bool { !undoStack.isEmpty }

    // MARK: - Edits

    /// Inserts `text` (one grapheme or several) at the cursor. Newlines and controls are the
    /// caller's concern (sanitise pasted task data first).
    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        if !coalescing { pushUndo() }
        let new = Array(text)
        graphemes.insert(contentsOf: new, at: cursor)
        cursor += new.count
        coalescing = true
    }

    /// Deletes the grapheme before the cursor (no-op at the start).
    public mutating func backspace() {
        guard cursor > 0 else { return }
        edit { $0.graphemes.remove(at: $0.cursor - 1); $0.cursor -= 1 }
    }

    /// Deletes the grapheme after the cursor (no-op at the end).
    public mutating func deleteForward() {
        guard cursor < graphemes.count else { return }
        edit { $0.graphemes.remove(at: $0.cursor) }
    }

    /// Deletes back to the start of the previous word (ctrl-w): spaces first, then the word.
    public mutating func deleteWordBackward() {
        let start = wordStart(before: cursor)
        guard start < cursor else { return }
        edit { $0.graphemes.removeSubrange(start..<$0.cursor); $0.cursor = start }
    }

    /// Deletes from the cursor to the end (ctrl-k).
    public mutating func killToEnd() {
        guard cursor < graphemes.count else { return }
        edit { $0.graphemes.removeSubrange($0.cursor...) }
    }

    /// Deletes from the start to the cursor (ctrl-u).
    public mutating func killToStart() {
        guard cursor > 0 else { return }
        edit { $0.graphemes.removeSubrange(..<$0.cursor); $0.cursor = 0 }
    }

    /// Restores the state before the last edit (no-op when there is none).
    public mutating func undo() {
        guard let last = undoStack.popLast() else { return }
        graphemes = last.graphemes
        cursor = last.cursor
        coalescing = false
    }

    // MARK: - Cursor

    public mutating func moveLeft() { move(to: cursor - 1) }
    public mutating func moveRight() { move(to: cursor + 1) }
    public mutating func moveHome() { move(to: 0) }
    public mutating func moveEnd() { move(to: graphemes.count) }
    /// To the start of the current or previous word.
    public mutating func moveWordLeft() { move(to: wordStart(before: cursor)) }
    /// To the end of the current or next word.
    public mutating func moveWordRight() { move(to: wordEnd(after: cursor)) }

    // MARK: - Helpers

    mutating func move(to position: Int) {
        cursor = min(max(0, position), graphemes.count)
        coalescing = false
    }

    private mutating func edit(_ change: (inout LineEditor) -> Void) {
        pushUndo()
        change(&self)
        coalescing = false
    }

    private mutating func pushUndo() {
        undoStack.append(Snapshot(graphemes: graphemes, cursor: cursor))
    }

    private func isWordCharacter(_ c: Character) -> Bool {
        !(c.isWhitespace || (c.isPunctuation && c != "'" && c != "_") || c.isSymbol)
    }

    func wordStart(before position: Int) -> Int {
        var i = position
        while i > 0, !isWordCharacter(graphemes[i - 1]) { i -= 1 }
        while i > 0, isWordCharacter(graphemes[i - 1]) { i -= 1 }
        return i
    }

    func wordEnd(after position: Int) -> Int {
        var i = position
        while i < graphemes.count, !isWordCharacter(graphemes[i]) { i += 1 }
        while i < graphemes.count, isWordCharacter(graphemes[i]) { i += 1 }
        return i
    }
}
