import JuryCore
import JuryCanvas

/// The history screen: the reviewer's verdicts today, newest first, with the day's totals in the
/// subtitle. Supplies columns and rows; `TableView` draws them.
enum HistoryView {
    static func render(_ state: WorkstationState, _ history: HistoryState, into canvas: inout Canvas, layout: ScreenLayout) {
        HeaderBar.render(title: "Jury · your verdicts today", parts: HeaderBar.figures(state, leaseEnd: nil), into: &canvas, in: layout.header)
        canvas.put(SafeText(trusted: totals(history.history)).truncated(to: layout.subtitle.columns - 1),
                   row: layout.subtitle.row, column: 1, role: .dim)
        guard let loaded = history.history, !loaded.entries.isEmpty else {
            let text = SafeText(trusted: history.history == nil ? "Loading your verdicts…" : "No verdicts yet today.")
            canvas.put(text, row: layout.body.row + 1, column: layout.body.column + text.offset(in: layout.body.columns, alignment: .center),
                       role: .dim, clip: layout.body)
            return
        }
        table(history).render(into: &canvas, in: QueueLayout.tableArea(for: state.size), state: history.scroll)
        if loaded.verdicts > loaded.entries.count {
            let note = SafeText(trusted: "newest \(loaded.entries.count) of \(loaded.verdicts) shown")
            let row = layout.body.splitBottom(1).bottom
            canvas.put(note.truncated(to: row.columns), row: row.row, column: row.right - min(note.width, row.columns), role: .scrollIndicator)
        }
    }

    /// Rows of verdicts the list shows at once at `size`.
    static func visibleRows(_ size: Size) -> Int { QueueLayout.pageSize(for: size) }

    /// "Today: 12 verdicts · median 1:13 · agreement 83% of 6 completed".
    static func totals(_ history: ReviewerHistory?) -> String {
        guard let history else { return "Today:" }
        let agreement = history.agreement.map { "agreement \(Format.percent($0 * 100)) of \(history.compared) completed" }
            ?? "no loop completed yet"
        let median = history.medianSeconds.map { "median \(Format.seconds($0))" } ?? "median –"
        return "Today: \(history.verdicts) verdict\(history.verdicts == 1 ? "" : "s")  ·  \(median)  ·  \(agreement)"
    }

    static func table(_ history: HistoryState) -> TableView {
        TableView(columns: columns, rows: history.entries.map(row))
    }

    static let columns = [
        TableColumn("UTC", width: .fixed(5)), TableColumn("Loop", width: .flex(min: 12, weight: 2)),
        TableColumn("Flow", width: .fixed(11)), TableColumn("Decision", width: .flex(min: 8, weight: 1)),
        TableColumn("Time", width: .fixed(5), alignment: .right), TableColumn("Consensus", width: .fixed(10)),
    ]

    private static func row(_ entry: HistoryEntry) -> TableRow {
        let (consensus, role) = consensus(entry)
        return TableRow([
            SafeText(trusted: Format.hoursMinutes(milliseconds: entry.submittedAt)), Sanitizer.sanitize(entry.loopName),
            Sanitizer.sanitize(entry.flow), Sanitizer.sanitize(entry.decision), SafeText(trusted: Format.seconds(entry.timeSpentSeconds)),
            SafeText(trusted: consensus),
        ], cellRoles: [5: role])
    }

    /// How the verdict fared: "agreed", "differed", a form's share of matching fields, "pending" while
    /// the loop is open, "unresolved" for a consensus with no answer, else the loop's status.
    static func consensus(_ entry: HistoryEntry) -> (String, StyleRole) {
        switch (entry.status, entry.agreement) {
        case (.completed, 1?): ("agreed", .success)
        case (.completed, 0?): ("differed", .disagreement)
        case (.completed, let share?): (Format.percent(share * 100), .warning)
        case (.completed, nil): ("unresolved", .dim)
        case (.inProgress, _), (.stopping, _): ("pending", .dim)
        case (.failed, _): ("failed", .dim)
        case (.stopped, _): ("stopped", .dim)
        }
    }
}
