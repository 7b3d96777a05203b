import JuryTestSupport
import Testing
@testable import JuryCanvas

/// A composite of the widgets, shaped like a task screen, for golden tests.
enum Gallery {
    static let commands = CommandTable([
        Command(id: "approve", summary: "Approve", group: "Verdict"),
        Command(id: "edit", summary: "Edit field", group: "Verdict"),
        Command(id: "missing", summary: "Mark missing", group: "Verdict"),
        Command(id: "down", summary: "Next field", group: "Navigation"),
        Command(id: "up", summary: "Previous field", group: "Navigation"),
        Command(id: "help", summary: "Help", group: "General"),
        Command(id: "quit", summary: "Quit", group: "General"),
    ])
    static let bindings = KeyBindings(screen: "gallery", [
        .init(.character("a"), "approve"), .init(.character("e"), "edit"), .init(.character("m"), "missing"),
        .init(.character("j"), "down"), .init(.down, "down"), .init(.character("k"), "up"), .init(.up, "up"),
        .init(.character("?"), "help"), .init(.character("q"), "quit"), .init(.ctrl("c"), "quit", inFooter: false),
    ])
    static let fields: [(String, String, Double)] = [
        ("invoice_id", "INV-2024-0042", 99.1), ("vendor", "株式会社サンプル", 71.5),
        ("total", "1,234.56 €", 42.0), ("notes", "pay\u{1B}[2J now\u{07}", 88.0),
        ("emoji", "👍🏽 ok 🇯🇵", 64.9), ("accent", "Cafe\u{0301} Zoë", 12.3),
        ("iban", "DE89 3704 0044 0532 0130 00", 97.0), ("due", "2024-07-01", 55.5),
    ]

    static func render(size: Size, selected: Int, help: Bool = false) -> Canvas {
        TooSmallView.guarded(size: size, minimum: Size(rows: 12, columns: 40)) { size in
            var canvas = Canvas(size: size)
            canvas.fill(Rect(row: 0, column: 0, rows: 1, columns: size.columns), role: .title)
            canvas.put("Jury · invoices · task 7f3a", row: 0, column: 1, role: .title)
            let (rest, footer) = Rect(row: 1, column: 0, rows: size.rows - 1, columns: size.columns).splitBottom(1)
            let (tableArea, textArea) = rest.splitTop(rest.rows * 2 / 3)
            drawTable(into: &canvas, in: tableArea, selected: selected)
            var editor = LineEditor(text: fields[selected].1)
            editor.apply(.alt("b"))
            canvas.put("Edit:", row: textArea.row, column: 0, role: .header)
            editor.render(into: &canvas, row: textArea.row, column: 6, width: min(30, size.columns - 6))
            let note = Sanitizer.sanitize("Model output: the vendor name was read from the header; 金額 matched the total.\nLow confidence on total.", mode: .multiline)
            TextView(note, role: .dim).render(into: &canvas, in: textArea.splitTop(1).rest)
            KeyHintsFooter(bindings: bindings, commands: commands).render(into: &canvas, in: footer)
            if help { HelpOverlay(bindings: bindings, commands: commands).render(into: &canvas) }
            return canvas
        }
    }

    static func drawTable(into canvas: inout Canvas, in area: Rect, selected: Int) {
        let columns = [TableColumn("Field", width: .fixed(10)), TableColumn("Value", width: .flex(min: 8, weight: 1)),
                       TableColumn("Confidence", width: .fixed(area.columns >= 60 ? 20 : 10), alignment: .right)]
        let rows = fields.map { TableRow([SafeText(trusted: $0.0), Sanitizer.sanitize($0.1), SafeText()],
                                         role: $0.2 < 50 ? .lowConfidence : .normal) }
        let table = TableView(columns: columns, rows: rows)
        table.render(into: &canvas, in: area, state: ScrollState(selected: selected))
        let state = ScrollState(selected: selected).clamped(count: rows.count, visible: table.visibleRowCount(in: area))
        let widths = TableView.columnWidths(columns, total: area.columns, gap: 1)
        for (i, index) in (state.top..<min(rows.count, state.top + table.visibleRowCount(in: area))).enumerated() {
            ConfidenceBar(percent: fields[index].2).render(into: &canvas, row: area.row + 1 + i,
                                                           column: area.right - widths[2], width: widths[2])
        }
    }
}

@Suite("Golden screens")
struct GoldenScreenTests {
    @Test("widget composite at 80x24")
    func wide() {
        let canvas = Gallery.render(size: Size(rows: 24, columns: 80), selected: 1)
        Golden.assertText(canvas, named: "gallery-80x24")
        Golden.assertRoles(canvas, named: "gallery-80x24")
    }

    @Test("widget composite at 40x12, scrolled")
    func narrow() {
        let canvas = Gallery.render(size: Size(rows: 12, columns: 40), selected: 6)
        Golden.assertText(canvas, named: "gallery-40x12")
        Golden.assertRoles(canvas, named: "gallery-40x12")
    }

    @Test("help overlay at 40x12")
    func help() {
        Golden.assertText(Gallery.render(size: Size(rows: 12, columns: 40), selected: 0, help: true), named: "help-40x12")
    }

    @Test("terminal too small")
    func tooSmall() {
        Golden.assertText(Gallery.render(size: Size(rows: 8, columns: 30), selected: 0), named: "too-small-30x8")
    }

    @Test("the golden helper's diff names lines")
    func diff() {
        #expect(Golden.lineDiff(expected: "a\nb", actual: "a\nc") == "  2 -|b|\n  2 +|c|")
        #expect(Golden.lineDiff(expected: "same", actual: "same") == nil)
        #expect(Golden.isRecording(["JURY_RECORD_GOLDENS": "1"]))
        #expect(!Golden.isRecording([:]))
    }
}
