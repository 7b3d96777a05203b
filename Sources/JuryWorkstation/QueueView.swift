import JuryCore
import JuryCanvas

/// The queue screen: one page of the loops the reviewer may claim, their own claims first with the
/// lease countdown. Supplies columns and rows; `TableView` draws them.
enum QueueView {
    static func render(_ state: WorkstationState, into canvas: inout Canvas, layout: ScreenLayout) {
        HeaderBar.render(title: "Jury · review queue", parts: HeaderBar.figures(state, leaseEnd: nil)
            + (state.queue.heldLoop != nil ? [HeaderBar.Part(text: "1 claimed", role: .title, priority: 3)] : []),
            into: &canvas, in: layout.header)
        canvas.put(Sanitizer.sanitize(subtitle(state.queue)).truncated(to: layout.subtitle.columns - 1),
                   row: layout.subtitle.row, column: 1, role: .dim)
        guard !state.queue.entries.isEmpty else {
            drawEmpty(state, into: &canvas, in: layout.body)
            return
        }
        let (tableArea, pagingRow) = layout.body.splitBottom(1)
        TableView(columns: columns, rows: state.queue.entries.map { row($0, state: state) })
            .render(into: &canvas, in: tableArea, state: state.queue.scroll)
        drawPaging(state.queue, into: &canvas, in: pagingRow)
    }

    private static func subtitle(_ queue: QueueState) -> String {
        let order = queue.order == .oldestFirst ? "oldest first" : "lowest confidence first"
        return "Flow: \(queue.flow ?? "all your flows")  ·  order: \(order)  ·  page \(queue.previousPages.count + 1)"
    }

    static let columns = [
        TableColumn("", width: .fixed(1)), TableColumn("Loop", width: .flex(min: 12, weight: 1)),
        TableColumn("Flow", width: .fixed(11)), TableColumn("Type", width: .fixed(10)),
        TableColumn("Conf", width: .fixed(4), alignment: .right), TableColumn("Age", width: .fixed(5), alignment: .right),
        TableColumn("Left", width: .fixed(6), alignment: .right), TableColumn("Lease", width: .fixed(5), alignment: .right),
    ]

    private static func row(_ entry: QueueEntry, state: WorkstationState) -> TableRow {
        let threshold = state.flows.first { $0.name == entry.flow }?.threshold ?? 80
        let lease = entry.leaseExpiresAt.map { $0 - state.now }
        var roles: [Int: StyleRole] = [4: entry.minimumConfidence.map { TaskContent.thresholds(for: threshold).role(for: $0) } ?? .dim]
        if let lease { roles[0] = .activationMarked; roles[7] = lease < Workstation.leaseWarning ? .warning : .normal }
        return TableRow([
            SafeText(trusted: lease == nil ? "" : "●"), Sanitizer.sanitize(entry.loopName), Sanitizer.sanitize(entry.flow),
            SafeText(trusted: typeName(entry.taskType)), SafeText(trusted: Format.percent(entry.minimumConfidence)),
            SafeText(trusted: Format.span(milliseconds: state.now - entry.createdAt)),
            SafeText(trusted: Format.span(milliseconds: entry.deadline - state.now)),
            SafeText(trusted: lease.map { Format.countdown(milliseconds: $0) } ?? ""),
        ], cellRoles: roles)
    }

    /// Short task-type names that fit the Type column.
    static func typeName(_ type: TaskType) -> String {
        switch type {
        case .documentForm: "form"
        case .imageModeration: "moderation"
        case .classification: "classify"
        case .freeText: "free text"
        }
    }

    private static func drawPaging(_ queue: QueueState, into canvas: inout Canvas, in rect: Rect) {
        var parts: [String] = []
        if !queue.previousPages.isEmpty { parts.append("↑ earlier pages (pgup)") }
        if queue.hasMore { parts.append("↓ more tasks (pgdn)") }
        let text = SafeText(trusted: parts.joined(separator: " · ")).truncated(to: rect.columns)
        canvas.put(text, row: rect.row, column: rect.right - text.width, role: .scrollIndicator)
    }

    private static func drawEmpty(_ state: WorkstationState, into canvas: inout Canvas, in rect: Rect) {
        let text = state.queue.loadedAt == nil
            ? "Loading the queue…"
            : "No tasks for \(state.reviewer) right now.\n" + [WorkstationKeys.hint(.refresh, on: .queue, "refreshes"),
                WorkstationKeys.hint(.filterFlow, on: .queue, "changes the flow filter"), WorkstationKeys.hint(.quit, on: .queue, "quits")]
                .joined(separator: " · ")
        let lines = TextWrap.lines(Sanitizer.sanitize(text, mode: .multiline), width: rect.columns - 2)
        for (index, line) in lines.enumerated() {
            canvas.put(line, row: rect.row + 1 + index, column: rect.column + line.offset(in: rect.columns, alignment: .center),
                       role: .dim, clip: rect)
        }
    }
}
