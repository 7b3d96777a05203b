import JuryCanvas

extension WorkstationState {
    /// A mouse report: on the queue and history lists a left click selects the row under it, and a click
    /// on the row already selected opens it (so a double click opens too); the wheel moves the selection.
    /// Elsewhere (task screens, boxes, the dashboard pane, the search prompt) the mouse does nothing: the
    /// keyboard is always enough.
    mutating func mouse(_ event: MouseEvent) -> [Effect] {
        guard !showsDashboard, overlay == nil else { return [] }
        switch (screen, event.kind) {
        case (.queue, .wheelUp), (.queue, .wheelDown): return moveQueue(by: event.kind == .wheelUp ? -1 : 1)
        case (.history, .wheelUp): return historyCommand(.up)
        case (.history, .wheelDown): return historyCommand(.down)
        case (.queue, _) where event.isLeftClick: return clickQueue(row: event.row)
        case (.history, _) where event.isLeftClick: return clickHistory(row: event.row)
        default: return []
        }
    }

    private mutating func clickQueue(row: Int) -> [Effect] {
        guard let index = QueueView.table(self).rowIndex(atRow: row, in: QueueLayout.tableArea(for: size), state: queue.scroll) else {
            return []
        }
        if index == queue.scroll.selected { return openSelected() }
        queue.scroll.selected = index
        message = nil
        return []
    }

    private mutating func clickHistory(row: Int) -> [Effect] {
        guard var shown = history,
              let index = HistoryView.table(shown).rowIndex(atRow: row, in: QueueLayout.tableArea(for: size), state: shown.scroll)
        else { return [] }
        shown.scroll.selected = index
        history = shown
        return []
    }
}
