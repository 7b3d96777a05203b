import Testing
@testable import JuryCanvas

@Suite("Line editor")
struct LineEditorTests {
    func type(_ text: String, into editor: inout LineEditor) {
        for c in text { editor.apply(.character(c)) }
    }

    @Test("typing, cursor keys and deletion on graphemes, not bytes")
    func basics() {
        var e = LineEditor()
        type("café 日本", into: &e)
        #expect(e.text == "café 日本" && e.cursor == 7)
        e.apply(.left); e.apply(.backspace)
        #expect(e.text == "café 本" && e.cursor == 5)
        e.apply(.home); e.apply(.delete)
        #expect(e.text == "afé 本" && e.cursor == 0)
        e.apply(.end); e.apply(.character("!"))
        #expect(e.text == "afé 本!")
    }

    @Test("an emoji ZWJ family and a combining accent are single graphemes")
    func clusters() {
        var e = LineEditor(text: "a👨‍👩‍👧e\u{0301}")
        #expect(e.graphemes.count == 3)
        e.apply(.backspace)
        #expect(e.text == "a👨‍👩‍👧")
        e.apply(.backspace)
        #expect(e.text == "a")
    }

    @Test("ctrl-w deletes the previous word, spaces first")
    func deleteWord() {
        var e = LineEditor(text: "total amount  ")
        e.apply(.ctrl("w"))
        #expect(e.text == "total ")
        e.apply(.ctrl("w"))
        #expect(e.text == "")
        var u = LineEditor(text: "名前 東京都")
        u.apply(.ctrl("w"))
        #expect(u.text == "名前 ")
    }

    @Test("word left/right and kill to end")
    func words() {
        var e = LineEditor(text: "one two three")
        e.apply(.alt("b")); e.apply(.alt("b"))
        #expect(e.cursor == 4)
        e.apply(.alt("f"))
        #expect(e.cursor == 7)
        e.apply(.ctrl("k"))
        #expect(e.text == "one two")
        e.apply(.ctrl("u"))
        #expect(e.text == "" )
    }

    @Test("undo restores each edit; typed runs undo as one step")
    func undo() {
        var e = LineEditor(text: "Acme")
        type(" Corp", into: &e)
        e.apply(.ctrl("w"))
        #expect(e.text == "Acme ")
        e.apply(.ctrl("z"))
        #expect(e.text == "Acme Corp")
        e.apply(.ctrl("z"))
        #expect(e.text == "Acme" && e.cursor == 4)
        e.apply(.ctrl("z"))
        #expect(e.text == "Acme" && !e.canUndo)
    }

    @Test("moving the cursor ends an undo step")
    func undoSteps() {
        var e = LineEditor()
        type("ab", into: &e)
        e.apply(.left)
        type("X", into: &e)
        #expect(e.text == "aXb")
        e.apply(.ctrl("_"))
        #expect(e.text == "ab")
        e.apply(.ctrl("_"))
        #expect(e.text == "")
    }

    @Test("non-editing keys are left to the screen")
    func ignored() {
        var e = LineEditor(text: "x")
        #expect(e.apply(.enter) == .ignored)
        #expect(e.apply(.escape) == .ignored)
        #expect(e.apply(.function(1)) == .ignored)
    }

    @Test("rendering scrolls horizontally to keep the cursor visible")
    func render() {
        var e = LineEditor(text: "0123456789abcdef")
        var canvas = Canvas(size: Size(rows: 1, columns: 8))
        e.render(into: &canvas, row: 0, column: 0, width: 8)
        #expect(canvas.textDump() == "…abcdef")
        #expect(canvas.cursor == Point(row: 0, column: 7))
        e.apply(.home)
        canvas = Canvas(size: Size(rows: 1, columns: 8))
        e.render(into: &canvas, row: 0, column: 0, width: 8)
        #expect(canvas.textDump() == "0123456…")
        #expect(canvas.cursor == Point(row: 0, column: 0))
        #expect(canvas[0, 0].role == .cursor)
    }

    @Test("rendering wide text never splits a grapheme")
    func renderWide() {
        let e = LineEditor(text: "日本語テキスト")
        var canvas = Canvas(size: Size(rows: 1, columns: 6))
        e.render(into: &canvas, row: 0, column: 0, width: 6)
        #expect(canvas.textDump() == "…スト")
        #expect(canvas.cursor == Point(row: 0, column: 5))
    }
}
