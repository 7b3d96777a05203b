/// One cell of a `Canvas`.
///
/// A wide grapheme (width 2) occupies its cell and a *continuation* cell to its right
/// (`isContinuation`, empty grapheme, same role). Combining marks live inside the grapheme string
/// of the cell they attach to. Text cells take their look from `role` alone; image cells also carry
/// explicit `colors`, which the adapter shows over the role's attributes.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown, or "" in a continuation cell.
    public var grapheme: String
    /// Display width: 1 or 2, or 0 for a continuation cell.
    public var width: Int
    public var role: StyleRole
    /// Explicit colours (image cells), or nil to use the role's theme colours.
    public var colors: CellColors?

    public init(grapheme: String, width: Int, role: StyleRole, colors: CellColors? = nil) {
        self.grapheme = grapheme
        self.width = width
        self.role = role
        self.colors = colors
    }

    /// A space in `role`.
    public static func blank(_ role: StyleRole = .normal) -> Cell {
        Cell(grapheme: " ", width: 1, role: role)
    }

    /// The right half of a wide grapheme.
    public static func continuation(_ role: StyleRole) -> Cell {
        Cell(grapheme: "", width: 0, role: role)
    }

    public var isContinuation: Bool { width == 0 }
}

/// A screen as a value: `size.rows` x `size.columns` cells, plus where the terminal cursor
/// should be (`cursor`, nil = hidden) and which cells link somewhere (`links`).
///
/// Screens and widgets render into a canvas; one adapter (`NCursesTerminal`) presents it.
/// All drawing clips at the canvas edge (and at an optional clip rectangle) and never leaves half
/// of a wide grapheme on screen: a wide grapheme that does not fit is replaced by padding.
public struct Canvas: Hashable, Sendable {
    public let size: Size
    /// Row-major cells, `size.rows * size.columns` of them.
    public private(set) var cells: [Cell]
    /// Position of the visible text cursor (for the line editor), or nil to hide it.
    public var cursor: Point?
    /// Cells that link somewhere (OSC 8), in drawing order; `fill` and `blit` drop the links under
    /// what they draw, and `blit` brings the links of the canvas it copies.
    public internal(set) var links: [Hyperlink] = []

    /// A canvas of blanks in `role`.
    public init(size: Size, fill role: StyleRole = .normal) {
        self.size = size
        self.cells = Array(repeating: .blank(role), count: size.rows * size.columns)
    }

    public var bounds: Rect { Rect(size) }

    /// The cell at (`row`, `column`); precondition: inside the canvas.
    public subscript(row: Int, column: Int) -> Cell {
        precondition(contains(row: row, column: column), "cell (\(row), \(column)) outside \(size)")
        return cells[row * size.columns + column]
    }

    public func contains(row: Int, column: Int) -> Bool {
        row >= 0 && row < size.rows && column >= 0 && column < size.columns
    }

    /// The cells of one row, left to right.
    public func row(_ row: Int) -> ArraySlice<Cell> {
        let start = row * size.columns
        return cells[start..<(start + size.columns)]
    }

    /// Stores `cell` at (`row`, `column`) without checking neighbours. Out-of-range is ignored.
    mutating func store(_ cell: Cell, row: Int, column: Int) {
        guard contains(row: row, column: column) else { return }
        cells[row * size.columns + column] = cell
    }
}
