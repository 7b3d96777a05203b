import JuryCore
import JuryCanvas

/// The submit summary: what changes against the model, and the keys to confirm or go back.
enum ConfirmView {
    static func render(_ kind: ConfirmKind, state: WorkstationState, into canvas: inout Canvas) {
        guard let task = state.task else { return }
        var lines = kind == .approve
            ? [ChangeLine(text: SafeText(trusted: "Approve the model's answer as is, dropping \(task.verdict.changeCount) change(s)?"),
                          role: .warning)]
            : task.verdict.changes(against: task.content)
        lines.append(ChangeLine(text: "", role: .normal))
        lines.append(ChangeLine(text: "y submits · n goes back", role: .keyHint))
        let title = kind == .approve ? "Approve as is" : "Submit \(task.claim.loopName)"
        OverlayList(title: title, lines: lines).render(into: &canvas)
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
        lines += [ChangeLine(text: "", role: .normal), ChangeLine(text: "y resumes it · d discards it · n later", role: .keyHint)]
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
