import JuryCore
import JuryCanvas

/// The dashboard's pure core: `update` turns a state and an action into the next state and the
/// effects to perform. No I/O, no clock: ticks carry the time.
public enum Dashboard {
    /// A tick this close to the refresh interval counts as due (timer jitter), ms.
    public static let refreshTolerance: Int64 = 150

    /// The effects to run at start: the first load.
    public static func start(_ state: inout DashboardState) -> [DashboardEffect] {
        [state.requestRefresh()]
    }

    /// The next state and the effects `action` asks for. Pure.
    public static func update(_ state: DashboardState, _ action: DashboardAction) -> (DashboardState, [DashboardEffect]) {
        var next = state
        let effects = next.apply(action)
        return (next, effects)
    }
}

extension DashboardState {
    mutating func apply(_ action: DashboardAction) -> [DashboardEffect] {
        switch action {
        case .key(let key): return handle(key)
        case .resize(let size): self.size = size; return []
        case .tick(let now):
            self.now = now
            return isRefreshDue ? [requestRefresh()] : []
        case .loaded(let snapshot): loaded(snapshot); return []
        case .performed(let action, let text):
            message = StatusMessage(text, .success)
            return [requestRefresh()] + (found?.trail?.loopName == action.loop ? [.loadTrail(action.loop)] : [])
        case .foundLoops(let prefix, let matches, let trail): return foundLoops(prefix, matches, trail)
        case .trailLoaded(let trail): trailLoaded(trail); return []
        case .failed(let text): message = StatusMessage(text, .error); return []
        }
    }

    /// True when the last reload was asked for at least `refreshInterval` ago (or never).
    var isRefreshDue: Bool {
        guard let requestedAt else { return true }
        return now - requestedAt >= refreshInterval - Dashboard.refreshTolerance
    }

    /// Notes the request time (so ticks do not pile reloads up) and returns the effect.
    mutating func requestRefresh() -> DashboardEffect {
        requestedAt = now
        return .refresh
    }

    /// Takes new figures, keeping the selection on the same loop when it is still listed.
    private mutating func loaded(_ snapshot: DashboardSnapshot) {
        let selectedLoop = selectedItem?.loopName
        self.snapshot = snapshot
        showsEarlierFigures = false
        now = max(now, snapshot.statistics.generatedAt)
        let count = snapshot.attention.count
        let index = selectedLoop.flatMap { name in snapshot.attention.firstIndex { $0.loopName == name } } ?? attention.selected ?? 0
        attention = ScrollState(top: attention.top, selected: index).clamped(count: count, visible: max(1, count))
    }

    private mutating func handle(_ key: Key) -> [DashboardEffect] {
        guard let command = DashboardKeys.command(for: key, on: screen, pane: isPane) else {
            if screen == .find { finder?.apply(key) }
            return []
        }
        if screen == .find, command != .quit { return answerFinder(command) }
        switch command {
        case .quit: isQuitting = true; return [.quit]
        case .closePane: return [.closePane]
        case .help: overlay = .help(ScrollState()); return []
        case .closeHelp: overlay = nil; return []
        case .refresh:
            message = nil
            return found?.trail.map { [.loadTrail($0.loopName)] } ?? [requestRefresh()]
        case .confirm, .cancel: return answerConfirm(command)
        case .down, .up, .first, .last:
            message = nil
            return move(command)
        case .stop, .releaseClaim, .reopen, .adjudicate: ask(command.leadAction!); return []
        case .find: finder = LineEditor(text: ""); message = nil; return []
        case .openMatch: return found?.selectedMatch.map { [.loadTrail($0.name)] } ?? []
        case .closeFound: found = nil; message = nil; return []
        }
    }

    private mutating func move(_ command: DashboardCommand) -> [DashboardEffect] {
        if case .help(let scroll) = overlay {
            let lines = helpOverlay.lines.count
            overlay = .help(scroll.moved(by: command == .down ? 1 : -1, count: lines, visible: HelpLayout.visibleLines(lineCount: lines, size: size)))
            return []
        }
        if found != nil { return moveAmongMatches(by: command == .down ? 1 : -1) }
        let count = snapshot?.attention.count ?? 0
        let current = attention.selected ?? 0
        let target: Int =
            switch command {
            case .down: current + 1
            case .up: current - 1
            case .first: 0
            default: count - 1
            }
        attention = ScrollState(top: attention.top, selected: target).clamped(count: count, visible: max(1, count))
        return []
    }

    /// Opens the confirm box for `kind` on the selected item, or says why it does not apply.
    private mutating func ask(_ kind: LeadAction.Kind) {
        if let found {
            askAbout(found, kind)
            return
        }
        guard !showsEarlierFigures else {
            message = StatusMessage("Loading the current figures; act once they are in", .warning)
            return
        }
        guard let item = selectedItem else {
            message = StatusMessage("Nothing to act on: no loop needs a lead now", .warning)
            return
        }
        switch LeadActionRules.action(kind, on: item) {
        case .success(let action):
            overlay = .confirm(action)
            message = nil
        case .failure(let reason):
            message = StatusMessage(reason.text, .warning)
        }
    }

    private mutating func answerConfirm(_ command: DashboardCommand) -> [DashboardEffect] {
        guard case .confirm(let action) = overlay else { return [] }
        overlay = nil
        guard command == .confirm else { return [] }
        message = StatusMessage("\(action.kind.verb) \(action.loop)…")
        return [.perform(action)]
    }
}

/// Which lead action fits which attention item (the engine checks again when it is performed).
enum LeadActionRules {
    struct Refusal: Error, Equatable { var text: String }

    static func action(_ kind: LeadAction.Kind, on item: AttentionItem) -> Result<LeadAction, Refusal> {
        let refuse = { (why: String) in Result<LeadAction, Refusal>.failure(Refusal(text: "\(kind.verb): \(why)")) }
        switch kind {
        case .releaseClaim:
            guard case .leaseEnding(let reviewer, _) = item.reason else { return refuse("\(item.loopName) has no stuck claim listed") }
            return .success(LeadAction(.releaseClaim, loop: item.loopName, reviewer: reviewer))
        case .reopen:
            guard item.status == .failed else { return refuse("only Failed loops reopen; \(item.loopName) is \(item.status.rawValue)") }
        case .stop:
            guard item.status == .inProgress else { return refuse("only InProgress loops stop; \(item.loopName) is \(item.status.rawValue)") }
        case .adjudicate:
            guard item.status == .inProgress else { return refuse("only InProgress loops go to adjudication; \(item.loopName) is \(item.status.rawValue)") }
            if item.reason == .awaitingLead { return refuse("\(item.loopName) already waits for a lead") }
        }
        return .success(LeadAction(kind, loop: item.loopName))
    }
}

extension DashboardState {
    /// The help over the main screen or the search results, whichever is beneath.
    var helpOverlay: HelpOverlay {
        let beneath: DashboardScreen = found == nil ? .main : .found
        return HelpOverlay(title: beneath.title, bindings: DashboardKeys.bindings(for: beneath, pane: isPane), commands: DashboardKeys.commands)
    }
}
