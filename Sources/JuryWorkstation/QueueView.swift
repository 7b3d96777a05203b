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
        table(state).render(into: &canvas, in: QueueLayout.tableArea(for: state.size), state: state.queue.scroll)
        drawPaging(state.queue, into: &canvas, in: layout.body.splitBottom(1).bottom)
    }

    /// The search first (it is what narrows the list), then the flow, the order and the page.
    private static func subtitle(_ queue: QueueState) -> String {
        let order = queue.order == .oldestFirst ? "oldest first" : "lowest confidence first"
        let search = queue.filter.map { "Search: \($0.query)  ·  " } ?? ""
        return search + "Flow: \(queue.flow ?? "all your flows")  ·  order: \(order)  ·  page \(queue.previousPages.count + 1)"
    }

    /// The page as a table, laid out for the screen's width (mouse clicks are mapped through it too).
    static func table(_ state: WorkstationState) -> TableView {
        let shown = columns(width: state.size.columns)
        return TableView(columns: shown, rows: state.queue.entries.map { row($0, state: state, columns: shown) })
    }

    private static let allColumns = [
        TableColumn("", width: .fixed(1)), TableColumn("Loop", width: .flex(min: 12, weight: 1)),
        TableColumn("Flow", width: .fixed(11)), TableColumn("Type", width: .fixed(10)),
        TableColumn("Conf", width: .fixed(4), alignment: .right), TableColumn("Votes", width: .fixed(5), alignment: .right),
        TableColumn("Age", width: .fixed(5), alignment: .right), TableColumn("Left", width: .fixed(6), alignment: .right),
        TableColumn("Lease", width: .fixed(5), alignment: .right),
    ]

    /// Below 100 columns the task type goes (the flow names it), so that loop names and the lease
    /// countdown keep their room beside the verdicts column.
    static func columns(width: Int) -> [TableColumn] {
        width < 100 ? allColumns.filter { $0.title != "Type" } : allColumns
    }

    private static func row(_ entry: QueueEntry, state: WorkstationState, columns: [TableColumn]) -> TableRow {
        let threshold = state.flows.first { $0.name == entry.flow }?.threshold ?? 80
        let lease = entry.leaseExpiresAt.map { $0 - state.now }
        var roles: [String: StyleRole] = ["Conf": entry.minimumConfidence.map { TaskContent.thresholds(for: threshold).role(for: $0) } ?? .dim]
        if let lease { roles[""] = .activationMarked; roles["Lease"] = lease < Workstation.leaseWarning ? .warning : .normal }
        let cells: [String: SafeText] = [
            "": SafeText(trusted: lease == nil ? "" : "●"), "Loop": Sanitizer.sanitize(entry.loopName), "Flow": Sanitizer.sanitize(entry.flow),
            "Type": SafeText(trusted: typeName(entry.taskType)), "Conf": SafeText(trusted: Format.percent(entry.minimumConfidence)),
            "Votes": SafeText(trusted: "\(entry.verdicts)/\(entry.taskCount)"),
            "Age": SafeText(trusted: Format.span(milliseconds: state.now - entry.createdAt)),
            "Left": SafeText(trusted: Format.span(milliseconds: entry.deadline - state.now)),
            "Lease": SafeText(trusted: lease.map { Format.countdown(milliseconds: $0) } ?? ""),
        ]
        let indexedRoles = columns.enumerated().compactMap { index, column in roles[column.title].map { (index, $0) } }
        return TableRow(columns.map { cells[$0.title] ?? SafeText() }, cellRoles: Dictionary(uniqueKeysWithValues: indexedRoles))
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
        let lines = TextWrap.lines(Sanitizer.sanitize(emptyText(state), mode: .multiline), width: rect.columns - 2)
        for (index, line) in lines.enumerated() {
            canvas.put(line, row: rect.row + 1 + index, column: rect.column + line.offset(in: rect.columns, alignment: .center),
                       role: .dim, clip: rect)
        }
    }

    private static func emptyText(_ state: WorkstationState) -> String {
        guard state.queue.loadedAt != nil else { return "Loading the queue…" }
        let hint = { (command: WorkstationCommand, words: String) in WorkstationKeys.hint(command, on: .queue, words) }
        if let filter = state.queue.filter {
            return "No tasks match \(filter.query) right now.\n" + [hint(.search, "changes the search"),
                WorkstationKeys.hint(.clearSearch, on: .search, "on it clears it")].joined(separator: " · ")
        }
        return "No tasks for \(state.reviewer) right now.\n" + [hint(.refresh, "refreshes"), hint(.filterFlow, "changes the flow filter"),
            hint(.quit, "quits")].joined(separator: " · ")
    }
}
