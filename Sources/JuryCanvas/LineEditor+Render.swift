extension LineEditor {
    /// The first grapheme shown in a field `width` columns wide so that the cursor is visible:
    /// 0 while the text up to the cursor fits, otherwise scrolled so the cursor sits at the right
    /// edge (one column kept for the "…" marker on the left).
    public func firstVisible(width: Int) -> Int {
        let cursorColumn = DisplayWidth.of(String(graphemes[..<cursor]))
        guard cursorColumn >= width else { return 0 }
        var start = cursor, used = 1
        while start > 0, used + DisplayWidth.of(graphemes[start - 1]) <= width - 1 {
            start -= 1
            used += DisplayWidth.of(graphemes[start])
        }
        return start
    }

    /// Draws the field into one row at (`row`, `column`), `width` columns, in `role`; "…" in
    /// `scrollIndicator` marks text scrolled off either side. Sets `canvas.cursor` to the cursor
    /// cell and gives that cell `StyleRole.cursor`. Graphemes are sanitised for display only.
    public func render(into canvas: inout Canvas, row: Int, column: Int, width: Int, role: StyleRole = .focus) {
        guard width > 0 else { return }
        let field = Rect(row: row, column: column, rows: 1, columns: width)
        canvas.fill(field, role: role)
        let start = firstVisible(width: width)
        var x = column
        if start > 0 { x += canvas.put(SafeText.ellipsis, row: row, column: x, role: .scrollIndicator, clip: field) }
        var cursorX = x
        for index in start..<graphemes.count {
            if index == cursor { cursorX = x }
            let shown = Sanitizer.sanitize(String(graphemes[index]))
            guard x + shown.width <= field.right - (index < graphemes.count - 1 ? 1 : 0) else {
                canvas.put(SafeText.ellipsis, row: row, column: field.right - 1, role: .scrollIndicator, clip: field)
                break
            }
            x += canvas.put(shown, row: row, column: x, role: role, clip: field)
        }
        if cursor == graphemes.count { cursorX = x }
        guard cursorX < field.right else { return }
        canvas.cursor = Point(row: row, column: cursorX)
        canvas.restyle(Rect(row: row, column: cursorX, rows: 1, columns: 1), role: .cursor)
    }
}
