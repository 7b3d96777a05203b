import Testing
@testable import JuryCanvas

@Suite("Table view")
struct TableViewTests {
    let columns = [
        TableColumn("Key", width: .fixed(8)),
        TableColumn("Value", width: .flex(min: 4, weight: 1)),
        TableColumn("Conf", width: .fixed(4), alignment: .right),
    ]

    func rows(_ n: Int) -> [TableRow] {
        (1...n).map { TableRow([SafeText(trusted: "key\($0)"), SafeText(trusted: "value \($0)"), SafeText(trusted: "\($0)%")]) }
    }

    @Test("fixed then flex widths; too narrow shrinks from the right")
    func widths() {
        #expect(TableView.columnWidths(columns, total: 30, gap: 1) == [8, 16, 4])
        #expect(TableView.columnWidths(columns, total: 14, gap: 1) == [8, 4, 0])
        let two = [TableColumn("a", width: .flex(min: 1, weight: 1)), TableColumn("b", width: .flex(min: 1, weight: 3))]
        #expect(TableView.columnWidths(two, total: 21, gap: 1) == [5, 15])
    }

    @Test("long cells end with an ellipsis; right alignment pads on the left")
    func truncation() {
        let table = TableView(columns: columns, rows: [
            TableRow([Sanitizer.sanitize("a_very_long_key"), Sanitizer.sanitize("日本語の長い値です"), SafeText(trusted: "9%")]),
        ])
        var canvas = Canvas(size: Size(rows: 2, columns: 24))
        table.render(into: &canvas, in: canvas.bounds, state: ScrollState())
        #expect(canvas.textDump() == "Key      Value      Conf\na_very_… 日本語の…    9%")
    }

    @Test("scrolling keeps the selection visible and shows what is hidden")
    func scrolling() {
        let table = TableView(columns: columns, rows: rows(10))
        var canvas = Canvas(size: Size(rows: 5, columns: 30))
        let state = ScrollState(top: 0, selected: 6)
        table.render(into: &canvas, in: canvas.bounds, state: state)
        let lines = canvas.textDump().split(separator: "\n").map(String.init)
        #expect(table.visibleRowCount(in: canvas.bounds) == 3)
        #expect(lines[1].hasPrefix("key5") && lines[3].hasPrefix("key7"))
        #expect(lines[4] == "           ↑ 4 more · ↓ 3 more")
        #expect(canvas.roleDump().split(separator: "\n")[3].allSatisfy { $0 == "S" })
    }

    @Test("no more-line when everything fits")
    func fits() {
        let table = TableView(columns: columns, rows: rows(3))
        var canvas = Canvas(size: Size(rows: 5, columns: 30))
        table.render(into: &canvas, in: canvas.bounds, state: ScrollState(selected: 0))
        #expect(!canvas.textDump().contains("more"))
    }

    @Test("scroll state moves and clamps")
    func scrollState() {
        var s = ScrollState(top: 0, selected: 0)
        s = s.moved(by: 5, count: 10, visible: 3)
        #expect(s == ScrollState(top: 3, selected: 5))
        s = s.moved(by: 100, count: 10, visible: 3)
        #expect(s == ScrollState(top: 7, selected: 9))
        s = s.moved(by: -100, count: 10, visible: 3)
        #expect(s == ScrollState(top: 0, selected: 0))
        #expect(ScrollState(top: 50).clamped(count: 10, visible: 4).top == 6)
        #expect(ScrollState(top: 3, selected: 8).clamped(count: 0, visible: 4) == ScrollState(top: 0, selected: 0))
    }

    @Test("hidden columns are marked in the header")
    func hiddenColumns() {
        let table = TableView(columns: columns, rows: rows(1))
        var canvas = Canvas(size: Size(rows: 2, columns: 14))
        table.render(into: &canvas, in: canvas.bounds, state: ScrollState())
        #expect(canvas.textDump().split(separator: "\n")[0] == "Key      Val……")
    }
}

@Suite("Text view and wrapping")
struct TextViewTests {
    @Test("wraps at spaces, breaks long words, keeps paragraphs")
    func wrap() {
        let lines = TextWrap.lines(Sanitizer.sanitize("the quick brown fox\n\nsupercalifragilistic", mode: .multiline), width: 10)
        #expect(lines.map(\.description) == ["the quick", "brown fox", "", "supercalif", "ragilistic"])
    }

    @Test("wraps by display width with wide graphemes")
    func wrapWide() {
        let lines = TextWrap.lines(SafeText(trusted: "日本語のテキスト"), width: 5)
        #expect(lines.map(\.description) == ["日本", "語の", "テキ", "スト"])
    }

    @Test("scrolled text shows a more line")
    func scrolled() {
        let view = TextView(Sanitizer.sanitize("one two three four five six seven", mode: .multiline))
        var canvas = Canvas(size: Size(rows: 3, columns: 10))
        view.render(into: &canvas, in: canvas.bounds, state: ScrollState(top: 1))
        #expect(canvas.textDump() == "three four\nfive six\n     ↑1 ↓1")
    }
}
