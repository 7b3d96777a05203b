/// Which cells changed between two frames: what the adapter must write. Pure.
public enum FrameDiff {
    /// A run of changed cells on one row, left to right, continuation cells excluded.
    public struct Change: Hashable, Sendable {
        public var row: Int
        public var column: Int
        public var cell: Cell
    }

    /// Cells of `next` that differ from `previous` (every cell when `previous` is nil or of
    /// another size), excluding continuation cells (the wide cell before them covers them).
    /// A wide cell whose continuation changed is included too.
    public static func changes(from previous: Canvas?, to next: Canvas) -> [Change] {
        var result: [Change] = []
        let full = previous?.size != next.size
        for y in 0..<next.size.rows {
            for x in 0..<next.size.columns {
                let cell = next[y, x]
                guard !cell.isContinuation else { continue }
                if full || cell != previous![y, x] || (cell.width == 2 && x + 1 < next.size.columns && previous![y, x + 1] != next[y, x + 1]) {
                    result.append(Change(row: y, column: x, cell: cell))
                }
            }
        }
        return result
    }
}
