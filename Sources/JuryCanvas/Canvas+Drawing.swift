extension Canvas {
    /// Writes `text` on `row` starting at `column`, in `role`, and returns the columns used.
    ///
    /// - Clips at `limit` columns (when given), at `clip` (when given) and at the canvas edge.
    /// - A wide grapheme that would cross the limit is not split: the remaining columns are padded
    ///   with spaces in `role` instead.
    /// - Control characters are shown as placeholders (defence in depth: task data should already
    ///   have passed through `Sanitizer`).
    /// - A zero-width cluster (a lone combining mark) attaches to the previously written cell, or
    ///   is shown on a dotted circle (U+25CC) when it starts the text.
    @discardableResult
    public mutating func put(
        _ text: String, row: Int, column: Int, role: StyleRole = .normal,
        limit: Int? = nil, clip: Rect? = nil
    ) -> Int {
        let area = writableRange(row: row, column: column, limit: limit, clip: clip)
        guard !area.isEmpty else { return 0 }
        var x = column
        for grapheme in text {
            let safe = Sanitizer.controlPicture(for: grapheme) ?? grapheme
            let width = DisplayWidth.of(safe)
            if width == 0 {
                attachZeroWidth(safe, row: row, x: x, area: area, role: role, &x)
                continue
            }
            guard x + width <= area.upperBound else {
                padBlank(row: row, from: x, to: area.upperBound, role: role)
                x = area.upperBound
                break
            }
            if x >= area.lowerBound {
                setGrapheme(String(safe), width: width, row: row, column: x, role: role)
            } else if x + width > area.lowerBound {
                padBlank(row: row, from: area.lowerBound, to: x + width, role: role)
            }
            x += width
        }
        return x - column
    }

    /// Writes each span of `text` in its own role: `.text` spans in `role`, `.placeholder` spans
    /// in `StyleRole.placeholder`. Same clipping as `put(_:row:column:role:limit:clip:)`.
    @discardableResult
    public mutating func put(
        _ text: SafeText, row: Int, column: Int, role: StyleRole = .normal,
        limit: Int? = nil, clip: Rect? = nil
    ) -> Int {
        var used = 0
        for span in text.spans {
            let remaining = limit.map { $0 - used }
            if let remaining, remaining <= 0 { break }
            let spanRole = span.isPlaceholder ? StyleRole.placeholder : role
            used += put(span.text, row: row, column: column + used, role: spanRole, limit: remaining, clip: clip)
        }
        return used
    }

    /// Fills `rect` (clipped to the canvas) with blanks in `role`.
    public mutating func fill(_ rect: Rect, role: StyleRole = .normal) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        dropLinks(in: r)
        for y in r.row..<r.bottom {
            for x in r.column..<r.right { setGrapheme(" ", width: 1, row: y, column: x, role: role) }
        }
    }

    /// Changes the role of every cell in `rect` (clipped) without touching the text.
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.row..<r.bottom {
            for x in r.column..<r.right {
                var cell = self[y, x]
                cell.role = role
                store(cell, row: y, column: x)
            }
        }
    }

    /// Copies `other` onto this canvas with its top-left at `origin`, clipped, with its links (and
    /// without the links that were under it).
    public mutating func blit(_ other: Canvas, at origin: Point) {
        dropLinks(in: Rect(row: origin.row, column: origin.column, rows: other.size.rows, columns: other.size.columns))
        for carried in other.links {
            let region = carried.region
            link(Rect(row: region.row + origin.row, column: region.column + origin.column, rows: region.rows, columns: region.columns),
                 to: carried.target)
        }
        for y in 0..<other.size.rows {
            for x in 0..<other.size.columns {
                let cell = other[y, x]
                guard !cell.isContinuation else { continue }
                setGrapheme(cell.grapheme, width: cell.width, row: origin.row + y, column: origin.column + x,
                            role: cell.role, colors: cell.colors)
            }
        }
    }

    // MARK: - Cell-level rules

    /// The column range writable on `row`, as the intersection of canvas, clip and limit.
    private func writableRange(row: Int, column: Int, limit: Int?, clip: Rect?) -> Range<Int> {
        var area = Rect(row: row, column: 0, rows: 1, columns: size.columns).intersection(bounds)
        if let clip { area = area.intersection(clip) }
        guard !area.isEmpty else { return 0..<0 }
        let end = min(area.right, limit.map { column + max(0, $0) } ?? Int.max)
        let start = max(area.column, column)
        return start < end ? start..<end : 0..<0
    }

    private mutating func padBlank(row: Int, from start: Int, to end: Int, role: StyleRole) {
        guard start < end else { return }
        for x in max(0, start)..<end { setGrapheme(" ", width: 1, row: row, column: x, role: role) }
    }

    private mutating func attachZeroWidth(
        _ mark: Character, row: Int, x: Int, area: Range<Int>, role: StyleRole, _ next: inout Int
    ) {
        if x > area.lowerBound, var previous = leadCell(row: row, before: x) {
            previous.cell.grapheme.append(mark)
            store(previous.cell, row: row, column: previous.column)
            return
        }
        guard x + 1 <= area.upperBound, x >= area.lowerBound else { return }
        setGrapheme("\u{25CC}" + String(mark), width: 1, row: row, column: x, role: role)
        next = x + 1
    }

    private func leadCell(row: Int, before x: Int) -> (cell: Cell, column: Int)? {
        var c = x - 1
        while c >= 0, contains(row: row, column: c), self[row, c].isContinuation { c -= 1 }
        guard contains(row: row, column: c) else { return nil }
        return (self[row, c], c)
    }

    /// Stores a grapheme, repairing any wide grapheme it overlaps so no half is left behind.
    mutating func setGrapheme(
        _ grapheme: String, width: Int, row: Int, column: Int, role: StyleRole, colors: CellColors? = nil
    ) {
        guard contains(row: row, column: column), column + width <= size.columns else { return }
        for x in column..<(column + width) { breakWide(row: row, column: x) }
        store(Cell(grapheme: grapheme, width: width, role: role, colors: colors), row: row, column: column)
        if width == 2 { store(.continuation(role), row: row, column: column + 1) }
    }

    /// If (`row`, `column`) is part of a wide grapheme, blanks both of its halves.
    private mutating func breakWide(row: Int, column: Int) {
        let cell = self[row, column]
        if cell.isContinuation, column > 0 {
            store(.blank(self[row, column - 1].role), row: row, column: column - 1)
            store(.blank(cell.role), row: row, column: column)
        } else if cell.width == 2, column + 1 < size.columns {
            store(.blank(cell.role), row: row, column: column + 1)
        }
    }
}

extension Canvas {
    /// Stores one cell as given (an image cell with explicit colours), repairing any wide grapheme it
    /// overlaps; clipped at the edge. The grapheme is not sanitised: pass only characters the program
    /// chose (image symbols, box drawing), never task text (use `put(_:row:column:role:)` for that).
    public mutating func place(_ cell: Cell, row: Int, column: Int) {
        guard !cell.isContinuation else { return }
        setGrapheme(cell.grapheme, width: cell.width, row: row, column: column, role: cell.role, colors: cell.colors)
    }
}
