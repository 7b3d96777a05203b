import JuryCore
import JuryCanvas

/// Draws the whole workstation from its state. Pure: the same state always gives the same canvas.
public enum WorkstationView {
    /// The screen for `state` at `state.size`; below `WorkstationState.minimumSize`, the too-small message.
    public static func render(_ state: WorkstationState) -> Canvas {
        TooSmallView.guarded(size: state.size, minimum: WorkstationState.minimumSize) { size in
            var canvas = Canvas(size: size)
            let layout = ScreenLayout(size: size)
            if state.showsDashboard, let dashboard = state.dashboard {
                DashboardPane.render(dashboard, workstation: state, into: &canvas, layout: layout)
                return canvas
            }
            if let task = state.task {
                TaskView.render(task, state: state, into: &canvas, layout: layout)
            } else if let history = state.history {
                HistoryView.render(state, history, into: &canvas, layout: layout)
            } else {
                QueueView.render(state, into: &canvas, layout: layout)
            }
            KeyHintsFooter(bindings: state.bindings(for: state.screen), commands: state.commandTable)
                .render(into: &canvas, in: layout.footer)
            StatusLine.render(state, into: &canvas, in: layout.status, overflowingInto: layout.footer)
            drawOverlay(state, into: &canvas)
            return canvas
        }
    }

    private static func drawOverlay(_ state: WorkstationState, into canvas: inout Canvas) {
        switch state.overlay {
        case .help(let scroll):
            state.helpOverlay.render(into: &canvas, state: scroll)
        case .confirm(let kind): ConfirmView.render(kind, state: state, into: &canvas)
        case .draftOffer: DraftOfferView.render(state, into: &canvas)
        case nil: break
        }
    }
}

/// The top row: where the reviewer is, and their figures (count today, median time, agreement with the
/// consensus on their recently completed loops, lease left).
enum HeaderBar {
    struct Part {
        /// Shown through the sanitizer: parts name reviewers and leads from the workforce file.
        var text: String
        var role: StyleRole
        /// Higher stays longer on narrow terminals.
        var priority = 0
    }

    /// Parts of priority below 2 are dropped, lowest first, until the title fits; then the title is cut ("…").
    static func render(title: SafeText, parts: [Part], into canvas: inout Canvas, in rect: Rect) {
        canvas.fill(rect, role: .title)
        var shown = parts
        while rect.columns - width(shown) - 2 < title.width,
              let lowest = shown.indices.filter({ shown[$0].priority < 2 }).min(by: { shown[$0].priority < shown[$1].priority }) {
            shown.remove(at: lowest)
        }
        let right = width(shown)
        canvas.put(title.truncated(to: rect.columns - right - 2), row: rect.row, column: rect.column + 1, role: .title)
        var x = rect.right - right
        for part in shown {
            x += canvas.put(Sanitizer.sanitize(" " + part.text + " "), row: rect.row, column: x, role: part.role, clip: rect)
        }
    }

    private static func width(_ parts: [Part]) -> Int {
        parts.reduce(0) { $0 + Sanitizer.sanitize($1.text).width + 2 }
    }

    /// The reviewer's figures; `lease` adds the countdown of a claim.
    static func figures(_ state: WorkstationState, leaseEnd: Int64?) -> [Part] {
        var parts = [Part(text: state.reviewer, role: .title, priority: 0)]
        if let day = state.day {
            parts.append(Part(text: "today \(day.verdicts)", role: .title, priority: 2))
            parts.append(Part(text: "median \(day.medianSeconds.map(Format.seconds) ?? "–")", role: .title, priority: 1))
            if let agreement = day.agreement {
                parts.append(Part(text: "agree \(Format.percent(agreement * 100))", role: .title, priority: 1))
            }
        }
        if let leaseEnd {
            let left = leaseEnd - state.now
            parts.append(Part(text: "lease \(Format.countdown(milliseconds: left))",
                              role: left < Workstation.leaseWarning ? .warning : .title, priority: 3))
        }
        return parts
    }
}

/// The status row: the line editor while editing, else the latest message, the lease warning, or the
/// task's comment. A message too long for the row goes on over `footer` (the key hints come back with
/// the next key), so what it ends with (a path, the way out) is never cut; past that it is cut with "…".
enum StatusLine {
    static func render(_ state: WorkstationState, into canvas: inout Canvas, in rect: Rect, overflowingInto footer: Rect) {
        canvas.fill(rect)
        if let prompt = state.prompt {
            drawPrompt(prompt, into: &canvas, in: rect)
            return
        }
        if let task = state.task, let editing = task.editing {
            drawEditor(editing, task: task, into: &canvas, in: rect)
            return
        }
        if state.task == nil, let search = state.queue.search {
            drawSearch(search, message: state.message, into: &canvas, in: rect, footer: footer)
            return
        }
        guard let (text, role) = line(state) else { return }
        let width = rect.columns - 1, safe = Sanitizer.sanitize(text)
        guard safe.width > width, footer.rows > 0, state.message != nil else {
            canvas.put(safe.truncated(to: width), row: rect.row, column: rect.column + 1, role: role)
            return
        }
        let lines = TextWrap.lines(safe, width: width)
        canvas.put(lines[0], row: rect.row, column: rect.column + 1, role: role)
        var rest = SafeText()
        for (index, line) in lines.dropFirst().enumerated() {
            if index > 0 { rest.append(" ") }
            rest.append(line)
        }
        canvas.fill(footer)
        canvas.put(rest.truncated(to: footer.columns - 1), row: footer.row, column: footer.column + 1, role: role)
    }

    private static func line(_ state: WorkstationState) -> (String, StyleRole)? {
        if let message = state.message, message.kind == .error { return (message.text, .error) }
        if let task = state.task, task.amends == nil, task.claim.expiresAt - state.now < Workstation.leaseWarning {
            let left = task.claim.expiresAt - state.now
            return left > 0
                ? ("Lease ends in \(Format.countdown(milliseconds: left)): submit\(submitKey(task)) or the task goes back to the queue", .warning)
                : ("Lease ended: submit now; the verdict is kept if nobody took the slot", .warning)
        }
        guard let message = state.message else {
            guard let comment = state.task?.verdict.comment, !comment.isEmpty else { return nil }
            return ("Comment: " + comment, .dim)
        }
        let roles: [StatusMessage.Kind: StyleRole] = [.info: .normal, .success: .success, .warning: .warning, .error: .error]
        return (message.text, roles[message.kind] ?? .normal)
    }

    /// " (s)": the task screen's submit key, for the lease warning.
    private static func submitKey(_ task: TaskState) -> String {
        WorkstationKeys.bindings(for: ScreenID(task.content.body)).keys(for: WorkstationCommand.submit.id).first.map { " (\($0.name))" } ?? ""
    }

    private static func drawPrompt(_ prompt: Prompt, into canvas: inout Canvas, in rect: Rect) {
        var label = SafeText(trusted: " ")
        switch prompt.kind {
        case .newKey: label.append("New key")
        case .newValue(let key): label.append(Verdict.line("Value of ", key).truncated(to: rect.columns / 3))
        case .answeredLoop: label.append("Change your verdict on loop")
        }
        label.append(": ")
        let used = canvas.put(label, row: rect.row, column: rect.column, role: .header)
        prompt.editor.render(into: &canvas, row: rect.row, column: rect.column + used, width: rect.columns - used - 1)
    }

    private static func drawEditor(_ editing: Editing, task: TaskState, into canvas: inout Canvas, in rect: Rect) {
        var label = SafeText(trusted: " ")
        label.append(editLabel(editing.target, task: task).truncated(to: rect.columns / 3))
        label.append(": ")
        let used = canvas.put(label, row: rect.row, column: rect.column, role: .header)
        guard case .paragraph = editing.target else {
            editing.editor.render(into: &canvas, row: rect.row, column: rect.column + used, width: rect.columns - used - 1)
            return
        }
        let keys = WorkstationKeys.bindings(for: .edit)
        let lines = [WorkstationCommand.cursorUp, .cursorDown].compactMap { keys.keys(for: $0.id).first?.name }.joined(separator: "/")
        let hint = SafeText(trusted: "editing in place above · \(lines) move by line · " + keys.hint(WorkstationCommand.keepEdit.id, "keeps")
            + " · " + keys.hint(WorkstationCommand.cancelEdit.id, "cancels"))
        canvas.put(hint.truncated(to: max(0, rect.columns - used - 1)), row: rect.row, column: rect.column + used, role: .dim)
    }

    /// "/ " and the query being typed; a refused query's reason after it when it fits there, else over
    /// `footer`.
    private static func drawSearch(_ editor: LineEditor, message: StatusMessage?, into canvas: inout Canvas, in rect: Rect, footer: Rect) {
        let used = canvas.put(SafeText(trusted: " Search: "), row: rect.row, column: rect.column, role: .header)
        let error = message?.kind == .error ? message.map { Sanitizer.sanitize("  " + $0.text) } : nil
        let beside = error.map { $0.width <= rect.columns / 2 } ?? false
        let editorWidth = max(10, rect.columns - used - 1 - (beside ? error!.width : 0))
        editor.render(into: &canvas, row: rect.row, column: rect.column + used, width: editorWidth)
        guard let error else { return }
        if beside {
            canvas.put(error, row: rect.row, column: rect.column + used + editorWidth, role: .error)
        } else if footer.rows > 0 {
            canvas.fill(footer)
            canvas.put(error.truncated(to: footer.columns - 1), row: footer.row, column: footer.column, role: .error)
        }
    }

    private static func editLabel(_ target: EditTarget, task: TaskState) -> SafeText {
        switch (target, task.content.body) {
        case (.comment, _): return "Comment"
        case (.paragraph(let index), _): return SafeText(trusted: "¶\(index + 1)")
        case (.field(let id), .form(let form)):
            return Sanitizer.sanitize(form.fields.first { $0.id == id }?.key ?? id)
        default: return "Edit"
        }
    }
}
