import Foundation
import JuryCore
import JuryTerminal

/// Runs the workstation: reads events from a terminal, feeds them to `Workstation.update`, performs
/// the effects against the queue (a `QueueClient`: the service in-process or over its socket), feeds
/// their results back, and presents the view after each change. The only place where state meets I/O.
public final class WorkstationRuntime {
    public private(set) var state: WorkstationState
    let terminal: any TerminalDevice
    let client: any QueueClient
    /// Tick period: how often countdowns and the queue refresh.
    let tick: Duration
    private var lastPresented: Canvas?

    public init(state: WorkstationState, terminal: any TerminalDevice, client: any QueueClient, tick: Duration = .seconds(1)) {
        self.state = state
        self.terminal = terminal
        self.client = client
        self.tick = tick
    }

    /// Shows the first screen (queue page loaded) and returns; `run` continues from there.
    public func start() {
        state.now = Self.milliseconds(client.now)
        state.size = terminal.size
        perform(Workstation.start(state))
        present()
    }

    /// Runs until the reviewer quits. `idleLimit` (for scripted terminals, whose script ending looks like
    /// a timeout) stops after that many event timeouts in a row.
    public func run(idleLimit: Int? = nil) {
        var idle = 0
        while !state.isQuitting {
            guard let event = terminal.nextEvent(timeout: tick) else {
                idle += 1
                if let idleLimit, idle >= idleLimit { return }
                send(.tick(Self.milliseconds(client.now)))
                continue
            }
            idle = 0
            switch event {
            case .key(let key): send(.key(key))
            case .resize(let size): send(.resize(size))
            }
        }
    }

    /// Applies `action`, performs the effects it asks for (and those their results ask for), then presents.
    public func send(_ action: Action) {
        apply(action)
        present()
    }

    private func apply(_ action: Action) {
        let (next, effects) = Workstation.update(state, action)
        state = next
        perform(effects)
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            if let result = result(of: effect) { apply(result) }
        }
    }

    private func present() {
        let canvas = WorkstationView.render(state)
        guard canvas != lastPresented else { return }
        terminal.present(canvas)
        lastPresented = canvas
    }

    static func milliseconds(_ date: Date) -> Int64 { Timestamp.milliseconds(date) }
}

extension WorkstationRuntime {
    /// Performs one effect; returns the action carrying its result, if any. Errors become `.failed`.
    func result(of effect: Effect) -> Action? {
        do {
            return try perform(effect)
        } catch {
            return .failed(Self.describe(error, doing: effect))
        }
    }

    private func perform(_ effect: Effect) throws -> Action? {
        switch effect {
        case .claim(let flow, let order): return .claimed(try client.claim(flow: flow, order: order))
        case .claimLoop(let loop): return .claimed(try client.claim(loop: loop))
        case .loadTask(let claim):
            let content = TaskContent(material: try client.taskMaterial(loop: claim.loopName))
            return .taskLoaded(content, claim, try client.drafts().first { $0.loop == claim.loopName }.flatMap(Draft.init(stored:)))
        case .release(let loop): try client.release(loop: loop, of: nil); return .released(loop)
        case .submit(let loop, let answer): return .submitted(try client.submit(loop: loop, answer: answer, timeSpentSeconds: nil))
        case .saveDraft(let draft): try client.saveDraft(try draft.stored); return nil
        case .deleteDraft(let loop): try client.deleteDraft(loop: loop); return nil
        case .refreshQueue(let request): return try loadQueue(request)
        case .loadDrafts: return .draftsFound(try client.drafts().compactMap(Draft.init(stored:)))
        case .loadDay: return .dayLoaded(try client.reviewerDay(since: startOfDay()))
        case .dashboard(let effect): return state.dashboard == nil ? nil : client.result(of: effect).map(Action.dashboard)
        case .quit: return nil
        }
    }

    private func loadQueue(_ request: QueueRequest) throws -> Action {
        _ = try? client.ingest()
        let entries = try client.queueEntries(flow: request.flow, order: request.order, limit: request.limit, after: request.after)
        return .queueLoaded(request, entries)
    }

    /// Local midnight of the service's day ("today" in the header), in the reviewer's time zone (`TZ`).
    private func startOfDay() -> Date {
        Calendar.current.startOfDay(for: client.now)
    }

    static func describe(_ error: any Error, doing effect: Effect) -> String {
        let what: String =
            switch effect {
            case .claim: "Could not claim a task"
            case .claimLoop(let loop): "Could not claim \(loop)"
            case .loadTask(let claim): "Could not open \(claim.loopName)"
            case .release(let loop): "Could not skip \(loop)"
            case .submit(let loop, _): "Could not submit \(loop)"
            case .saveDraft: "Could not save the draft"
            case .deleteDraft: "Could not delete the draft"
            case .refreshQueue: "Could not load the queue"
            case .loadDrafts, .loadDay, .quit: "Could not load your figures"
            case .dashboard: "Could not update the dashboard"
            }
        return "\(what): \(error)"
    }
}
