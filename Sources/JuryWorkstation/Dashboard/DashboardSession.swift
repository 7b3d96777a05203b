import Foundation
import JuryCore
import JuryCanvas
import JuryNCurses

/// `jury dashboard`: opens the real terminal with the chosen theme and runs the dashboard until the
/// lead quits. The terminal is restored before any error is thrown.
public struct DashboardSession {
    public var ledger: Ledger
    public var lead: String
    public var theme: String?
    /// Seconds between refreshes.
    public var refreshSeconds: Double
    public var environment: [String: String]

    public init(ledger: Ledger, lead: String, theme: String?, refreshSeconds: Double,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.ledger = ledger
        self.lead = lead
        self.theme = theme
        self.refreshSeconds = refreshSeconds
        self.environment = environment
    }

    /// Runs the dashboard; returns a note to print afterwards (a theme override), if any.
    /// - Throws: `JuryError.forbidden` when `lead` leads no team, `ThemeError`, `TerminalError`.
    @discardableResult
    public func run() throws -> String? {
        try Self.checkLead(lead, in: ledger.workforce, file: ledger.queue.workforceURL.path)
        let (terminal, note) = try ThemedTerminal.open(theme: theme, environment: environment)
        defer { terminal.close() }
        let state = DashboardState(lead: lead, size: terminal.size, now: 0, refreshInterval: Self.milliseconds(refreshSeconds))
        let runtime = DashboardRuntime(state: state, terminal: terminal, service: LedgerDashboardService(ledger: ledger))
        runtime.start()
        runtime.run()
        return note
    }

    /// Only leads see the dashboard.
    /// - Throws: `JuryError.forbidden` naming the workforce file when `login` leads no team.
    public static func checkLead(_ login: String, in workforce: Workforce, file: String) throws {
        guard workforce.isLead(login) else {
            throw JuryError.forbidden("the dashboard is for team leads; \(login) leads no team in \(file)")
        }
    }

    /// A refresh interval in milliseconds, at least 100.
    static func milliseconds(_ seconds: Double) -> Int64 { max(100, Int64((seconds * 1000).rounded())) }
}
