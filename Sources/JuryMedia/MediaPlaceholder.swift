import JuryCanvas

/// What screens draw instead of an image: a frame in `.border` with the reason, sanitised
/// (paths come from task data), word-wrapped, centred, in `.placeholder`.
public enum MediaPlaceholder {
    /// A `size` canvas saying why there is no picture.
    public static func canvas(for problem: MediaProblem, size: Size) -> Canvas {
        var canvas = Canvas(size: size)
        guard size.rows >= 1, size.columns >= 1 else { return canvas }
        if size.rows >= 3, size.columns >= 4 { drawFrame(&canvas) }
        let inner = size.rows >= 3 ? Rect(row: 1, column: 2, rows: size.rows - 2, columns: max(1, size.columns - 4)) : Rect(size)
        let lines = TextWrap.lines(Sanitizer.sanitize(problem.description), width: inner.columns)
        let top = inner.row + max(0, (inner.rows - lines.count) / 2)
        for (offset, line) in lines.prefix(inner.rows).enumerated() {
            let left = inner.column + max(0, (inner.columns - line.width) / 2)
            canvas.put(line, row: top + offset, column: left, role: .placeholder, limit: inner.columns)
        }
        return canvas
    }

    private static func drawFrame(_ canvas: inout Canvas) {
        let last = canvas.size.columns - 1, bottom = canvas.size.rows - 1
        for x in 0...last {
            canvas.put(x == 0 ? "┌" : x == last ? "┐" : "─", row: 0, column: x, role: .border)
            canvas.put(x == 0 ? "└" : x == last ? "┘" : "─", row: bottom, column: x, role: .border)
        }
        for y in 1..<bottom {
            canvas.put("│", row: y, column: 0, role: .border)
            canvas.put("│", row: y, column: last, role: .border)
        }
    }
}
