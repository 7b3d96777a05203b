import Foundation
import JuryCore
import JuryCanvas

/// Runs `jury dashboard`: reads events with the refresh interval as the input timeout, feeds them to
/// `Dashboard.update`, performs the effects against a `DashboardService`, and presents the view
/// after each change. The terminal writes only the cells that changed (`FrameDiff`), and an
/// unchanged frame is not presented at all.
public final class DashboardRuntime {
    public private(set) var state: DashboardState
    let terminal: any TerminalDevice
    let service: any DashboardService
    private var lastPresented: Canvas?

    public init(state: DashboardState, terminal: any TerminalDevice, service: any DashboardService) {
        self.state = state
        self.terminal = terminal
        self.service = service
    }

    /// Loads the figures and shows the first screen.
    public func start() {
        state.now = Timestamp.milliseconds(service.now)
        state.size = terminal.size
        perform(Dashboard.start(&state))
        present()
    }

    /// Runs until the lead quits. `idleLimit` (for scripted terminals) stops after that many timeouts in a row.
    public func run(idleLimit: Int? = nil) {
        var idle = 0
        let timeout = Duration.milliseconds(state.refreshInterval)
        while !state.isQuitting {
            guard let event = terminal.nextEvent(timeout: timeout) else {
                idle += 1
                if let idleLimit, idle >= idleLimit { return }
                send(.tick(Timestamp.milliseconds(service.now)))
                continue
            }
            idle = 0
            switch event {
            case .key(let key): send(.key(key))
            case .resize(let size): send(.resize(size))
            }
        }
    }

    /// Applies `action` and the results of the effects it asks for, then presents.
    public func send(_ action: DashboardAction) {
        apply(action)
        present()
    }

    private func apply(_ action: DashboardAction) {
        let (next, effects) = Dashboard.update(state, action)
        state = next
        perform(effects)
    }

    private func perform(_ effects: [DashboardEffect]) {
        for effect in effects {
            if let result = service.result(of: effect, lead: state.lead) { apply(result) }
        }
    }

    private func present() {
        let canvas = DashboardView.render(state)
        guard canvas != lastPresented else { return }
        terminal.present(canvas)
        lastPresented = canvas
    }
}
