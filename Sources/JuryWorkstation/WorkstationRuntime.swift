import Foundation
import Synchronization
import JuryCore
import JuryCanvas
import JuryMedia

/// The workstation as the generic runtime drives it.
extension Workstation: TerminalProgram {
    public static func start(_ state: inout WorkstationState, size: Size, now: Int64) -> [Effect] {
        state.now = now
        state.size = size
        return start(&state)
    }

    public static func render(_ state: WorkstationState) -> Canvas { WorkstationView.render(state) }
    public static func graphics(_ state: WorkstationState) -> [GraphicsPlacement] { state.graphics }
    public static func isQuitting(_ state: WorkstationState) -> Bool { state.isQuitting }
    public static func tick(_ now: Int64) -> Action { .tick(now) }
    public static func tickInterval(_ state: WorkstationState) -> Duration { .seconds(1) }
    /// The loop of the task on screen (a verdict being amended included).
    public static func screenSubject(_ state: WorkstationState) -> AnyHashable? { state.task.map { AnyHashable($0.claim.loopName) } }

    public static func message(for event: TerminalEvent) -> Action? {
        switch event {
        case .key(let key): .key(key)
        case .resize(let size): .resize(size)
        case .mouse(let event): .mouse(event)
        }
    }

    /// Claims, task loads, skips, verdicts and lead actions change the screen; drafts, queue pages and
    /// figures do not.
    public static func holdsInput(_ effect: Effect) -> Bool {
        switch effect {
        case .claim, .claimLoop, .loadTask, .release, .submit, .openAnswered, .amend, .withdraw: true
        case .dashboard(let effect): Dashboard.holdsInput(effect)
        case .prefetch, .saveDraft, .deleteDraft, .refreshQueue, .loadDrafts, .loadDay, .loadHistory, .loadPicture, .drawAhead, .openOriginal,
             .loadEarlierVerdicts, .quit: false
        }
    }

    /// Decoding a picture, opening an original and fetching the next task ahead may take long; drafts and
    /// verdicts never wait behind them.
    public static func runsAside(_ effect: Effect) -> Bool {
        switch effect {
        case .loadPicture, .openOriginal, .prefetch: true
        default: false
        }
    }
}

/// `jury review`'s runtime: the workstation against the queue (a `QueueClient`).
public typealias WorkstationRuntime = ProgramRuntime<Workstation>

extension ProgramRuntime where Program == Workstation {
    /// - Parameters:
    ///   - pictures: how pictures are read and drawn (nil: through a symbols pipeline with no object roots of its own).
    public convenience init(state: WorkstationState, terminal: any TerminalDevice, client: any QueueClient,
                            pictures: PictureEffects? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let pictures = pictures ?? PictureEffects(client: client, pipeline: MediaPipeline(reader: MediaReader(roots: ObjectRoots([]))))
        let effects = WorkstationEffects(client: client, hasDashboard: state.dashboard != nil, pictures: pictures, environment: environment)
        self.init(state: state, terminal: terminal, clock: { client.now }, perform: effects.result(of:))
    }
}

/// Performs the workstation's effects against the queue service.
struct WorkstationEffects: Sendable {
    let client: any QueueClient
    /// Whether the reviewer leads (has the dashboard pane).
    let hasDashboard: Bool
    let pictures: PictureEffects
    /// For opening originals (`DISPLAY`, `PATH`).
    let environment: [String: String]
    /// The material `prefetch` fetched, until `loadTask` takes it.
    let fetchedAhead = FetchedAhead()

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
        case .claim(let flow, let order, let skipping, let filter):
            return .claimed(try claimNext(ClaimScope(flow: flow, order: order, skipping: skipping, filter: filter)))
        case .claimLoop(let loop): return .claimed(try client.claim(loop: loop))
        case .loadTask(let claim):
            let material = try fetchedAhead.take(claim.loopName) ?? client.taskMaterial(loop: claim.loopName)
            return .taskLoaded(TaskContent(material: material), claim,
                               try client.drafts().first { $0.loop == claim.loopName }.flatMap(Draft.init(stored:)))
        case .prefetch(let flow, let order, let skipping, let filter):
            prefetch(ClaimScope(flow: flow, order: order, skipping: skipping, filter: filter))
            return nil
        case .release(let loop): try client.release(loop: loop, of: nil); return .released(loop)
        case .submit(let loop, let answer): return .submitted(try client.submit(loop: loop, answer: answer, timeSpentSeconds: nil))
        case .openAnswered(let loop):
            let verdicts = try client.ownVerdict(loop: loop)
            return .answeredLoaded(TaskContent(material: try client.taskMaterial(loop: loop)), verdicts)
        case .amend(let loop, let answer): return .amended(try client.amend(loop: loop, answer: answer))
        case .withdraw(let loop): try client.withdraw(loop: loop); return .withdrawn(loop)
        case .loadEarlierVerdicts(let loop): return (try? client.loopVerdicts(loop: loop)).map(Action.earlierVerdictsLoaded)
        case .saveDraft(let draft): try client.saveDraft(try draft.stored); return nil
        case .deleteDraft(let loop): try client.deleteDraft(loop: loop); return nil
        case .refreshQueue(let request): return try loadQueue(request)
        case .loadDrafts: return .draftsFound(try client.drafts().compactMap(Draft.init(stored:)))
        case .loadDay: return .dayLoaded(try client.reviewerDay(since: Calendar.current.startOfDay(for: client.now)))
        case .loadHistory:
            return .historyLoaded(try client.reviewerHistory(since: Calendar.current.startOfDay(for: client.now), limit: Self.historyLimit))
        case .loadPicture(let request): return .pictureLoaded(request, pictures.picture(for: request))
        case .drawAhead(let requests): drawAhead(requests); return nil
        case .openOriginal(let loop): return .originalOpened(pictures.openOriginal(loop, environment: environment))
        case .dashboard(let effect): return hasDashboard ? client.result(of: effect).map(Action.dashboard) : nil
        case .quit: return nil
        }
    }

    /// The verdicts the history screen shows at most (the newest).
    static let historyLimit = 500

    /// Where the next claim looks.
    struct ClaimScope {
        let flow: String?
        let order: ClaimOrder
        let skipping: [String]
        let filter: QueueFilter?
    }

    /// The next claim as `QueueClient.claim(flow:order:)` makes it, but passing over `skipping`: the first
    /// open loop not skipped, when the reviewer holds no claim and nobody takes it first; else the plain claim
    /// (which resumes a held claim, or takes a skipped loop when only those are left). With a filter, only a
    /// loop it matches, or the held claim.
    private func claimNext(_ scope: ClaimScope) throws -> ClaimedTask? {
        if scope.filter != nil { return try claimFiltered(scope) }
        if !scope.skipping.isEmpty, let loop = try nextOpen(scope), let claim = try? client.claim(loop: loop) {
            return claim
        }
        return try client.claim(flow: scope.flow, order: scope.order)
    }

    /// The first open loop the filter matches, or else the reviewer's held claim, resumed; nil when there is
    /// neither (or another reviewer takes the loop first).
    private func claimFiltered(_ scope: ClaimScope) throws -> ClaimedTask? {
        if let loop = try nextOpen(scope), let claim = try? client.claim(loop: loop) { return claim }
        let held = try client.queueEntries(flow: nil, order: scope.order, limit: 1, after: nil, filter: nil).first { $0.leaseExpiresAt != nil }
        return held == nil ? nil : try client.claim(flow: nil, order: scope.order)
    }

    /// Keeps the material of the loop the next claim would take. Best effort: a failure only means the
    /// next task is fetched when it opens.
    private func prefetch(_ scope: ClaimScope) {
        guard let next = try? nextOpen(scope), let material = try? client.taskMaterial(loop: next) else { return }
        fetchedAhead.keep(material)
    }

    /// The first loop of the queue's first page (kept to the filter) not in `skipping`; nil when the reviewer
    /// holds a claim on another loop (the next claim resumes it) or every listed loop is skipped.
    private func nextOpen(_ scope: ClaimScope) throws -> String? {
        let entries = try client.queueEntries(flow: scope.flow, order: scope.order, limit: scope.skipping.count + 2, after: nil, filter: scope.filter)
            .filter { !scope.skipping.contains($0.loopName) }
        guard entries.allSatisfy({ $0.leaseExpiresAt == nil }) else { return nil }
        return entries.first?.loopName
    }

    /// Draws `requests` into the pictures' cache beside the effect thread, so claims and verdicts
    /// never wait behind pictures nobody asked for yet.
    private func drawAhead(_ requests: [PictureRequest]) {
        let pictures = self.pictures
        DispatchQueue.global(qos: .utility).async { requests.forEach { _ = pictures.picture(for: $0) } }
    }

    private func loadQueue(_ request: QueueRequest) throws -> Action {
        _ = try? client.ingest()
        let entries = try client.queueEntries(flow: request.flow, order: request.order, limit: request.limit, after: request.after,
                                              filter: request.filter)
        return .queueLoaded(request, entries)
    }

    static func describe(_ error: any Error, doing effect: Effect) -> String {
        let what: String =
            switch effect {
            case .claim: "Could not claim a task"
            case .claimLoop(let loop): "Could not claim \(loop)"
            case .loadTask(let claim): "Could not open \(claim.loopName)"
            case .release(let loop): "Could not skip \(loop)"
            case .submit(let loop, _): "Could not submit \(loop)"
            case .openAnswered(let loop): "Could not open your verdict on \(loop)"
            case .amend(let loop, _): "Could not amend your verdict on \(loop)"
            case .withdraw(let loop): "Could not withdraw your verdict on \(loop)"
            case .loadEarlierVerdicts(let loop): "Could not read the verdicts on \(loop)"
            case .saveDraft: "Could not save the draft"
            case .deleteDraft: "Could not delete the draft"
            case .refreshQueue, .prefetch: "Could not load the queue"
            case .loadDrafts, .loadDay, .quit: "Could not load your figures"
            case .loadHistory: "Could not load your verdicts"
            case .loadPicture(let request): "Could not show the picture of \(request.loop)"
            case .drawAhead: "Could not draw pictures ahead"
            case .openOriginal(let loop): "Could not open the original of \(loop)"
            case .dashboard: "Could not update the dashboard"
            }
        return "\(what): \(ErrorText.describe(error))"
    }
}

/// One loop's material fetched ahead of its claim (the latest only), shared with the effects thread.
final class FetchedAhead: Sendable {
    private let material = Mutex<TaskMaterial?>(nil)

    func keep(_ fetched: TaskMaterial) { material.withLock { $0 = fetched } }

    /// The material of `loop` when it is the one kept (and forgets it); nil otherwise.
    func take(_ loop: String) -> TaskMaterial? {
        material.withLock { kept in
            defer { kept = nil }
            return kept?.loopName == loop ? kept : nil
        }
    }
}
