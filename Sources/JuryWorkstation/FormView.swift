import JuryCore
import JuryCanvas

/// The document-form layout: metadata, missing important keys, the key-value table with confidence
/// bars (low ones highlighted by the flow's threshold, keys named by the activation conditions
/// marked ◆), and the selected field's full values.
enum FormView {
    static func render(_ form: FormTask, task: TaskState, into canvas: inout Canvas, regions: TaskLayout.Regions) {
        drawTop(form, into: &canvas, in: regions.top)
        let columns = columns(width: regions.list.columns, pages: form.pages)
        let rows = TaskView.windowedRows(count: form.fields.count, scroll: task.scroll, area: regions.list) {
            row(form.fields[$0], form: form, task: task)
        }
        let table = TableView(columns: columns, rows: rows)
        table.render(into: &canvas, in: regions.list, state: task.scroll)
        if form.fields.isEmpty, regions.list.rows > 1 {
            let note = SafeText(trusted: "The model found no key-value pairs here: n adds a key it missed")
            canvas.put(note.truncated(to: regions.list.columns - 1), row: regions.list.row + 1, column: regions.list.column + 1, role: .dim)
        }
        let bars = TaskView.columnSpan(columns, index: columns.count - 1, in: regions.list)
        TaskView.drawBars(form.fields.map(\.confidence), column: bars.x, width: bars.width, table: table, area: regions.list,
                          scroll: task.scroll, thresholds: task.content.thresholds, into: &canvas)
        drawDetail(form, task: task, into: &canvas, in: regions.detail)
    }

    private static func drawTop(_ form: FormTask, into canvas: inout Canvas, in rect: Rect) {
        for (index, line) in form.metadata.enumerated() where index < rect.rows {
            canvas.put(Sanitizer.sanitize(line).truncated(to: rect.columns - 1), row: rect.row + index, column: 1,
                       role: index == 0 ? .header : .dim)
        }
        guard !form.missingKeys.isEmpty, rect.rows > form.metadata.count else { return }
        var text = SafeText(trusted: "Missing important keys: ")
        for (index, item) in form.missingKeys.enumerated() {
            if index > 0 { text.append(", ") }
            text.append(Sanitizer.sanitize(item.key))
            if !item.aliases.isEmpty { text.append(Verdict.line(" (or ", item.aliases.joined(separator: ", "), ")")) }
        }
        canvas.put(text.truncated(to: rect.columns - 1), row: rect.bottom - 1, column: 1, role: .warning)
    }

    static func columns(width: Int, pages: Int) -> [TableColumn] {
        var columns = [TableColumn("", width: .fixed(2)), TableColumn("Key", width: .flex(min: 8, weight: 2)),
                       TableColumn("Value", width: .flex(min: 8, weight: 3))]
        if pages > 1 { columns.append(TableColumn("Pg", width: .fixed(2), alignment: .right)) }
        columns.append(TableColumn("Confidence", width: .fixed(width >= 76 ? 16 : 10)))
        return columns
    }

    private static func row(_ item: FormItem, form: FormTask, task: TaskState) -> TableRow {
        let change = task.verdict.fields[item.id]
        let (mark, value, valueRole) = shown(item, change: change)
        var cells = [SafeText(trusted: mark + (item.isMarked ? "◆" : " ")), Sanitizer.sanitize(item.key), value]
        if form.pages > 1 { cells.append(SafeText(trusted: item.hasTextractKey ? "\(item.page)" : "")) }
        cells.append(SafeText(trusted: item.isMissingKey ? "not found" : item.isAdded ? "added" : ""))
        let low = (item.confidence ?? 100) < task.content.flow.confidenceThreshold
        var roles: [Int: StyleRole] = [0: change == nil ? .activationMarked : valueRole]
        if let valueRole = valueRole == .normal ? nil : valueRole { roles[2] = valueRole }
        return TableRow(cells, role: low ? .lowConfidence : .normal, cellRoles: roles)
    }

    /// The verdict mark, the value shown and its role.
    private static func shown(_ item: FormItem, change: Verdict.FieldChange?) -> (String, SafeText, StyleRole) {
        switch change {
        case .missing: return ("✗", "(marked missing)", .verdictMissing)
        case .value(let value): return (item.isAdded ? "+" : "✎", value.isEmpty ? Verdict.emptied : Sanitizer.sanitize(value), .verdictEdited)
        case nil: return item.isMissingKey ? (" ", "(not in the document)", .dim) : (" ", Sanitizer.sanitize(item.value), .normal)
        }
    }

    private static func drawDetail(_ form: FormTask, task: TaskState, into canvas: inout Canvas, in rect: Rect) {
        guard rect.rows > 0, let index = task.scroll.selected, form.fields.indices.contains(index) else { return }
        let item = form.fields[index]
        canvas.fill(rect, role: .dim)
        TextView(detail(item, change: task.verdict.fields[item.id]), role: .dim)
            .render(into: &canvas, in: Rect(row: rect.row, column: rect.column + 1, rows: rect.rows, columns: rect.columns - 2))
    }

    private static func detail(_ item: FormItem, change: Verdict.FieldChange?) -> SafeText {
        let said = item.isMissingKey ? ": not found in the document" : item.isAdded ? ": a key the model missed, added by you" : ": "
        var text = Verdict.line("", item.key, said, item.hasTextractKey ? item.value : "")
        if let confidence = item.confidence {
            text.append(" (key-value \(Format.percent(confidence))")
            text.append(item.lowestWord.map { ", lowest word \(Format.percent($0)))" } ?? ")")
        }
        if item.isMarked { text.append(" ◆ named by the activation conditions") }
        switch change {
        case .value(let value):
            text.append("\nyours: ")
            text.append(value.isEmpty ? Verdict.emptied : Sanitizer.sanitize(value))
        case .missing: text.append("\nyours: marked missing")
        case nil: break
        }
        return text
    }
}
