import JuryCore
import JuryCanvas

extension WorkstationState {
    mutating func queueCommand(_ command: WorkstationCommand) -> [Effect] {
        message = nil
        switch command {
        case .down: return moveQueue(by: 1)
        case .up: return moveQueue(by: -1)
        case .pageDown: return queue.hasMore ? nextPage() : moveQueue(by: queue.entries.count)
        case .pageUp: return queue.previousPages.isEmpty ? moveQueue(by: -queue.entries.count) : previousPage(selectLast: false)
        case .first: queue.scroll = ScrollState(top: 0, selected: 0); return []
        case .last: return moveQueue(by: queue.entries.count)
        case .open: return openSelected()
        case .claimNext: return [claimNext]
        case .sort: queue.order = queue.order == .oldestFirst ? .lowestConfidenceFirst : .oldestFirst; return firstPage()
        case .filterFlow: queue.flow = nextFlow(after: queue.flow); return firstPage()
        case .search: queue.search = LineEditor(text: queue.filter?.query ?? ""); return []
        case .history: history = HistoryState(); return [.loadHistory]
        case .refresh: return [refreshQueue(), .loadDay]
        default: return []
        }
    }

    mutating func openSelected() -> [Effect] {
        guard let entry = queue.selectedEntry else {
            message = StatusMessage("Nothing selected: press \(WorkstationKeys.hint(.claimNext, on: .queue, "to claim the next task"))")
            return []
        }
        message = StatusMessage("Claiming \(entry.loopName)…")
        return [.claimLoop(entry.loopName)]
    }

    mutating func moveQueue(by delta: Int) -> [Effect] {
        let target = (queue.scroll.selected ?? 0) + delta
        if target >= queue.entries.count, queue.hasMore, delta == 1 { return nextPage() }
        if target < 0, !queue.previousPages.isEmpty, delta == -1 { return previousPage(selectLast: true) }
        let visible = QueueLayout.pageSize(for: size)
        queue.scroll = queue.scroll.moved(by: delta, count: queue.entries.count, visible: visible)
        return []
    }

    /// Loads the page after the last open entry; held entries lead page one only, so after a page
    /// they fill, the open entries start from the beginning.
    private mutating func nextPage() -> [Effect] {
        queue.previousPages.append(queue.after)
        queue.after = queue.entries.last { $0.leaseExpiresAt == nil }?.position ?? .beforeFirst
        queue.scroll = ScrollState(top: 0, selected: 0)
        return [refreshQueue()]
    }

    private mutating func previousPage(selectLast: Bool) -> [Effect] {
        queue.after = queue.previousPages.popLast() ?? nil
        queue.selectLastOnLoad = selectLast
        queue.scroll = ScrollState(top: 0, selected: 0)
        return [refreshQueue()]
    }

    mutating func firstPage() -> [Effect] {
        queue.after = nil
        queue.previousPages = []
        queue.scroll = ScrollState(top: 0, selected: 0)
        return [refreshQueue()]
    }

    /// All flows, then each of the reviewer's flows in turn.
    private func nextFlow(after current: String?) -> String? {
        let names = flows.map(\.name)
        guard let current, let index = names.firstIndex(of: current) else { return names.first }
        return index + 1 < names.count ? names[index + 1] : nil
    }

    mutating func queueLoaded(_ request: QueueRequest, _ entries: [QueueEntry]) -> [Effect] {
        guard request.flow == queue.flow, request.order == queue.order, request.after == queue.after, request.filter == queue.filter else {
            return []
        }
        let selectedName = queue.selectedEntry?.loopName
        let pageSize = max(0, request.limit - 1)
        queue.entries = Array(entries.prefix(pageSize))
        queue.hasMore = entries.count > pageSize
        let kept = selectedName.flatMap { name in queue.entries.firstIndex { $0.loopName == name } }
        let selected = queue.selectLastOnLoad ? queue.entries.count - 1 : kept ?? queue.scroll.selected ?? 0
        queue.selectLastOnLoad = false
        queue.loadedAt = now
        if let held = entries.first(where: { ($0.leaseExpiresAt ?? 0) > now }) {
            queue.heldLoop = held.loopName
        } else if request.flow == nil, request.after == nil, request.filter == nil {
            queue.heldLoop = nil
        }
        queue.scroll = ScrollState(top: 0, selected: selected).clamped(count: queue.entries.count, visible: max(1, pageSize))
        return []
    }

    mutating func claimed(_ claim: ClaimedTask?) -> [Effect] {
        guard let claim else {
            message = StatusMessage("Nothing to claim right now\(queue.flow.map { " in \($0)" } ?? "")", .warning)
            return [refreshQueue()]
        }
        message = StatusMessage("\(claim.resumed ? "Resumed" : "Claimed") \(claim.loopName)")
        return [.loadTask(claim)]
    }
}
