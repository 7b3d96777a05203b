/// A column of a `TableView`.
public struct TableColumn: Hashable, Sendable {
    public enum Width: Hashable, Sendable {
        /// Exactly this many columns (less only when the table is too narrow).
        case fixed(Int)
        /// A share of the space left after fixed columns, by `weight`, at least `min`.
        case flex(min: Int, weight: Int)
    }

    public var title: String
    public var width: Width
    public var alignment: Alignment

    public init(_ title: String, width: Width, alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// One row of a `TableView`: one `SafeText` per column, and an optional role for the whole row
/// (e.g. `lowConfidence`) and per cell (overrides the row role).
public struct TableRow: Hashable, Sendable {
    public var cells: [SafeText]
    public var role: StyleRole
    public var cellRoles: [Int: StyleRole]

    public init(_ cells: [SafeText], role: StyleRole = .normal, cellRoles: [Int: StyleRole] = [:]) {
        self.cells = cells
        self.role = role
        self.cellRoles = cellRoles
    }
}

/// A table or list: a header line, rows with a selection, vertical scrolling, and truncation
/// with "…". When rows are out of sight, the last line of the area shows "↑ N more · ↓ M more".
/// Screens supply columns and rows; this draws them. Pure.
public struct TableView: Hashable, Sendable {
    public var columns: [TableColumn]
    public var rows: [TableRow]
    public var showsHeader: Bool
    /// Blank columns between table columns.
    public var gap: Int

    public init(columns: [TableColumn], rows: [TableRow], showsHeader: Bool = true, gap: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.showsHeader = showsHeader
        self.gap = gap
    }

    /// Rows of data visible in `rect` (header and "more" line excluded). Use it with
    /// `ScrollState.clamped(count:visible:)` in the screen's update.
    public func visibleRowCount(in rect: Rect) -> Int {
        let body = rect.rows - (showsHeader ? 1 : 0)
        return body >= rows.count ? max(0, body) : max(1, body - 1)
    }

    /// The index of the row `render(into:in:state:)` draws on screen row `row`; nil for the header, the
    /// "more" line and rows below the last (for mouse clicks).
    public func rowIndex(atRow row: Int, in rect: Rect, state: ScrollState) -> Int? {
        let first = rect.row + (showsHeader ? 1 : 0)
        let visible = visibleRowCount(in: rect)
        let index = state.clamped(count: rows.count, visible: visible).top + row - first
        guard row >= first, row < first + visible, index < rows.count else { return nil }
        return index
    }

    /// Draws the table into `rect`; `state` is clamped first so the selection is visible.
    public func render(into canvas: inout Canvas, in rect: Rect, state: ScrollState) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        let widths = Self.columnWidths(columns, total: rect.columns, gap: gap)
        var y = rect.row
        if showsHeader {
            drawHeader(into: &canvas, row: y, rect: rect, widths: widths)
            y += 1
        }
        let visible = visibleRowCount(in: rect)
        let state = state.clamped(count: rows.count, visible: visible)
        for index in state.top..<min(rows.count, state.top + visible) {
            drawRow(rows[index], selected: index == state.selected, into: &canvas, row: y, rect: rect, widths: widths)
            y += 1
        }
        let hidden = state.hidden(count: rows.count, visible: visible)
        ScrollIndicator.draw(above: hidden.above, below: hidden.below, into: &canvas, row: rect.bottom - 1, in: rect)
    }

    private func drawHeader(into canvas: inout Canvas, row: Int, rect: Rect, widths: [Int]) {
        let cells = columns.map { SafeText(trusted: $0.title) }
        canvas.fill(Rect(row: row, column: rect.column, rows: 1, columns: rect.columns), role: .header)
        drawCells(cells, roles: [:], base: .header, into: &canvas, row: row, rect: rect, widths: widths)
        if widths.contains(0) {
            canvas.put(SafeText.ellipsis, row: row, column: rect.right - 1, role: .scrollIndicator, clip: rect)
        }
    }

    private func drawRow(_ row: TableRow, selected: Bool, into canvas: inout Canvas, row y: Int, rect: Rect, widths: [Int]) {
        let base: StyleRole = selected ? .selection : row.role
        canvas.fill(Rect(row: y, column: rect.column, rows: 1, columns: rect.columns), role: base)
        drawCells(row.cells, roles: selected ? [:] : row.cellRoles, base: base, into: &canvas, row: y, rect: rect, widths: widths)
    }

    private func drawCells(_ cells: [SafeText], roles: [Int: StyleRole], base: StyleRole,
                           into canvas: inout Canvas, row: Int, rect: Rect, widths: [Int]) {
        var x = rect.column
        for (i, column) in columns.enumerated() where widths[i] > 0 {
            let text = (i < cells.count ? cells[i] : SafeText()).truncated(to: widths[i])
            let start = x + text.offset(in: widths[i], alignment: column.alignment)
            canvas.put(text, row: row, column: start, role: roles[i] ?? base, limit: widths[i], clip: rect)
            x += widths[i] + gap
        }
    }
}
