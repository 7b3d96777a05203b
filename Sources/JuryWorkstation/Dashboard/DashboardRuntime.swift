import Foundation
import JuryCore
import JuryCanvas

/// The dashboard as the generic runtime drives it: the refresh interval is the input timeout.
extension Dashboard: TerminalProgram {
    public static func start(_ state: inout DashboardState, size: Size, now: Int64) -> [DashboardEffect] {
        state.now = now
        state.size = size
        return start(&state)
    }

    public static func render(_ state: DashboardState) -> Canvas { DashboardView.render(state) }
    public static func isQuitting(_ state: DashboardState) -> Bool { state.isQuitting }
    public static func tick(_ now: Int64) -> DashboardAction { .tick(now) }
    public static func tickInterval(_ state: DashboardState) -> Duration { .milliseconds(state.refreshInterval) }

    public static func message(for event: TerminalEvent) -> DashboardAction? {
        switch event {
        case .key(let key): .key(key)
        case .resize(let size): .resize(size)
        case .mouse: nil
        }
    }

    /// A lead action changes what the list shows; a refresh does not hold keys.
    public static func holdsInput(_ effect: DashboardEffect) -> Bool {
        if case .perform = effect { return true }
        return false
    }
}

/// `jury dashboard`'s runtime: the dashboard against the queue (a `QueueClient`). The terminal writes
/// only the cells that changed (`FrameDiff`), and an unchanged frame is not presented at all.
public typealias DashboardRuntime = ProgramRuntime<Dashboard>

extension ProgramRuntime where Program == Dashboard {
    public convenience init(state: DashboardState, terminal: any TerminalDevice, client: any QueueClient) {
        self.init(state: state, terminal: terminal, clock: { client.now }, perform: { client.result(of: $0) })
    }
}
