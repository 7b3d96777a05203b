import Foundation
import JuryCore
import JuryCanvas
import JuryNCurses

/// `jury review` (and `jury demo`): opens the real terminal with the chosen theme and runs the
/// workstation until the reviewer quits. The terminal is restored before any error is thrown.
public struct ReviewSession {
    public var ledger: Ledger
    public var reviewer: String
    /// A theme name or path; nil is the default (see `ThemeSelection`).
    public var theme: String?
    public var flow: String?
    public var order: ClaimOrder
    /// Seconds between refreshes of a lead's dashboard pane while it is shown.
    public var dashboardRefreshSeconds: Double
    public var environment: [String: String]

    public init(ledger: Ledger, reviewer: String, theme: String?, flow: String?, order: ClaimOrder,
                dashboardRefreshSeconds: Double = 2, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.ledger = ledger
        self.reviewer = reviewer
        self.theme = theme
        self.flow = flow
        self.order = order
        self.dashboardRefreshSeconds = dashboardRefreshSeconds
        self.environment = environment
    }

    /// Runs the workstation; returns a note to print afterwards (a theme override), if any.
    /// - Throws: `JuryError` for a reviewer in no team or an unknown flow, `ThemeError` for a bad theme,
    ///   `TerminalError` when stdin/stdout is not a terminal.
    @discardableResult
    public func run() throws -> String? {
        let service = LedgerReviewService(ledger: ledger)
        let flows = try checkedFlows(service)
        let (terminal, note) = try ThemedTerminal.open(theme: theme, environment: environment)
        defer { terminal.close() }
        var state = WorkstationState(reviewer: reviewer, size: terminal.size, now: 0, flows: flows, flow: flow, order: order)
        let isLead = ledger.workforce.isLead(reviewer)
        if isLead {
            state.dashboard = DashboardState(lead: reviewer, size: terminal.size, now: 0,
                                             refreshInterval: DashboardSession.milliseconds(dashboardRefreshSeconds), isPane: true)
        }
        let runtime = WorkstationRuntime(state: state, terminal: terminal, service: service,
                                         drafts: DraftStore(queue: ledger.queue, reviewer: reviewer),
                                         dashboard: isLead ? LedgerDashboardService(ledger: ledger) : nil)
        runtime.start()
        runtime.run()
        return note
    }

    private func checkedFlows(_ service: LedgerReviewService) throws -> [FlowSummary] {
        guard !ledger.workforce.teams(of: reviewer).isEmpty else {
            throw JuryError.forbidden("\(reviewer) is in no team of \(ledger.queue.workforceURL.path); ask a lead to add them")
        }
        let flows = service.flows(of: reviewer)
        if let flow, !flows.contains(where: { $0.name == flow }) {
            throw JuryError.notFound("\(reviewer) reviews no flow named \(flow) (theirs: \(flows.map(\.name).joined(separator: ", ")))")
        }
        return flows
    }
}
