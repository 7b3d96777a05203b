import Foundation
import JuryCore
import JuryCanvas

/// Per flow, and in total: loops by state, the oldest unclaimed age, what runs out soon, throughput
/// and agreement. Figures needing attention take `warning` / `error`.
enum FlowTable {
    static let layout = FittedTable(columns: [
        .init("Flow", .flex(min: 10, weight: 1), .left, rank: 0), .init("Unclaimed", .fixed(9), rank: 0),
        .init("Claimed", .fixed(7), rank: 2), .init("Completed", .fixed(9), rank: 4), .init("Failed", .fixed(6), rank: 5),
        .init("Stopped", .fixed(7), rank: 8), .init("Oldest", .fixed(6), rank: 1), .init("SLA<10m", .fixed(7), rank: 3),
        .init("Lease<10m", .fixed(9), rank: 9), .init("Done/h", .fixed(6), rank: 6), .init("Kappa", .fixed(5), rank: 10),
        .init("Alpha", .fixed(5), rank: 11), .init("Escal.", .fixed(6), rank: 7),
    ])

    /// One per flow, then the total when there is more than one flow.
    static func rows(_ statistics: QueueStatistics) -> [QueueStatistics.FlowFigures] {
        statistics.flows.count > 1 ? statistics.flows + [statistics.total] : statistics.flows.isEmpty ? [statistics.total] : statistics.flows
    }

    static func table(_ statistics: QueueStatistics, width: Int) -> TableView {
        layout.table(rows(statistics).map(row), width: width)
    }

    static func row(_ flow: QueueStatistics.FlowFigures) -> TableRow {
        let name = flow.flow.map { Sanitizer.sanitize($0) } ?? "all flows"
        let cells: [SafeText] = [
            name, count(flow.unclaimed), count(flow.claimed), count(flow.completed), count(flow.failed),
            count(flow.stopped + flow.stopping), SafeText(trusted: flow.oldestUnclaimedSeconds.map { Format.span(milliseconds: Int64($0 * 1000)) } ?? "–"),
            count(flow.lifetimesEndingSoon), count(flow.leasesEndingSoon), count(flow.completionsLastHour),
            decimal(flow.fleissKappa), decimal(flow.krippendorffAlpha), SafeText(trusted: Format.percent(flow.escalatedShare.map { $0 * 100 })),
        ]
        var roles: [Int: StyleRole] = [:]
        if flow.failed > 0 { roles[4] = .warning }
        if flow.lifetimesEndingSoon > 0 { roles[7] = .error }
        if flow.leasesEndingSoon > 0 { roles[8] = .warning }
        if let kappa = flow.fleissKappa, kappa < 0.4 { roles[10] = .disagreement }
        if let alpha = flow.krippendorffAlpha, alpha < 0.667 { roles[11] = .disagreement }
        return TableRow(cells, role: flow.flow == nil ? .header : .normal, cellRoles: roles)
    }

    static func count(_ value: Int) -> SafeText { SafeText(trusted: String(value)) }

    /// "0.62", "-0.10", or "–".
    static func decimal(_ value: Double?) -> SafeText {
        SafeText(trusted: value.map { String(format: "%.2f", $0) } ?? "–")
    }
}

/// Per reviewer: verdicts today, median and p90 time per task, agreement with the consensus, and
/// whether they hold claims now or since when they are idle.
enum WorkforceTable {
    static let layout = FittedTable(columns: [
        .init("Reviewer", .flex(min: 10, weight: 1), .left, rank: 0), .init("Today", .fixed(5), rank: 0),
        .init("Median", .fixed(6), rank: 3), .init("p90", .fixed(6), rank: 4), .init("Agree", .fixed(5), rank: 1),
        .init("Now", .flex(min: 14, weight: 1), .left, rank: 2),
    ])

    static func table(_ statistics: QueueStatistics, now: Int64, width: Int) -> TableView {
        let lowAgreement = statistics.alerts.filter { $0.kind == .lowAgreement }.compactMap(\.subject)
        return layout.table(statistics.reviewers.map { row($0, now: now, lowAgreement: lowAgreement) }, width: width)
    }

    /// `lowAgreement`: the reviewers the low-agreement alerts name.
    static func row(_ reviewer: QueueStatistics.ReviewerFigures, now: Int64, lowAgreement: [String]) -> TableRow {
        let time = { (value: Double?) in SafeText(trusted: value.map(Format.seconds) ?? "–") }
        let cells: [SafeText] = [
            Sanitizer.sanitize(reviewer.reviewer), FlowTable.count(reviewer.verdictsToday), time(reviewer.medianSeconds),
            time(reviewer.p90Seconds), SafeText(trusted: Format.percent(reviewer.agreement.map { $0 * 100 })), activity(reviewer, now: now),
        ]
        var roles: [Int: StyleRole] = reviewer.activeClaims > 0 ? [5: .success] : [5: .dim]
        if lowAgreement.contains(reviewer.reviewer) { roles[4] = .disagreement }
        return TableRow(cells, cellRoles: roles)
    }

    /// "active, 2 claims", "idle 12m", or "no activity in 24h".
    static func activity(_ reviewer: QueueStatistics.ReviewerFigures, now: Int64) -> SafeText {
        if reviewer.activeClaims > 0 {
            return SafeText(trusted: "active, \(reviewer.activeClaims) claim\(reviewer.activeClaims == 1 ? "" : "s")")
        }
        guard let last = reviewer.lastActivity else { return "no activity in 24h" }
        return SafeText(trusted: "idle \(Format.span(milliseconds: now - last))")
    }
}

/// What needs a lead: the selectable list the lead actions work on.
enum AttentionTable {
    static let layout = FittedTable(columns: [
        .init("Needs a lead", .flex(min: 14, weight: 2), .left, rank: 0), .init("Flow", .flex(min: 8, weight: 1), .left, rank: 2),
        .init("Status", .fixed(10), .left, rank: 3), .init("Why", .flex(min: 20, weight: 3), .left, rank: 1),
    ])

    static func render(_ items: [AttentionItem], state: DashboardState, into canvas: inout Canvas, in rect: Rect) {
        guard !items.isEmpty else {
            layout.table([], width: rect.columns).render(into: &canvas, in: rect.splitTop(1).top, state: ScrollState())
            canvas.put("\u{2713} Nothing needs a lead now", row: rect.row + 1, column: rect.column, role: .success, clip: rect)
            return
        }
        var rows = items.map { row($0, now: state.now) }
        if reachesLimit(items) {
            let note = "more not listed: the first \(DashboardSnapshot.attentionLimit) of each kind are (F finds a loop by name)"
            rows.append(TableRow(["…", "", "", SafeText(trusted: note)], cellRoles: [3: .dim]))
        }
        layout.table(rows, width: rect.columns).render(into: &canvas, in: rect, state: state.attention)
    }

    /// The table's rows for `items`: one each, and the note when some were left out.
    static func rowCount(_ items: [AttentionItem]) -> Int { items.count + (reachesLimit(items) ? 1 : 0) }

    /// Whether some kind of item filled `DashboardSnapshot.attentionLimit` (the service lists at most
    /// that many of each), so that more of it may be left out.
    static func reachesLimit(_ items: [AttentionItem]) -> Bool {
        Dictionary(grouping: items, by: { kind(of: $0.reason) }).values.contains { $0.count >= DashboardSnapshot.attentionLimit }
    }

    private static func kind(of reason: AttentionItem.Reason) -> Int {
        switch reason {
        case .leaseEnding: 0
        case .lifetimeEnding: 1
        case .failed: 2
        case .awaitingLead: 3
        }
    }

    static func row(_ item: AttentionItem, now: Int64) -> TableRow {
        let (why, role) = reason(item.reason, now: now)
        let cells = [Sanitizer.sanitize(item.loopName), Sanitizer.sanitize(item.flow), SafeText(trusted: item.status.rawValue), why]
        return TableRow(cells, cellRoles: [3: role])
    }

    /// The reason in words, and its role.
    static func reason(_ reason: AttentionItem.Reason, now: Int64) -> (SafeText, StyleRole) {
        switch reason {
        case .leaseEnding(let reviewer, let expiresAt):
            var text = SafeText(trusted: "claim of ")
            text.append(Sanitizer.sanitize(reviewer))
            text.append(expiresAt > now ? " ends in \(Format.span(milliseconds: expiresAt - now))"
                                        : " ended \(Format.span(milliseconds: now - expiresAt)) ago")
            return (text, .warning)
        case .lifetimeEnding(let deadline):
            return (SafeText(trusted: deadline > now ? "fails in \(Format.span(milliseconds: deadline - now)) unless done" : "lifetime over"), .error)
        case .failed(let why):
            var text = SafeText(trusted: "failed")
            if !why.isEmpty {
                text.append(": ")
                text.append(Sanitizer.sanitize(why))
            }
            return (text, .error)
        case .awaitingLead: return ("waits for a lead's verdict", .normal)
        }
    }
}
