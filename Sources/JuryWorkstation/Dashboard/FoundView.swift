import JuryCore
import JuryCanvas

/// A loop a lead looked up, in place of the figures: the other matches (when the text matched several),
/// then the loop's state, its claims, and its audit trail, oldest first, the latest rows kept in view.
enum FoundView {
    static func render(_ found: FoundLoops, now: Int64, into canvas: inout Canvas, in rect: Rect) {
        var area = rect
        if found.matches.count > 1 || found.trail == nil {
            let (top, rest) = rect.splitTop(matchRows(found) + 1)
            matchesTable(found, width: top.columns).render(into: &canvas, in: top, state: found.selection)
            area = rest.splitTop(1).rest
        }
        guard let trail = found.trail, area.rows > 0 else { return }
        let lines = [standing(trail), claims(trail, now: now)] + entries(trail)
        for (offset, line) in visible(lines, rows: area.rows).enumerated() {
            canvas.put(line.text.truncated(to: area.columns), row: area.row + offset, column: area.column, role: line.role)
        }
    }

    /// Rows of the match table (not its header): all matches, at most 5.
    static func matchRows(_ found: FoundLoops) -> Int { min(5, max(1, found.matches.count)) }

    private static let layout = FittedTable(columns: [
        .init("Found", .flex(min: 14, weight: 2), .left, rank: 0), .init("Flow", .flex(min: 8, weight: 1), .left, rank: 1),
        .init("Status", .fixed(10), .left, rank: 2),
    ])

    private static func matchesTable(_ found: FoundLoops, width: Int) -> TableView {
        layout.table(found.matches.map { TableRow([Sanitizer.sanitize($0.name), Sanitizer.sanitize($0.flow), SafeText(trusted: $0.status.rawValue)]) },
                     width: width)
    }

    /// The state line and the claims line first; when the trail does not fit, its oldest rows give way to a count.
    private static func visible(_ lines: [ChangeLine], rows: Int) -> [ChangeLine] {
        guard lines.count > rows, rows > 3 else { return Array(lines.prefix(rows)) }
        let kept = rows - 3
        let hidden = ChangeLine(text: SafeText(trusted: "  … \(lines.count - 2 - kept) earlier rows"), role: .dim)
        return Array(lines.prefix(2)) + [hidden] + lines.suffix(kept)
    }

    /// "inv-0003 · invoices · team finance · InProgress · 1 of 2 verdicts · waits for a lead".
    private static func standing(_ trail: LoopTrail) -> ChangeLine {
        var text = Verdict.line("", trail.loopName, " · ", trail.flow, " · team ", trail.team)
        text.append(SafeText(trusted: " · \(trail.status.rawValue) · \(trail.verdicts) of \(trail.taskCount) verdicts"))
        if trail.awaitsLead { text.append(" · waits for a lead") }
        if let reason = trail.failureReason { text.append(Verdict.line(" · ", reason)) }
        return ChangeLine(text: text, role: .header)
    }

    private static func claims(_ trail: LoopTrail, now: Int64) -> ChangeLine {
        guard !trail.claims.isEmpty else { return ChangeLine(text: "No claim held · audit trail, oldest first:", role: .dim) }
        var text = SafeText(trusted: "Held by ")
        for (index, claim) in trail.claims.enumerated() {
            if index > 0 { text.append(", ") }
            text.append(Sanitizer.sanitize(claim.reviewer))
            text.append(SafeText(trusted: claim.expiresAt > now ? " (\(Format.span(milliseconds: claim.expiresAt - now)) left)" : " (lease over)"))
        }
        text.append(" · audit trail, oldest first:")
        return ChangeLine(text: text, role: .normal)
    }

    /// "  08:01:10  verdict   bob  detail".
    private static func entries(_ trail: LoopTrail) -> [ChangeLine] {
        trail.audit.map { entry in
            let action = entry.action.padding(toLength: max(10, entry.action.count), withPad: " ", startingAt: 0)
            var text = SafeText(trusted: "  \(Format.clock(milliseconds: entry.at))  \(action) ")
            text.append(Sanitizer.sanitize(entry.actor))
            if let detail = entry.detail { text.append(Verdict.line("  ", detail)) }
            return ChangeLine(text: text, role: ["fail", "stop", "delete", "withdraw"].contains(entry.action) ? .warning : .normal)
        }
    }
}
