import JuryCore
import JuryCanvas

extension WorkstationState {
    /// The search prompt: Enter applies the query (an empty one clears the search), Esc clears the
    /// search and closes the prompt; editing keys go to the prompt's editor.
    mutating func searchCommand(_ command: WorkstationCommand, key: Key) -> [Effect] {
        switch command {
        case .applySearch: return applySearch()
        case .clearSearch:
            queue.search = nil
            message = nil
            guard queue.filter != nil else { return [] }
            queue.filter = nil
            return firstPage()
        default: return command.isEditorCommand ? typeIntoSearch(key) : []
        }
    }

    /// Passes a key to the search prompt's editor.
    mutating func typeIntoSearch(_ key: Key) -> [Effect] {
        guard var editor = queue.search, editor.apply(key) == .handled else { return [] }
        queue.search = editor
        return []
    }

    /// Parses the prompt's query; a query that does not parse keeps the prompt open, its text as typed,
    /// and says why.
    private mutating func applySearch() -> [Effect] {
        guard let text = queue.search?.text else { return [] }
        do {
            let filter = try QueueFilter(query: text)
            queue.search = nil
            message = nil
            guard filter != queue.filter else { return [] }
            queue.filter = filter
            return firstPage()
        } catch {
            message = StatusMessage(ErrorText.describe(error), .error)
            return []
        }
    }
}

extension WorkstationState {
    /// The history screen's keys: move through the list, refresh it, back to the queue.
    mutating func historyCommand(_ command: WorkstationCommand) -> [Effect] {
        guard var shown = history else { return [] }
        let visible = HistoryView.visibleRows(size)
        let count = shown.entries.count
        switch command {
        case .back:
            history = nil
            return [refreshQueue()]
        case .refresh: return [.loadHistory]
        case .down, .up: shown.scroll = shown.scroll.moved(by: command == .down ? 1 : -1, count: count, visible: visible)
        case .pageDown, .pageUp: shown.scroll = shown.scroll.moved(by: command == .pageDown ? visible : -visible, count: count, visible: visible)
        case .first: shown.scroll = ScrollState(top: 0, selected: 0)
        case .last: shown.scroll = shown.scroll.moved(by: count, count: count, visible: visible)
        default: break
        }
        history = shown
        return []
    }

    /// Shows the verdicts when the history screen is still open (keeping the selection in range).
    mutating func historyLoaded(_ loaded: ReviewerHistory) -> [Effect] {
        guard var shown = history else { return [] }
        shown.history = loaded
        shown.scroll = shown.scroll.clamped(count: loaded.entries.count, visible: HistoryView.visibleRows(size))
        history = shown
        return []
    }
}
