import JuryCore
import JuryCanvas

/// The free-text layout: the prompt, then the model's output paragraph by paragraph (wrapped; the
/// selected one marked ▌ in the gutter, edited ones ✎), scrolling with a "more" line. The paragraph
/// being edited is edited in place, scrolled into view with its cursor.
enum FreeTextView {
    /// Text columns: the body minus the two-column gutter and a right margin.
    static func textWidth(_ size: Size) -> Int { max(1, size.columns - 3) }

    static func render(_ text: FreeTextTask, task: TaskState, into canvas: inout Canvas, in rect: Rect) {
        let lines = FreeTextLines(text, verdict: task.verdict, width: textWidth(canvas.size), editing: task.editing,
                                  threshold: task.content.flow.confidenceThreshold)
        let visible = TextView.visibleLineCount(in: rect, lineCount: lines.lines.count)
        var top = task.scroll.top
        if let cursor = lines.cursor { top = min(max(top, cursor.row - visible + 1), cursor.row) }
        let scroll = ScrollState(top: top).clamped(count: lines.lines.count, visible: visible)
        for (offset, line) in lines.lines.dropFirst(scroll.top).prefix(visible).enumerated() {
            let y = rect.row + offset
            drawGutter(line, task: task, row: y, into: &canvas)
            canvas.put(line.text, row: y, column: rect.column + 2, role: line.role, limit: rect.columns - 2)
        }
        if let cursor = lines.cursor, (scroll.top..<scroll.top + visible).contains(cursor.row) {
            let point = Point(row: rect.row + cursor.row - scroll.top, column: rect.column + 2 + min(cursor.column, rect.columns - 3))
            canvas.cursor = point
            canvas.restyle(Rect(row: point.row, column: point.column, rows: 1, columns: 1), role: .cursor)
        }
        let hidden = scroll.hidden(count: lines.lines.count, visible: visible)
        ScrollIndicator.draw(above: hidden.above, below: hidden.below, into: &canvas, row: rect.bottom - 1, in: rect)
    }

    private static func drawGutter(_ line: FreeTextLines.Line, task: TaskState, row: Int, into canvas: inout Canvas) {
        guard let paragraph = line.paragraph else { return }
        if paragraph == task.scroll.selected {
            canvas.put("▌", row: row, column: 0, role: .selection)
        } else if task.verdict.paragraphs[paragraph] != nil {
            canvas.put("✎", row: row, column: 0, role: .verdictEdited)
        }
    }
}
