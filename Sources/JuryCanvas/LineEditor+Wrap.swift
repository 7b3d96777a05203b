/// The editor's text laid out over several rows, for editing a long text in place.
///
/// Rows break after the last space that fits, or inside a word longer than a row; spaces at a
/// break stay at the end of their row (they may hang past the width). Widths are those of the
/// sanitised graphemes, as drawn.
extension LineEditor {
    /// Where the cursor is in a wrapped layout: row index and column within the row.
    public struct WrappedCursor: Hashable, Sendable {
        public var row: Int
        public var column: Int
    }

    /// Grapheme positions of each row at `width` columns, in order, covering the text; an empty
    /// text is one empty row.
    public func rows(width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var start = 0, used = 0, breakAfterSpace: Int?
        var index = 0
        while index < graphemes.count {
            let grapheme = graphemes[index]
            let wide = Self.columns(grapheme)
            if grapheme != " ", used + wide > width, index > start {
                let end = breakAfterSpace.flatMap { $0 > start ? $0 : nil } ?? index
                rows.append(start..<end)
                (start, breakAfterSpace) = (end, nil)
                used = columns(of: end..<index)
                continue
            }
            used += wide
            if grapheme == " " { breakAfterSpace = index + 1 }
            index += 1
        }
        rows.append(start..<graphemes.count)
        return rows
    }

    /// The cursor's row and column in `rows(width:)`: a position where one row ends and the next
    /// begins belongs to the next row's start.
    public func wrappedCursor(width: Int) -> WrappedCursor {
        wrappedCursor(in: rows(width: width))
    }

    /// The cursor's row and column in `rows`, a layout from `rows(width:)`.
    public func wrappedCursor(in rows: [Range<Int>]) -> WrappedCursor {
        let row = rows.lastIndex { $0.lowerBound <= cursor } ?? 0
        return WrappedCursor(row: row, column: columns(of: rows[row].lowerBound..<cursor))
    }

    /// Moves the cursor one wrapped row up, keeping its column as far as the row allows; on the
    /// first row, to the start of the text.
    public mutating func moveUp(width: Int) { moveRow(by: -1, width: width) }

    /// Moves the cursor one wrapped row down, keeping its column as far as the row allows; on the
    /// last row, to the end of the text.
    public mutating func moveDown(width: Int) { moveRow(by: 1, width: width) }

    private mutating func moveRow(by delta: Int, width: Int) {
        let rows = rows(width: width)
        let here = wrappedCursor(in: rows)
        let target = here.row + delta
        guard rows.indices.contains(target) else {
            delta < 0 ? moveHome() : moveEnd()
            return
        }
        let row = rows[target]
        let last = target == rows.count - 1 ? row.upperBound : max(row.lowerBound, row.upperBound - 1)
        var position = row.lowerBound, column = 0
        while position < last, column + Self.columns(graphemes[position]) <= here.column {
            column += Self.columns(graphemes[position])
            position += 1
        }
        move(to: position)
    }

    /// Display columns of the graphemes at `positions`.
    func columns(of positions: Range<Int>) -> Int {
        positions.reduce(0) { $0 + Self.columns(graphemes[$1]) }
    }

    /// Display columns of one grapheme as drawn (sanitised).
    static func columns(_ grapheme: Character) -> Int {
        grapheme.isASCII && !grapheme.isASCIIControl ? 1 : Sanitizer.sanitize(String(grapheme)).width
    }
}

private extension Character {
    var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }
}
