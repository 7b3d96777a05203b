import JuryCore
import JuryCanvas

/// The confirm box: the submit summary (what changes against the model), or what approving, skipping
/// or quitting would drop, with the keys to confirm or go back.
enum ConfirmView {
    static func render(_ kind: ConfirmKind, state: WorkstationState, into canvas: inout Canvas) {
        guard let (title, lines) = content(kind, state: state) else { return }
        let verb = kind == .submit && state.task?.amends != nil ? "amends" : kind.verb
        let keys = WorkstationKeys.hint(.confirm, on: .confirm, verb) + " · " + WorkstationKeys.hint(.cancel, on: .confirm, "goes back")
        let hints = ChangeLine(text: SafeText(trusted: keys), role: .keyHint)
        OverlayList(title: title, lines: lines + [ChangeLine(text: "", role: .normal), hints]).render(into: &canvas)
    }

    private static func content(_ kind: ConfirmKind, state: WorkstationState) -> (String, [ChangeLine])? {
        if case .quit(let loop) = kind {
            let left = state.task.map { Format.countdown(milliseconds: $0.claim.expiresAt - state.now) }.map { " (lease \($0) left)" } ?? ""
            let text = Verdict.line("You hold ", loop, "\(left): nobody else can take it until the lease ends. Quit anyway?")
            return ("Quit", [ChangeLine(text: text, role: .warning)])
        }
        guard let task = state.task else { return nil }
        let dropped = task.verdict.changeCount
        let changes = "\(dropped) change\(dropped == 1 ? "" : "s")\(task.verdict.comment.isEmpty ? "" : " and the comment")"
        switch kind {
        case .approve:
            return ("Approve as is", [ChangeLine(text: SafeText(trusted: "Approve the model's answer as is, dropping \(changes)?"), role: .warning)])
        case .skip:
            return ("Skip \(task.claim.loopName)", [ChangeLine(text: SafeText(trusted: "Skip this task, dropping \(changes)?"), role: .warning)])
        case .revertAll:
            let text = "Put every field and label back to the model's answer, dropping \(dropped) change\(dropped == 1 ? "" : "s")?"
                + (task.verdict.comment.isEmpty ? "" : " The comment stays.")
            return ("Revert all", [ChangeLine(text: SafeText(trusted: text), role: .warning)])
        case .leaveAmending:
            let text = Verdict.line("Leave your verdict on ", task.claim.loopName, " as you gave it, dropping the changes made to it here?")
            return ("Leave your verdict as it was", [ChangeLine(text: text, role: .warning)])
        case .withdraw:
            let text = Verdict.line("Take back your verdict on ", task.claim.loopName,
                                    "? Its slot opens again for another reviewer; the audit log keeps your answer.")
            return ("Withdraw your verdict", [ChangeLine(text: text, role: .warning)])
        case .submit, .quit:
            let verb = task.amends == nil ? "Submit" : "Amend your verdict on"
            return ("\(verb) \(task.claim.loopName)", task.verdict.changes(against: task.content))
        }
    }
}

extension ConfirmKind {
    /// What `y` does, for the box's key line.
    var verb: String {
        switch self {
        case .submit, .approve: "submits"
        case .skip: "skips"
        case .quit: "quits"
        case .revertAll: "reverts"
        case .withdraw: "withdraws"
        case .leaveAmending: "leaves it as it was"
        }
    }
}

/// The offer of an unsent draft found at start.
enum DraftOfferView {
    static func render(_ state: WorkstationState, into canvas: inout Canvas) {
        guard let draft = state.pendingDrafts.first else { return }
        let count = draft.verdict.changeCount
        var lines = [
            ChangeLine(text: Verdict.line("You have an unsent verdict on ", draft.loopName, " (", draft.flow, ")"), role: .normal),
            ChangeLine(text: SafeText(trusted: "saved \(Format.clock(milliseconds: draft.savedAt)) · \(count) change\(count == 1 ? "" : "s")"
                + (draft.editing == nil ? "" : " · an edit in progress")), role: .dim),
        ]
        if state.pendingDrafts.count > 1 {
            lines.append(ChangeLine(text: SafeText(trusted: "and \(state.pendingDrafts.count - 1) more draft(s) after this one"), role: .dim))
        }
        let keys = [WorkstationKeys.hint(.resumeDraft, on: .draftOffer, "resumes it"), WorkstationKeys.hint(.discardDraft, on: .draftOffer, "discards it"),
                    WorkstationKeys.hint(.later, on: .draftOffer, "later")]
        lines += [ChangeLine(text: "", role: .normal), ChangeLine(text: SafeText(trusted: keys.joined(separator: " · ")), role: .keyHint)]
        OverlayList(title: "Unsent draft", lines: lines).render(into: &canvas)
    }
}

/// A box of wrapped lines over the screen; a "more" line shows when they do not all fit.
struct OverlayList {
    var title: String
    var lines: [ChangeLine]

    func render(into canvas: inout Canvas) {
        let width = min(canvas.size.columns - 6, max(40, DisplayWidth.of(title) + 4, lines.map(\.text.width).max() ?? 0))
        let wrapped = lines.flatMap { line in TextWrap.lines(line.text, width: max(1, width)).map { ($0, line.role) } }
        let inner = OverlayBox(title: title, contentSize: Size(rows: wrapped.count, columns: width)).render(into: &canvas)
        let visible = TextView.visibleLineCount(in: inner, lineCount: wrapped.count)
        for (offset, line) in wrapped.prefix(visible).enumerated() {
            canvas.put(line.0, row: inner.row + offset, column: inner.column, role: line.1, limit: inner.columns)
        }
        ScrollIndicator.draw(above: 0, below: max(0, wrapped.count - visible), into: &canvas, row: inner.bottom - 1, in: inner)
    }
}
