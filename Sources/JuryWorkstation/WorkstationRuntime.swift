import Foundation
import JuryCore
import JuryCanvas

/// Runs the workstation: reads events from a terminal, feeds them to `Workstation.update`, performs
/// the effects against a `ReviewService` and a `DraftStore`, feeds their results back, and presents
/// the view after each change. The only place where state meets I/O.
public final class WorkstationRuntime {
    public private(set) var state: WorkstationState
    let terminal: any TerminalDevice
    let service: any ReviewService
    let drafts: DraftStore
    /// The lead dashboard pane's engine side (leads only).
    let dashboard: (any DashboardService)?
    /// Tick period: how often countdowns and the queue refresh.
    let tick: Duration
    private var lastPresented: Canvas?

    public init(state: WorkstationState, terminal: any TerminalDevice, service: any ReviewService, drafts: DraftStore,
                tick: Duration = .seconds(1), dashboard: (any DashboardService)? = nil) {
        self.state = state
        self.terminal = terminal
        self.service = service
        self.drafts = drafts
        self.tick = tick
        self.dashboard = dashboard
    }

    /// Shows the first screen (queue page loaded) and returns; `run` continues from there.
    public func start() {
        state.now = Self.milliseconds(service.now)
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
                send(.tick(Self.milliseconds(service.now)))
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
        let reviewer = state.reviewer
        switch effect {
        case .claim(let flow, let order): return .claimed(try service.claim(reviewer: reviewer, flow: flow, order: order))
        case .claimLoop(let loop): return .claimed(try service.claim(loop: loop, reviewer: reviewer))
        case .loadTask(let claim):
            let content = TaskContent(material: try service.taskMaterial(loop: claim.loopName))
            return .taskLoaded(content, claim, drafts.load(claim.loopName))
        case .release(let loop): try service.release(loop: loop, reviewer: reviewer); return .released(loop)
        case .submit(let loop, let answer): return .submitted(try service.submit(loop: loop, reviewer: reviewer, answer: answer))
        case .saveDraft(let draft): try drafts.save(draft); return nil
        case .deleteDraft(let loop): try drafts.delete(loop); return nil
        case .refreshQueue(let request): return try loadQueue(request)
        case .loadDrafts: return .draftsFound(drafts.all())
        case .loadDay: return .dayLoaded(try service.reviewerDay(reviewer: reviewer, since: startOfDay()))
        case .dashboard(let effect): return dashboard?.result(of: effect, lead: reviewer).map(Action.dashboard)
        case .quit: return nil
        }
    }

    private func loadQueue(_ request: QueueRequest) throws -> Action {
        try? service.ingestInbox()
        let entries = try service.queueEntries(reviewer: state.reviewer, flow: request.flow, order: request.order,
                                               limit: request.limit, after: request.after)
        return .queueLoaded(request, entries)
    }

    /// Local midnight of the service's day ("today" in the header), in the reviewer's time zone (`TZ`).
    private func startOfDay() -> Date {
        Calendar.current.startOfDay(for: service.now)
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
