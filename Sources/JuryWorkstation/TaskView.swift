import JuryCore
import JuryCanvas

/// The task screen's frame: the header (flow, loop, figures, lease), the task's title, and the body
/// drawn by the view for its task type.
enum TaskView {
    static func render(_ task: TaskState, state: WorkstationState, into canvas: inout Canvas, layout: ScreenLayout) {
        var title = SafeText(trusted: "Jury · ")
        title.append(Sanitizer.sanitize(task.content.flow.name))
        title.append(" › ")
        title.append(Sanitizer.sanitize(task.content.loopName))
        HeaderBar.render(title: title, parts: HeaderBar.figures(state, leaseEnd: task.amends == nil ? task.claim.expiresAt : nil), into: &canvas, in: layout.header)
        drawSubtitle(task, into: &canvas, in: layout.subtitle)
        let regions = TaskLayout.regions(task.content, size: canvas.size, pictures: task.pictures.mode)
        PictureView.render(task, into: &canvas, regions: regions)
        guard task.pictures.mode != .fullScreen else { return }
        TemplatePromptView.render(task.content.template, into: &canvas, in: regions.prompt)
        switch task.content.body {
        case .form(let form): FormView.render(form, task: task, into: &canvas, regions: regions)
        case .moderation(let moderation): ModerationView.render(moderation, task: task, into: &canvas, regions: regions)
        case .classification(let classification): ClassificationView.render(classification, task: task, into: &canvas, regions: regions)
        case .freeText(let text): FreeTextView.render(text, task: task, into: &canvas, in: regions.list)
        }
        if let earlier = task.content.earlier { EarlierVerdictsView.render(earlier, task: task, into: &canvas, in: regions.earlier) }
    }

    /// "Review invoice fields — Check the extracted fields… · 2 changes · comment".
    private static func drawSubtitle(_ task: TaskState, into canvas: inout Canvas, in rect: Rect) {
        var text = Sanitizer.sanitize(task.content.flow.taskTitle)
        if !task.content.flow.taskDescription.isEmpty {
            text.append(" — ")
            text.append(Sanitizer.sanitize(task.content.flow.taskDescription))
        }
        let count = task.verdict.changeCount
        let status = count == 0 ? "as the model said" : "\(count) change\(count == 1 ? "" : "s")"
        let mode = task.amends == nil ? "" : "your verdict: "
        let suffix = SafeText(trusted: "  [\(mode)\(status)\(task.verdict.comment.isEmpty ? "" : ", comment")]")
        let room = rect.columns - 1 - suffix.width
        let used = canvas.put(text.truncated(to: room), row: rect.row, column: rect.column + 1, role: .dim)
        canvas.put(suffix, row: rect.row, column: rect.column + 1 + used, role: count == 0 ? .verdictApproved : .verdictEdited)
    }

    /// Rows for a table of `count` rows where only those visible in `area` (after clamping `scroll`) are made:
    /// the others are empty placeholders, so a frame costs the same for 30 or 3,000 rows.
    static func windowedRows(count: Int, scroll: ScrollState, area: Rect, make: (Int) -> TableRow) -> [TableRow] {
        let probe = TableView(columns: [], rows: Array(repeating: TableRow([]), count: count))
        let visible = probe.visibleRowCount(in: area)
        let state = scroll.clamped(count: count, visible: visible)
        var rows = probe.rows
        for index in state.top..<min(count, state.top + visible) { rows[index] = make(index) }
        return rows
    }

    /// Bars over the confidence column of a table's visible rows. `percents[i]` is row i's value; rows for
    /// which `needsAttention` is false get a plain bar (no low or high colour).
    static func drawBars(_ percents: [Double?], column: Int, width: Int, table: TableView, area: Rect, scroll: ScrollState,
                         thresholds: ConfidenceThresholds, needsAttention: (Int) -> Bool = { _ in true }, into canvas: inout Canvas) {
        guard width > 0 else { return }
        let visible = table.visibleRowCount(in: area)
        let state = scroll.clamped(count: percents.count, visible: visible)
        for (offset, index) in (state.top..<min(percents.count, state.top + visible)).enumerated() {
            guard let percent = percents[index] else { continue }
            ConfidenceBar(percent: percent, thresholds: needsAttention(index) ? thresholds : nil)
                .render(into: &canvas, row: area.row + 1 + offset, column: column, width: width)
        }
    }

    /// The x position and width of table column `index` in `area`.
    static func columnSpan(_ columns: [TableColumn], index: Int, in area: Rect, gap: Int = 1) -> (x: Int, width: Int) {
        let widths = TableView.columnWidths(columns, total: area.columns, gap: gap)
        let x = area.column + widths.prefix(index).reduce(0) { $0 + ($1 > 0 ? $1 + gap : 0) }
        return (x, widths[index])
    }
}
