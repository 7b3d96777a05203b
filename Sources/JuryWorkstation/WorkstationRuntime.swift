import Foundation
import JuryCore
import JuryCanvas
import JuryMedia

/// The workstation as the generic runtime drives it.
extension Workstation: TerminalProgram {
    public static func start(_ state: inout WorkstationState, size: Size, now: Int64) -> [Effect] {
        state.now = now
        state.size = size
        return start(state)
    }

    public static func render(_ state: WorkstationState) -> Canvas { WorkstationView.render(state) }
    public static func graphics(_ state: WorkstationState) -> [GraphicsPlacement] { state.graphics }
    public static func isQuitting(_ state: WorkstationState) -> Bool { state.isQuitting }
    public static func tick(_ now: Int64) -> Action { .tick(now) }
    public static func tickInterval(_ state: WorkstationState) -> Duration { .seconds(1) }

    public static func message(for event: TerminalEvent) -> Action {
        switch event {
        case .key(let key): .key(key)
        case .resize(let size): .resize(size)
        }
    }

    /// Claims, task loads, skips, verdicts and lead actions change the screen; drafts, queue pages and
    /// figures do not.
    public static func holdsInput(_ effect: Effect) -> Bool {
        switch effect {
        case .claim, .claimLoop, .loadTask, .release, .submit: true
        case .dashboard(let effect): Dashboard.holdsInput(effect)
        case .saveDraft, .deleteDraft, .refreshQueue, .loadDrafts, .loadDay, .loadPicture, .drawAhead, .openOriginal, .quit: false
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
        case .loadDay: return .dayLoaded(try client.reviewerDay(since: Calendar.current.startOfDay(for: client.now)))
        case .loadPicture(let request): return .pictureLoaded(request, pictures.picture(for: request))
        case .drawAhead(let requests): drawAhead(requests); return nil
        case .openOriginal(let loop): return .originalOpened(pictures.openOriginal(loop, environment: environment))
        case .dashboard(let effect): return hasDashboard ? client.result(of: effect).map(Action.dashboard) : nil
        case .quit: return nil
        }
    }

    /// Draws `requests` into the pictures' cache beside the effect thread, so claims and verdicts
    /// never wait behind pictures nobody asked for yet.
    private func drawAhead(_ requests: [PictureRequest]) {
        let pictures = self.pictures
        DispatchQueue.global(qos: .utility).async { requests.forEach { _ = pictures.picture(for: $0) } }
    }

    private func loadQueue(_ request: QueueRequest) throws -> Action {
        _ = try? client.ingest()
        let entries = try client.queueEntries(flow: request.flow, order: request.order, limit: request.limit, after: request.after)
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
            case .saveDraft: "Could not save the draft"
            case .deleteDraft: "Could not delete the draft"
            case .refreshQueue: "Could not load the queue"
            case .loadDrafts, .loadDay, .quit: "Could not load your figures"
            case .loadPicture(let request): "Could not show the picture of \(request.loop)"
            case .drawAhead: "Could not draw pictures ahead"
            case .openOriginal(let loop): "Could not open the original of \(loop)"
            case .dashboard: "Could not update the dashboard"
            }
        return "\(what): \(error)"
    }
}
