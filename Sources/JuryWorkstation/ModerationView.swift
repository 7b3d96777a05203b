import JuryCore
import JuryCanvas

/// The image-moderation layout: the image's metadata, then the labels as a tree with checkboxes
/// (space toggles), confidence bars, and ◆ on the labels that triggered review. Labels of the
/// flow's list that the model did not report show "not found" and start unchecked ("implied" and
/// checked when a label the model reported sits below them).
enum ModerationView {
    static func render(_ moderation: ModerationTask, task: TaskState, into canvas: inout Canvas, regions: TaskLayout.Regions) {
        for (index, line) in moderation.metadata.enumerated() where index < regions.top.rows {
            canvas.put(Sanitizer.sanitize(line).truncated(to: regions.top.columns - 1), row: regions.top.row + index, column: 1,
                       role: index == 0 ? .header : .dim)
        }
        guard !moderation.labels.isEmpty else {
            drawNoLabels(into: &canvas, in: regions.list)
            return
        }
        let columns = columns(width: regions.list.columns)
        let table = TableView(columns: columns, rows: moderation.labels.map { row($0, verdict: task.verdict) })
        table.render(into: &canvas, in: regions.list, state: task.scroll)
        let bars = TaskView.columnSpan(columns, index: 2, in: regions.list)
        TaskView.drawBars(moderation.labels.map(\.confidence), column: bars.x, width: bars.width, table: table,
                          area: regions.list, scroll: task.scroll, thresholds: task.content.thresholds, into: &canvas)
    }

    static func columns(width: Int) -> [TableColumn] {
        [TableColumn("", width: .fixed(3)), TableColumn("Label (x = applies)", width: .flex(min: 12, weight: 1)),
         TableColumn("Confidence", width: .fixed(width >= 76 ? 16 : 10)), TableColumn("Review", width: .fixed(8))]
    }

    private static func row(_ label: LabelItem, verdict: Verdict) -> TableRow {
        let applies = verdict.applies(label)
        var name = SafeText(trusted: String(repeating: "  ", count: max(0, label.depth - 1)) + (label.depth > 0 ? "└ " : ""))
        name.append(Sanitizer.sanitize(label.name))
        var roles: [Int: StyleRole] = [:]
        switch (label.isInModelAnswer, applies) {
        case (true, true): roles[0] = .verdictApproved
        case (true, false): (roles[0], roles[1]) = (.verdictMissing, .verdictMissing)
        case (false, true): (roles[0], roles[1]) = (.verdictEdited, .verdictEdited)
        case (false, false): (roles[0], roles[1], roles[2]) = (.dim, .dim, .dim)
        }
        roles[3] = applies != label.isInModelAnswer ? roles[1] : label.isTriggered ? .activationMarked : nil
        return TableRow([SafeText(trusted: applies ? "[x]" : "[ ]"), name, SafeText(trusted: label.confidence != nil ? "" : label.isInModelAnswer ? "implied" : "not found"),
                         SafeText(trusted: review(label, applies: applies))], cellRoles: roles)
    }

    /// The Review column: the reviewer's change ("added", "removed"), else ◆ when the label triggered review.
    private static func review(_ label: LabelItem, applies: Bool) -> String {
        switch (label.isInModelAnswer, applies) {
        case (true, false): "removed"
        case (false, true): "added"
        default: label.isTriggered ? "◆ review" : ""
        }
    }

    private static func drawNoLabels(into canvas: inout Canvas, in rect: Rect) {
        let text = SafeText(trusted: "The model found no moderation labels. " + WorkstationKeys.hint(.approve, on: .moderation, "approves \"nothing applies\"")
            + "; " + WorkstationKeys.hint(.submit, on: .moderation, "submits") + ".")
        for (index, line) in TextWrap.lines(text, width: rect.columns - 2).enumerated() where index + 1 < rect.rows {
            canvas.put(line, row: rect.row + 1 + index, column: rect.column + 1, role: .dim)
        }
    }
}
