import JuryCore
import JuryCanvas

/// The workstation's pure core: `update` turns a state and an action into the next state and the
/// effects to perform. It does no I/O and reads no clock; `WorkstationRuntime` does both.
public enum Workstation {
    /// How often the queue page reloads while the queue screen is showing, ms.
    public static let refreshInterval: Int64 = 10_000
    /// A lease with less time left than this shows a warning, ms.
    public static let leaseWarning: Int64 = 60_000

    /// The effects to run at start: drafts to offer, the first queue page, the reviewer's day.
    public static func start(_ state: inout WorkstationState) -> [Effect] {
        [.loadDrafts, state.refreshQueue(), .loadDay]
    }

    /// The next state and the effects `action` asks for. Pure.
    public static func update(_ state: WorkstationState, _ action: Action) -> (WorkstationState, [Effect]) {
        var next = state
        let effects = next.apply(action) + next.pictureEffects()
        return (next, effects)
    }
}

extension WorkstationState {
    mutating func apply(_ action: Action) -> [Effect] {
        switch action {
        case .key(let key): return handle(key)
        case .resize(let size): return resized(to: size)
        case .tick(let now): return ticked(now)
        case .queueLoaded(let request, let entries): return queueLoaded(request, entries)
        case .draftsFound(let drafts): return draftsFound(drafts)
        case .claimed(let claim): return claimed(claim)
        case .taskLoaded(let content, let claim, let draft): return taskLoaded(content, claim, draft)
        case .released(let loop): return released(loop)
        case .submitted(let receipt): return submitted(receipt)
        case .dayLoaded(let day): self.day = day; return []
        case .answeredLoaded(let content, let verdicts): return answeredLoaded(content, verdicts)
        case .amended(let receipt): return amended(receipt)
        case .withdrawn(let loop): return withdrawn(loop)
        case .earlierVerdictsLoaded(let verdicts): earlierVerdictsLoaded(verdicts); return []
        case .historyLoaded(let history): return historyLoaded(history)
        case .mouse(let event): return mouse(event)
        case .pictureLoaded(let request, let picture): return pictureLoaded(request, picture)
        case .originalOpened(let text): message = StatusMessage(text); return []
        case .failed(let text): message = StatusMessage(text, .error); return []
        case .dashboard(let action): return dashboardAction(action)
        }
    }

    private mutating func handle(_ key: Key) -> [Effect] {
        if showsDashboard { return dashboardAction(.key(key)) }
        let screen = self.screen
        if bindings(for: screen).command(for: key) == WorkstationKeys.dashboardCommand.id { return openDashboard() }
        guard let command = WorkstationCommand.bound(to: key, on: screen) else {
            switch screen {
            case .edit: return typeIntoEditor(key)
            case .prompt: return typeIntoPrompt(key)
            case .search: return typeIntoSearch(key)
            default: return []
            }
        }
        if command == .quit { return quit(from: screen) }
        if command == .help {
            overlay = .help(ScrollState())
            return []
        }
        return run(command, key: key, on: screen)
    }

    private mutating func run(_ command: WorkstationCommand, key: Key, on screen: ScreenID) -> [Effect] {
        switch screen {
        case .queue where command == .changeVerdict: return askForAnsweredLoop()
        case .queue: return queueCommand(command)
        case .search: return searchCommand(command, key: key)
        case .history: return historyCommand(command)
        case .form, .moderation, .classification, .freeText: return taskCommand(command, key: key)
        case .edit: return editCommand(command, key: key)
        case .prompt: return promptCommand(command, key: key)
        case .confirm: return confirmCommand(command)
        case .draftOffer: return draftCommand(command)
        case .help: return helpCommand(command)
        }
    }

    /// Quits, first asking in a confirm box when the reviewer holds a claim (ctrl-c in the box quits).
    private mutating func quit(from screen: ScreenID) -> [Effect] {
        if screen != .confirm, let held = heldLoop {
            overlay = .confirm(.quit(held))
            return []
        }
        isQuitting = true
        return [.quit]
    }

    /// The loop whose claim the reviewer holds: the open task's (unless it changes a verdict given), or the queue's.
    var heldLoop: String? { task.flatMap { $0.amends == nil ? $0.claim.loopName : nil } ?? queue.heldLoop }

    /// The next-claim effect, passing over the loops skipped this session.
    var claimNext: Effect { .claim(flow: queue.flow, order: queue.order, skipping: skipped, filter: queue.filter) }

    private mutating func resized(to size: Size) -> [Effect] {
        let oldPage = QueueLayout.pageSize(for: self.size)
        self.size = size
        dashboard?.size = size
        if task != nil { scrollTask(by: 0) }
        guard QueueLayout.pageSize(for: size) != oldPage, size.fits(Self.minimumSize) else { return [] }
        return [refreshQueue()]
    }

    private mutating func ticked(_ now: Int64) -> [Effect] {
        self.now = now
        if showsDashboard { return dashboardAction(.tick(now)) }
        let lastLoad = [queue.requestedAt, queue.loadedAt].compactMap { $0 }.max()
        guard task == nil, history == nil, overlay == nil, lastLoad.map({ now - $0 >= Workstation.refreshInterval }) ?? true else { return [] }
        // The header's figures of the day too: others' tools add verdicts, and the day ends at midnight.
        return [refreshQueue(), .loadDay]
    }

    /// The request for the current queue page, sized to the screen.
    var queueRequest: QueueRequest {
        QueueRequest(flow: queue.flow, order: queue.order, limit: QueueLayout.pageSize(for: size) + 1, after: queue.after, filter: queue.filter)
    }

    /// Notes the request time (so ticks do not pile requests up) and returns the effect.
    mutating func refreshQueue() -> Effect {
        queue.requestedAt = now
        return .refreshQueue(queueRequest)
    }
}
