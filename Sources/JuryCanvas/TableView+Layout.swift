extension TableView {
    /// Column widths for `total` columns: fixed columns first, then flex columns share the rest
    /// by weight (at least their minimum). When the table is too narrow, columns are shrunk from
    /// the right, down to 0 (hidden; the header then ends with "…").
    public static func columnWidths(_ columns: [TableColumn], total: Int, gap: Int) -> [Int] {
        let available = max(0, total - gap * max(0, columns.count - 1))
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let n): max(0, n)
            case .flex(let minimum, _): max(0, minimum)
            }
        }
        var spare = available - widths.reduce(0, +)
        if spare > 0 { distribute(spare, columns: columns, into: &widths) }
        spare = available - widths.reduce(0, +)
        var i = widths.count - 1
        while spare < 0, i >= 0 {
            let cut = min(widths[i], -spare)
            widths[i] -= cut
            spare += cut
            if widths[i] == 0 && i > 0 { spare += gap }
            i -= 1
        }
        return widths
    }

    private static func distribute(_ spare: Int, columns: [TableColumn], into widths: inout [Int]) {
        let weights = columns.map { column -> Int in
            if case .flex(_, let w) = column.width { return max(0, w) }
            return 0
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return }
        var given = 0
        for i in widths.indices where weights[i] > 0 {
            let share = spare * weights[i] / total
            widths[i] += share
            given += share
        }
        if let lastFlex = weights.lastIndex(where: { $0 > 0 }) { widths[lastFlex] += spare - given }
    }
}
