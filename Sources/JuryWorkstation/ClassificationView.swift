import JuryCore
import JuryCanvas

/// The classification layout: the item's details and text, the model's prediction, then the
/// classes with the model's confidences, each category with its number key. Only the predicted
/// class's confidence is coloured by the flow's threshold: a 1% on a class the model did not pick
/// needs no attention.
enum ClassificationView {
    static func render(_ task: ClassificationTask, task state: TaskState, into canvas: inout Canvas, regions: TaskLayout.Regions) {
        drawTop(task, textTop: state.textTop, into: &canvas, in: regions.top)
        let columns = columns(width: regions.list.columns)
        let table = TableView(columns: columns, rows: task.rows.map { row($0, mark: mark($0, task, verdict: state.verdict)) })
        table.render(into: &canvas, in: regions.list, state: state.scroll)
        let bars = TaskView.columnSpan(columns, index: 2, in: regions.list)
        TaskView.drawBars(task.rows.map(\.confidence), column: bars.x, width: bars.width, table: table, area: regions.list,
                          scroll: state.scroll, thresholds: state.content.thresholds, needsAttention: { task.rows[$0].isPredicted },
                          into: &canvas)
    }

    /// Rows above the table: details, the wrapped text (at most what leaves the table room; `J`/`K` scroll the
    /// rest), the prediction line.
    static func topRows(_ task: ClassificationTask, in body: Rect) -> Int {
        let fixed = task.details.count + 1
        let tableRows = task.rows.count + 1
        let text = task.shownText.lines(width: body.columns - 2).count
        return fixed + min(text, max(2, body.rows - fixed - tableRows))
    }

    private static func drawTop(_ task: ClassificationTask, textTop: Int, into canvas: inout Canvas, in rect: Rect) {
        var y = rect.row
        for line in task.details {
            canvas.put(Sanitizer.sanitize(line).truncated(to: rect.columns - 1), row: y, column: 1, role: .dim)
            y += 1
        }
        let textArea = Rect(row: y, column: rect.column + 1, rows: rect.bottom - 1 - y, columns: rect.columns - 2)
        TextView.render(task.shownText.lines(width: textArea.columns), into: &canvas, in: textArea, state: ScrollState(top: textTop))
        var prediction = SafeText(trusted: "Model: ")
        let modelAnswer = task.modelLabels.map { $0.isEmpty ? "no class" : $0.joined(separator: ", ") } ?? task.predicted
        prediction.append(Sanitizer.sanitize(modelAnswer ?? "no prediction"))
        prediction.append(task.confidence.map { " · \(Format.percent($0))" } ?? "")
        canvas.put(prediction.truncated(to: rect.columns - 1), row: rect.bottom - 1, column: 1, role: .header)
    }

    static func columns(width: Int) -> [TableColumn] {
        [TableColumn("Key", width: .fixed(3)), TableColumn("Class", width: .flex(min: 10, weight: 1)),
         TableColumn(width >= 76 ? "Model confidence" : "Model", width: .fixed(width >= 76 ? 16 : 10)), TableColumn("", width: .fixed(12))]
    }

    /// Whether a row's class is chosen, whether that differs from the model, and whether the model chose it.
    private struct Mark {
        var isChosen: Bool
        var changed: Bool
        var isModels: Bool
    }

    private static func mark(_ item: CategoryItem, _ task: ClassificationTask, verdict: Verdict) -> Mark {
        guard let model = task.modelLabels else {
            return Mark(isChosen: item.label == (verdict.category ?? task.predicted), changed: verdict.category != nil, isModels: item.isPredicted)
        }
        let applies = verdict.appliesClass(item.label, model: model)
        return Mark(isChosen: applies, changed: applies != model.contains(item.label), isModels: model.contains(item.label))
    }

    private static func row(_ item: CategoryItem, mark: Mark) -> TableRow {
        let (isChosen, changed) = (mark.isChosen, mark.changed)
        let note = isChosen ? (changed ? "● your pick" : "● model") : (mark.isModels ? "model's pick" : "")
        var roles: [Int: StyleRole] = [:]
        if isChosen { roles[1] = changed ? .verdictEdited : .verdictApproved; roles[3] = roles[1] }
        return TableRow([SafeText(trusted: item.number.map { " \($0)" } ?? " –"), Sanitizer.sanitize(item.label), SafeText(),
                         SafeText(trusted: item.number == nil ? "not a category" : note)],
                        role: item.number == nil ? .dim : .normal, cellRoles: roles)
    }
}
