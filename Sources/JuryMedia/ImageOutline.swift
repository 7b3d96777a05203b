import JuryCanvas

/// A Textract region to outline on a rendered page, and how.
public struct ImageOutline: Hashable, Sendable {
    public var box: BoundingBox
    /// The frame's look: `.focus` for the selected field's value, `.selection` for its key, …
    public var role: StyleRole
    /// The frame's explicit colour over image cells (nil: the role's colour only).
    public var color: TerminalColor?

    public init(box: BoundingBox, role: StyleRole = .focus, color: TerminalColor? = .rgb(red: 255, green: 200, blue: 0)) {
        self.box = box
        self.role = role
        self.color = color
    }

    /// The cells covered by `box` on a picture of `size` cells showing the whole page.
    public func cells(in size: Size) -> Rect {
        let left = Int((box.left * Double(size.columns)).rounded(.down)), top = Int((box.top * Double(size.rows)).rounded(.down))
        let right = Int(((box.left + box.width) * Double(size.columns)).rounded(.up))
        let bottom = Int(((box.top + box.height) * Double(size.rows)).rounded(.up))
        return Rect(row: top, column: left, rows: max(1, bottom - top), columns: max(1, right - left))
    }
}

extension Canvas {
    /// Draws a box-drawing frame *around* the outline's cells (one cell outside them on every side,
    /// clipped), so the region itself stays visible. Frame cells keep their background colour.
    public mutating func draw(_ outline: ImageOutline) {
        let inside = outline.cells(in: size)
        let frame = Rect(row: inside.row - 1, column: inside.column - 1, rows: inside.rows + 2, columns: inside.columns + 2)
        for y in frame.row..<frame.bottom {
            for x in frame.column..<frame.right {
                guard let symbol = Self.frameSymbol(x: x, y: y, frame: frame), contains(row: y, column: x) else { continue }
                let background = self[y, x].colors?.background
                let colors = outline.color.map { CellColors(foreground: $0, background: background) }
                place(Cell(grapheme: symbol, width: 1, role: outline.role, colors: colors), row: y, column: x)
            }
        }
    }

    private static func frameSymbol(x: Int, y: Int, frame: Rect) -> String? {
        let top = y == frame.row, bottom = y == frame.bottom - 1, left = x == frame.column, right = x == frame.right - 1
        switch (top, bottom, left, right) {
        case (true, _, true, _): return "┌"
        case (true, _, _, true): return "┐"
        case (_, true, true, _): return "└"
        case (_, true, _, true): return "┘"
        case (true, _, _, _), (_, true, _, _): return "─"
        case (_, _, true, _), (_, _, _, true): return "│"
        default: return nil
        }
    }
}
