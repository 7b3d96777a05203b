import JuryCore
import JuryCanvas

/// The lead dashboard inside `jury review`: the workstation forwards keys, ticks and sizes to the
/// dashboard's own update while the pane is shown, and performs its effects through the runtime.
extension WorkstationState {
    /// The binding table of `screen` for this reviewer (leads get the dashboard key).
    func bindings(for screen: ScreenID) -> KeyBindings {
        WorkstationKeys.bindings(for: screen, lead: dashboard != nil)
    }

    /// The command table for this reviewer.
    var commandTable: CommandTable { WorkstationKeys.commands(lead: dashboard != nil) }

    /// Shows the pane and asks for fresh figures.
    mutating func openDashboard() -> [Effect] {
        guard var pane = dashboard else { return [] }
        showsDashboard = true
        pane.now = now
        pane.size = size
        pane.showsEarlierFigures = pane.snapshot != nil
        let effect = pane.requestRefresh()
        dashboard = pane
        return [.dashboard(effect)]
    }

    /// Runs the dashboard's update on the pane; its `closePane` hides the pane and its `quit` quits.
    mutating func dashboardAction(_ action: DashboardAction) -> [Effect] {
        guard let pane = dashboard else { return [] }
        let (next, effects) = Dashboard.update(pane, action)
        dashboard = next
        return effects.compactMap { effect in
            switch effect {
            case .closePane:
                showsDashboard = false
                return nil
            case .quit:
                isQuitting = true
                return .quit
            default: return .dashboard(effect)
            }
        }
    }
}

/// Draws the pane: the workstation's header (the reviewer's own figures stay in sight), then the dashboard.
enum DashboardPane {
    static func render(_ dashboard: DashboardState, workstation: WorkstationState, into canvas: inout Canvas, layout: ScreenLayout) {
        HeaderBar.render(title: "Jury · lead dashboard", parts: HeaderBar.figures(workstation, leaseEnd: workstation.heldLoop == nil ? nil : workstation.task?.claim.expiresAt),
                         into: &canvas, in: layout.header)
        DashboardView.draw(dashboard, into: &canvas, layout: layout)
    }
}
