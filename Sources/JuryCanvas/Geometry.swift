/// A size in terminal cells: `rows` lines of `columns` display columns. Never negative.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    /// Negative values are clamped to 0.
    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }

    /// "80x24" (columns x rows, as terminals report it).
    public var description: String { "\(columns)x\(rows)" }

    /// True when both dimensions are at least those of `minimum`.
    public func fits(_ minimum: Size) -> Bool {
        rows >= minimum.rows && columns >= minimum.columns
    }
}

/// A zero-based cell position: `row` from the top, `column` from the left.
public struct Point: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// A rectangle of cells. `row`/`column` is the top-left corner; `rows`/`columns` the extent.
public struct Rect: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public var rows: Int
    public var columns: Int

    /// Negative extents are clamped to 0.
    public init(row: Int, column: Int, rows: Int, columns: Int) {
        self.row = row
        self.column = column
        self.rows = max(0, rows)
        self.columns = max(0, columns)
    }

    /// The rectangle at the origin covering `size`.
    public init(_ size: Size) {
        self.init(row: 0, column: 0, rows: size.rows, columns: size.columns)
    }

    public var isEmpty: Bool { rows == 0 || columns == 0 }
    /// One past the last row.
    public var bottom: Int { row + rows }
    /// One past the last column.
    public var right: Int { column + columns }

    /// Whether the cell at (`row`, `column`) is inside.
    public func contains(row: Int, column: Int) -> Bool {
        row >= self.row && row < bottom && column >= self.column && column < right
    }

    /// The overlap of two rectangles (empty, anchored at `self`'s corner, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let top = max(row, other.row), left = max(column, other.column)
        let bottom = min(self.bottom, other.bottom), right = min(self.right, other.right)
        guard bottom > top, right > left else { return Rect(row: row, column: column, rows: 0, columns: 0) }
        return Rect(row: top, column: left, rows: bottom - top, columns: right - left)
    }

    /// Shrinks every side by `amount` cells (border insets).
    public func inset(by amount: Int) -> Rect {
        Rect(row: row + amount, column: column + amount, rows: rows - 2 * amount, columns: columns - 2 * amount)
    }

    /// Splits off the top `count` rows; returns (top, rest). `count` is clamped to the height.
    public func splitTop(_ count: Int) -> (top: Rect, rest: Rect) {
        let n = min(max(0, count), rows)
        return (Rect(row: row, column: column, rows: n, columns: columns),
                Rect(row: row + n, column: column, rows: rows - n, columns: columns))
    }

    /// Splits off the bottom `count` rows; returns (rest, bottom). `count` is clamped to the height.
    public func splitBottom(_ count: Int) -> (rest: Rect, bottom: Rect) {
        let n = min(max(0, count), rows)
        return (Rect(row: row, column: column, rows: rows - n, columns: columns),
                Rect(row: bottom - n, column: column, rows: n, columns: columns))
    }

    /// The rectangle of `size` centred in `self`, clamped to fit.
    public func centered(_ size: Size) -> Rect {
        let h = min(size.rows, rows), w = min(size.columns, columns)
        return Rect(row: row + (rows - h) / 2, column: column + (columns - w) / 2, rows: h, columns: w)
    }
}
