import JuryCore
import JuryCanvas

/// Below a lead's item list on a loop that waits for a lead: the selected item as the model gave it, the
/// consensus of the earlier verdicts so far, and each earlier reviewer's value (those that differ from
/// the consensus in the disagreement role).
enum EarlierVerdictsView {
    static func render(_ earlier: EarlierVerdicts, task: TaskState, into canvas: inout Canvas, in rect: Rect) {
        guard rect.rows > 0 else { return }
        let content = task.content
        let index = task.scroll.selected ?? 0
        let soFar = earlier.soFar(item: index, in: content)
        canvas.fill(rect)
        canvas.put(header(index, soFar: soFar, total: earlier.entries.count, content: content).truncated(to: rect.columns - 1),
                   row: rect.row, column: rect.column + 1, role: .header)
        let room = rect.rows - 1
        let shown = earlier.entries.count > room ? max(0, room - 1) : earlier.entries.count
        let width = min(16, earlier.entries.map { DisplayWidth.of($0.reviewer) }.max() ?? 0)
        for (offset, entry) in earlier.entries.prefix(shown).enumerated() {
            let value = EarlierVerdicts.value(entry.verdict, item: index, in: content)
            let role: StyleRole = value == soFar?.value ? .normal : .disagreement
            canvas.put(line(entry, value: value, width: width).truncated(to: rect.columns - 3), row: rect.row + 1 + offset, column: rect.column + 3,
                       role: role)
        }
        if shown < earlier.entries.count {
            canvas.put("+\(earlier.entries.count - shown) more", row: rect.row + 1 + shown, column: rect.column + 3, role: .dim, clip: rect)
        }
    }

    /// "Verdicts on Total · model: 148.99 · so far: 184.99 (2 of 3)".
    private static func header(_ index: Int, soFar: (value: String, votes: Int)?, total: Int, content: TaskContent) -> SafeText {
        var text = Verdict.line("Verdicts on ", itemName(index, in: content), " · model: ",
                                EarlierVerdicts.value(Verdict(), item: index, in: content), " · so far: ")
        text.append(soFar.map { Verdict.line("", $0.value, " (\($0.votes) of \(total))") } ?? SafeText(trusted: "tied"))
        return text
    }

    private static func line(_ entry: EarlierVerdicts.Entry, value: String, width: Int) -> SafeText {
        var text = Sanitizer.sanitize(entry.reviewer).truncated(to: width)
        text.append(SafeText(trusted: String(repeating: " ", count: max(0, width - text.width) + 2)))
        text.append(Sanitizer.sanitize(value))
        if !entry.verdict.addedKeys.isEmpty { text.append(Verdict.line(" · added keys: ", entry.verdict.addedKeys.joined(separator: ", "))) }
        return text
    }

    private static func itemName(_ index: Int, in content: TaskContent) -> String {
        switch content.body {
        case .form(let form): form.fields.indices.contains(index) ? form.fields[index].key : ""
        case .moderation(let moderation): moderation.labels.indices.contains(index) ? moderation.labels[index].name : ""
        case .classification: "the category"
        case .freeText: "¶\(index + 1)"
        }
    }

    /// Rows the view takes below the list: a header and one per earlier verdict, at most 4, none when the
    /// list would keep fewer than 4 rows.
    static func rows(_ earlier: EarlierVerdicts?, list: Rect) -> Int {
        guard let count = earlier?.entries.count, count > 0 else { return 0 }
        let rows = min(1 + count, 4, list.rows - 4)
        return rows >= 2 ? rows : 0
    }
}
