import Testing
@testable import JuryCanvas

@Suite("Line editor, wrapped")
struct LineEditorWrapTests {
    /// The rows as strings.
    func rows(_ editor: LineEditor, width: Int) -> [String] {
        editor.rows(width: width).map { String(editor.graphemes[$0]) }
    }

    @Test("rows break after the last space that fits, inside a word only when it is longer than a row")
    func rowsBreakAtSpaces() {
        #expect(rows(LineEditor(text: "one two three four"), width: 8) == ["one two ", "three ", "four"])
        #expect(rows(LineEditor(text: "abcdefghij"), width: 4) == ["abcd", "efgh", "ij"])
        #expect(rows(LineEditor(text: "a   b"), width: 2) == ["a   ", "b"])
        #expect(rows(LineEditor(text: ""), width: 5) == [""])
    }

    @Test("wide and control graphemes count the columns they are drawn in")
    func widthsAsDrawn() {
        #expect(rows(LineEditor(text: "猫猫猫"), width: 4) == ["猫猫", "猫"])
        let escaped = LineEditor(text: "ab\u{1B}[31mcd")
        let drawn = escaped.graphemes.map { Sanitizer.sanitize(String($0)).width }
        let rowWidths = escaped.rows(width: 4).map { $0.reduce(0) { $0 + drawn[$1] } }
        #expect(rowWidths.allSatisfy { $0 <= 4 })
        #expect(escaped.rows(width: 4).flatMap { Array($0) } == Array(escaped.graphemes.indices))
    }

    @Test("the cursor's row and column; a position between rows starts the next row")
    func wrappedCursor() {
        var editor = LineEditor(text: "one two three four")
        #expect(editor.wrappedCursor(width: 8) == LineEditor.WrappedCursor(row: 2, column: 4))
        editor.move(to: 8)
        #expect(editor.wrappedCursor(width: 8) == LineEditor.WrappedCursor(row: 1, column: 0))
        editor.move(to: 0)
        #expect(editor.wrappedCursor(width: 8) == LineEditor.WrappedCursor(row: 0, column: 0))
    }

    @Test("up and down keep the column where the row allows, and stop at the ends of the text")
    func upAndDown() {
        var editor = LineEditor(text: "one two three four")
        editor.moveUp(width: 8)
        #expect(editor.cursor == 12)
        editor.moveUp(width: 8)
        #expect(editor.cursor == 4)
        editor.moveUp(width: 8)
        #expect(editor.cursor == 0)
        editor.moveDown(width: 8)
        #expect(editor.cursor == 8)
        editor.moveDown(width: 8)
        #expect(editor.cursor == 14)
        editor.moveDown(width: 8)
        #expect(editor.cursor == 18)
        var short = LineEditor(text: "abcdefgh xy")
        short.move(to: 7)
        short.moveDown(width: 9)
        #expect(short.cursor == 11)
    }
}
