import JuryCore
import JuryCanvas

/// Draws the lead dashboard from its state. Pure: the same state always gives the same canvas.
public enum DashboardView {
    /// The full screen (`jury dashboard`) at `state.size`; below the minimum, the too-small message.
    public static func render(_ state: DashboardState) -> Canvas {
        TooSmallView.guarded(size: state.size, minimum: DashboardState.minimumSize) { size in
            var canvas = Canvas(size: size)
            let layout = ScreenLayout(size: size)
            HeaderBar.render(title: "Jury · lead dashboard", parts: headerParts(state), into: &canvas, in: layout.header)
            draw(state, into: &canvas, layout: layout)
            return canvas
        }
    }

    /// Everything below the header row: the summary line, the sections, the status line, the key
    /// hints and any box open over them. The pane of `jury review` draws its own header, then this.
    public static func draw(_ state: DashboardState, into canvas: inout Canvas, layout: ScreenLayout) {
        canvas.fill(layout.subtitle)
        canvas.put(summary(state).truncated(to: layout.subtitle.columns - 1), row: layout.subtitle.row,
                   column: layout.subtitle.column + 1, role: .dim)
        canvas.fill(layout.body)
        if let found = state.found {
            FoundView.render(found, now: state.now, into: &canvas, in: layout.body.insetColumns(1))
        } else if let snapshot = state.snapshot {
            DashboardSections(snapshot: snapshot, state: state).render(into: &canvas, in: layout.body.insetColumns(1))
        }
        drawStatus(state, into: &canvas, in: layout.status)
        KeyHintsFooter(bindings: DashboardKeys.bindings(for: state.screen, pane: state.isPane), commands: DashboardKeys.commands)
            .render(into: &canvas, in: layout.footer)
        drawOverlay(state, into: &canvas)
    }

    /// The lead, when the figures were read, and how often they are.
    static func headerParts(_ state: DashboardState) -> [HeaderBar.Part] {
        var parts = [HeaderBar.Part(text: state.lead, role: .title, priority: 1)]
        if let at = state.snapshot?.statistics.generatedAt {
            parts.append(HeaderBar.Part(text: "at \(Format.clock(milliseconds: at))", role: .title, priority: 2))
        }
        parts.append(HeaderBar.Part(text: "every \(Format.span(milliseconds: state.refreshInterval))", role: .title, priority: 0))
        return parts
    }

    /// "depth 42 (30 unclaimed, 12 claimed) · 17 done in 1h · inbox 3 · rejected 1", or a loading note.
    static func summary(_ state: DashboardState) -> SafeText {
        guard let statistics = state.snapshot?.statistics else { return "Reading the figures…" }
        let total = statistics.total
        return SafeText(trusted: "depth \(total.depth) (\(total.unclaimed) unclaimed, \(total.claimed) claimed)"
            + " · \(total.completionsLastHour) done in 1h · inbox \(statistics.inboxBacklog) · rejected \(statistics.rejectedFiles)")
    }

    private static func drawStatus(_ state: DashboardState, into canvas: inout Canvas, in rect: Rect) {
        canvas.fill(rect)
        if let finder = state.finder {
            let used = canvas.put(" Find loop (name or its start): ", row: rect.row, column: rect.column, role: .header)
            finder.render(into: &canvas, row: rect.row, column: rect.column + used, width: rect.columns - used - 1)
            return
        }
        guard let message = state.message else { return }
        let roles: [StatusMessage.Kind: StyleRole] = [.info: .normal, .success: .success, .warning: .warning, .error: .error]
        canvas.put(Sanitizer.sanitize(message.text).truncated(to: rect.columns - 1), row: rect.row, column: rect.column + 1,
                   role: roles[message.kind] ?? .normal)
    }

    private static func drawOverlay(_ state: DashboardState, into canvas: inout Canvas) {
        switch state.overlay {
        case .help(let scroll): state.helpOverlay.render(into: &canvas, state: scroll)
        case .confirm(let action): OverlayList(title: action.kind.title, lines: confirmLines(action, lead: state.lead)).render(into: &canvas)
        case nil: break
        }
    }

    /// What the confirm box says: the action, its effect, and that it is audited.
    static func confirmLines(_ action: LeadAction, lead: String) -> [ChangeLine] {
        var what = SafeText(trusted: "\(action.kind.verb) ")
        what.append(Sanitizer.sanitize(action.loop))
        if let reviewer = action.reviewer {
            what.append(" held by ")
            what.append(Sanitizer.sanitize(reviewer))
        }
        what.append("?")
        var audit = SafeText(trusted: "Recorded in the audit log as ")
        audit.append(Sanitizer.sanitize(lead))
        return [ChangeLine(text: what, role: .warning), ChangeLine(text: SafeText(trusted: effect(of: action.kind)), role: .normal),
                ChangeLine(text: audit, role: .dim), ChangeLine(text: "", role: .normal),
                ChangeLine(text: SafeText(trusted: DashboardKeys.bindings(for: .confirm).hint(DashboardCommand.confirm.id, "confirms") + " · "
                    + DashboardKeys.bindings(for: .confirm).hint(DashboardCommand.cancel.id, "cancels")), role: .keyHint)]
    }

    private static func effect(of kind: LeadAction.Kind) -> String {
        switch kind {
        case .stop: "The loop takes no more claims; with claims outstanding it is Stopping until they end."
        case .releaseClaim: "The claim ends now and its slot goes back to the queue."
        case .reopen: "The loop gets a new availability lifetime and goes back to the queue; its verdicts stay."
        case .adjudicate: "One more slot is added that only a lead may claim; that verdict settles the consensus."
        }
    }
}

extension Rect {
    /// The rectangle less `amount` columns on each side (rows unchanged).
    func insetColumns(_ amount: Int) -> Rect {
        Rect(row: row, column: column + amount, rows: rows, columns: columns - 2 * amount)
    }
}
