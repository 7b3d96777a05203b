import JuryCore
import JuryCanvas

/// The dashboard's body: alerts, flows, throughput, workforce and the attention list, stacked in
/// that order. When rows are short, sections shrink to their minimum and then drop, least
/// important first (`SectionLayout`); tables drop their least important columns (`FittedTable`).
struct DashboardSections {
    let snapshot: DashboardSnapshot
    let state: DashboardState

    enum Kind: CaseIterable { case alerts, flows, throughput, workforce, attention }

    /// Rows each section needs at least and would use, and its rank (0 is kept longest).
    func demand(_ kind: Kind) -> SectionLayout.Demand {
        let statistics = snapshot.statistics
        switch kind {
        case .alerts: return .init(minimum: 1, wanted: max(1, statistics.alerts.count), rank: 0, growsFirst: true)
        case .flows: return .table(rows: FlowTable.rows(statistics).count, rank: 1, growsFirst: true)
        case .attention: return .table(rows: max(1, AttentionTable.rowCount(snapshot.attention)), rank: 2)
        case .throughput: return .init(minimum: 2, wanted: 2, rank: 3)
        case .workforce: return .table(rows: max(1, statistics.reviewers.count), rank: 4)
        }
    }

    func render(into canvas: inout Canvas, in rect: Rect) {
        let kinds = Kind.allCases
        let placed = SectionLayout.place(kinds.map(demand), in: rect)
        for (kind, area) in zip(kinds, placed) where !area.isEmpty {
            draw(kind, into: &canvas, in: area)
        }
    }

    private func draw(_ kind: Kind, into canvas: inout Canvas, in rect: Rect) {
        let statistics = snapshot.statistics
        switch kind {
        case .alerts: AlertLines.render(statistics.alerts, into: &canvas, in: rect)
        case .flows: FlowTable.table(statistics, width: rect.columns).render(into: &canvas, in: rect, state: ScrollState())
        case .throughput: ThroughputLines.render(statistics, into: &canvas, in: rect)
        case .workforce: WorkforceTable.table(statistics, now: state.now, width: rect.columns).render(into: &canvas, in: rect, state: ScrollState())
        case .attention: AttentionTable.render(snapshot.attention, state: state, into: &canvas, in: rect)
        }
    }
}

/// Shares a column of rows among stacked sections. Pure.
enum SectionLayout {
    struct Demand: Equatable {
        var minimum: Int
        var wanted: Int
        /// Lower ranks get their rows first and are dropped last.
        var rank: Int
        /// Gets all it wants before sections of higher ranks get their minimum.
        var growsFirst = false

        /// A table of `rows` rows: its header and every row, or at least the header, one row and the "more" line.
        static func table(rows: Int, rank: Int, growsFirst: Bool = false) -> Demand {
            Demand(minimum: min(1 + rows, 3), wanted: 1 + rows, rank: rank, growsFirst: growsFirst)
        }
    }

    /// Row counts per section (0: dropped): by rank, each gets its minimum while rows last (all it
    /// wants when it `growsFirst`); then the rows left go round the sections that want more, one each
    /// in rank order, so a long list cannot take every row from the ones after it; one blank row
    /// separates sections when rows are left.
    static func rows(for demands: [Demand], available: Int) -> (rows: [Int], gaps: Bool) {
        let order = demands.indices.sorted { demands[$0].rank < demands[$1].rank }
        var rows = Array(repeating: 0, count: demands.count)
        var left = available
        for i in order where demands[i].minimum <= left {
            rows[i] = demands[i].growsFirst ? min(left, max(demands[i].minimum, demands[i].wanted)) : demands[i].minimum
            left -= rows[i]
        }
        var growing = order.filter { rows[$0] > 0 && rows[$0] < demands[$0].wanted }
        while left > 0, !growing.isEmpty {
            for i in growing where left > 0 {
                rows[i] += 1
                left -= 1
            }
            growing = growing.filter { rows[$0] < demands[$0].wanted }
        }
        let shown = rows.filter { $0 > 0 }.count
        return (rows, shown > 1 && left >= shown - 1)
    }

    /// The rectangle of each section in `rect`, top to bottom in the order given (empty when dropped).
    static func place(_ demands: [Demand], in rect: Rect) -> [Rect] {
        let (rows, gaps) = rows(for: demands, available: rect.rows)
        var y = rect.row
        return rows.map { count in
            guard count > 0 else { return Rect(row: y, column: rect.column, rows: 0, columns: 0) }
            if gaps, y > rect.row { y += 1 }
            defer { y += count }
            return Rect(row: y, column: rect.column, rows: count, columns: rect.columns)
        }
    }
}

/// Alerts, most severe first (an SLA at risk in `error`, the others in `warning`), one line each;
/// when they do not all fit, the last line ends with "+N". "No alerts" when there are none.
enum AlertLines {
    static func render(_ alerts: [QueueStatistics.Alert], into canvas: inout Canvas, in rect: Rect) {
        guard !alerts.isEmpty else {
            canvas.put("\u{2713} No alerts", row: rect.row, column: rect.column, role: .success, clip: rect)
            return
        }
        let sorted = alerts.enumerated().sorted { (severity($0.element), $0.offset) < (severity($1.element), $1.offset) }.map(\.element)
        let shown = sorted.prefix(rect.rows)
        for (offset, alert) in shown.enumerated() {
            let hidden = offset == shown.count - 1 ? sorted.count - shown.count : 0
            draw(alert, hidden: hidden, into: &canvas, row: rect.row + offset, in: rect)
        }
    }

    private static func severity(_ alert: QueueStatistics.Alert) -> Int {
        switch alert.kind {
        case .slaAtRisk: 0
        case .backlogGrowing: 1
        case .lowAgreement: 2
        }
    }

    private static func draw(_ alert: QueueStatistics.Alert, hidden: Int, into canvas: inout Canvas, row: Int, in rect: Rect) {
        let role: StyleRole = alert.kind == .slaAtRisk ? .error : .warning
        var line = SafeText(trusted: "\u{25B2} \(alert.kind.rawValue): ")
        line.append(Sanitizer.sanitize(alert.message))
        let more = hidden > 0 ? " +\(hidden)" : ""
        canvas.fill(Rect(row: row, column: rect.column, rows: 1, columns: rect.columns), role: role)
        canvas.put(line.truncated(to: rect.columns - more.count), row: row, column: rect.column, role: role, clip: rect)
        canvas.put(more, row: row, column: rect.right - more.count, role: role, clip: rect)
    }
}

/// Depth and completions over the last 24 hours as sparklines, with the figures now (the depth's peak
/// counts the depth now, so it is never below it).
enum ThroughputLines {
    static func render(_ statistics: QueueStatistics, into canvas: inout Canvas, in rect: Rect) {
        let depth = statistics.history.map { Double($0.depth) }
        let done = completionsPerSample(statistics.history)
        line("Depth 24h", depth, figure: "now \(statistics.total.depth), peak \(max(statistics.total.depth, Int(depth.max() ?? 0)))", row: rect.row, into: &canvas, in: rect)
        line("Done  24h", done, figure: "\(statistics.total.completionsLastHour)/h, peak \(rate(done.max() ?? 0))/5m",
             row: rect.row + 1, into: &canvas, in: rect)
    }

    /// A rate as the line shows it: whole from 10 up, else to a tenth ("0.5", "3").
    static func rate(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return value >= 10 || tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(value.rounded())) : String(tenths / 10)
    }

    /// Loops completed between consecutive samples, per sample interval: samples further apart (none is
    /// taken while no figures are read) share their completions out over the intervals between them, so
    /// the peak is a true rate per 5 minutes. The first sample has no predecessor; a loop completed and
    /// deleted between two samples is not counted.
    static func completionsPerSample(_ history: [QueueStatistics.Sample]) -> [Double] {
        let interval = Double(QueueStatistics.sampleInterval * 1000)
        return zip(history, history.dropFirst()).map { earlier, later in
            Double(max(0, later.completed - earlier.completed)) / max(1, Double(later.at - earlier.at) / interval)
        }
    }

    private static func line(_ label: String, _ values: [Double], figure: String, row: Int, into canvas: inout Canvas, in rect: Rect) {
        guard row < rect.bottom else { return }
        var x = rect.column + canvas.put(label + " ", row: row, column: rect.column, role: .header, clip: rect)
        let figureText = SafeText(trusted: " " + figure)
        let chartWidth = min(96, rect.right - x - figureText.width)
        if values.isEmpty {
            x += canvas.put("no samples yet ·", row: row, column: x, role: .dim, clip: rect)
        } else if chartWidth >= 4 {
            let chart = Sparkline(values).text(width: chartWidth)
            x += canvas.put(chart, row: row, column: x, role: .barFilled, clip: rect)
        }
        canvas.put(figureText.truncated(to: rect.right - x), row: row, column: x, role: .normal, clip: rect)
    }
}
