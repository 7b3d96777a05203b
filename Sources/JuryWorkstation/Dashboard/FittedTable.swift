import JuryCanvas

/// A table whose columns have ranks: at a given width, the columns of the highest ranks that fit
/// are kept (in their order) and the others dropped whole, so a narrow screen loses figures, never
/// shows half of one. Builds a `TableView`, which does the drawing.
struct FittedTable {
    struct Column {
        var column: TableColumn
        /// Lower ranks are dropped last.
        var rank: Int

        init(_ title: String, _ width: TableColumn.Width, _ alignment: Alignment = .right, rank: Int) {
            column = TableColumn(title, width: width, alignment: alignment)
            self.rank = rank
        }

        var minimumWidth: Int {
            switch column.width {
            case .fixed(let n): n
            case .flex(let minimum, _): minimum
            }
        }
    }

    var columns: [Column]
    var gap = 1

    /// Indices of the columns that fit in `width`, in column order.
    func kept(width: Int) -> [Int] {
        var kept = Array(columns.indices)
        let byRank = columns.indices.sorted { columns[$0].rank > columns[$1].rank }
        for index in byRank where needed(kept) > width && kept.count > 1 {
            kept.removeAll { $0 == index }
        }
        return kept
    }

    private func needed(_ indices: [Int]) -> Int {
        indices.reduce(0) { $0 + columns[$1].minimumWidth } + gap * max(0, indices.count - 1)
    }

    /// The table at `width`: kept columns and, of each row, the kept cells (cell roles renumbered).
    func table(_ rows: [TableRow], width: Int) -> TableView {
        let kept = kept(width: width)
        let fitted = rows.map { row in
            var roles: [Int: StyleRole] = [:]
            for (new, old) in kept.enumerated() { roles[new] = row.cellRoles[old] }
            return TableRow(kept.map { $0 < row.cells.count ? row.cells[$0] : SafeText() }, role: row.role, cellRoles: roles)
        }
        return TableView(columns: kept.map { columns[$0].column }, rows: fitted, gap: gap)
    }
}
