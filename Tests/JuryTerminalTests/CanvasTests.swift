import Testing
@testable import JuryCanvas

@Suite("Canvas")
struct CanvasTests {
    @Test("text clips at the right edge")
    func clipsAtEdge() {
        var canvas = Canvas(size: Size(rows: 1, columns: 5))
        let used = canvas.put("abcdefgh", row: 0, column: 2)
        #expect(used == 3)
        #expect(canvas.textDump() == "  abc")
    }

    @Test("a wide grapheme that would cross the edge is replaced by padding, never split")
    func wideAtEdge() {
        var canvas = Canvas(size: Size(rows: 1, columns: 5))
        canvas.put("ab日本", row: 0, column: 0, role: .title)
        #expect(canvas.textDump() == "ab日")
        #expect(canvas[0, 2].width == 2 && canvas[0, 3].isContinuation)
        #expect(canvas[0, 4].grapheme == " " && canvas[0, 4].role == .title)
    }

    @Test("a limit clips like an edge")
    func limit() {
        var canvas = Canvas(size: Size(rows: 1, columns: 10))
        canvas.put("日本語", row: 0, column: 0, limit: 5)
        #expect(canvas.textDump() == "日本")
        #expect(canvas.line(0) == "日本      ")
    }

    @Test("a clip rectangle on the left does not leave half a wide grapheme")
    func clipLeft() {
        var canvas = Canvas(size: Size(rows: 1, columns: 6))
        canvas.put("x日本", row: 0, column: 0, clip: Rect(row: 0, column: 2, rows: 1, columns: 4))
        #expect(canvas.textDump() == "   本")
    }

    @Test("overwriting half of a wide grapheme blanks the other half")
    func overwriteHalf() {
        var canvas = Canvas(size: Size(rows: 1, columns: 6))
        canvas.put("日本", row: 0, column: 0)
        canvas.put("x", row: 0, column: 1)
        #expect(canvas.textDump() == " x本")
        canvas.put("y", row: 0, column: 2)
        #expect(canvas.textDump() == " xy")
        #expect(!canvas[0, 3].isContinuation)
    }

    @Test("emoji ZWJ families and flags take two cells")
    func emojiCells() {
        var canvas = Canvas(size: Size(rows: 1, columns: 8))
        canvas.put("👨‍👩‍👧‍👦🇯🇵!", row: 0, column: 0)
        #expect(canvas[0, 0].grapheme == "👨‍👩‍👧‍👦" && canvas[0, 1].isContinuation)
        #expect(canvas[0, 2].grapheme == "🇯🇵" && canvas[0, 3].isContinuation)
        #expect(canvas[0, 4].grapheme == "!")
    }

    @Test("combining marks stay in their base's cell; a lone mark sits on a dotted circle")
    func combining() {
        var canvas = Canvas(size: Size(rows: 1, columns: 6))
        canvas.put("e\u{0301}x", row: 0, column: 0)
        #expect(canvas[0, 0].grapheme == "e\u{0301}")
        #expect(canvas[0, 1].grapheme == "x")
        var lone = Canvas(size: Size(rows: 1, columns: 4))
        lone.put("\u{0301}a", row: 0, column: 0)
        #expect(lone[0, 0].grapheme == "\u{25CC}\u{0301}")
        #expect(lone[0, 1].grapheme == "a")
    }

    @Test("rows and columns outside the canvas are ignored")
    func outside() {
        var canvas = Canvas(size: Size(rows: 2, columns: 3))
        #expect(canvas.put("abc", row: 5, column: 0) == 0)
        #expect(canvas.put("abc", row: -1, column: 0) == 0)
        canvas.put("abcdef", row: 1, column: -2)
        #expect(canvas.textDump() == "\ncde")
    }

    @Test("role dump repeats a wide grapheme's code in its continuation")
    func roleDump() {
        var canvas = Canvas(size: Size(rows: 1, columns: 4))
        canvas.put("日", row: 0, column: 1, role: .error)
        #expect(canvas.roleDump() == ".EE.")
    }

    @Test("frame diff skips unchanged and continuation cells")
    func frameDiff() {
        var a = Canvas(size: Size(rows: 1, columns: 4))
        a.put("ab", row: 0, column: 0)
        var b = a
        b.put("日", row: 0, column: 2)
        let changes = FrameDiff.changes(from: a, to: b)
        #expect(changes.map(\.column) == [2])
        #expect(FrameDiff.changes(from: nil, to: b).count == 3)
    }
}
