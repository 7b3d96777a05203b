import Foundation
import JuryCore
import JuryCanvas
import JuryNCurses

/// `jury dashboard`: opens the real terminal with the chosen theme and runs the dashboard until the
/// lead quits. The terminal is restored before any error is thrown.
public struct DashboardSession {
    public var client: any QueueClient
    public var theme: String?
    /// Seconds between refreshes.
    public var refreshSeconds: Double
    public var environment: [String: String]

    public init(client: any QueueClient, theme: String?, refreshSeconds: Double,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.client = client
        self.theme = theme
        self.refreshSeconds = refreshSeconds
        self.environment = environment
    }

    /// Runs the dashboard; returns a note to print afterwards (a theme override), if any.
    /// - Throws: `JuryError.forbidden` when the caller leads no team, `ThemeError`, `TerminalError`.
    @discardableResult
    public func run() throws -> String? {
        let profile = try client.profile()
        try Self.checkLead(profile)
        let (terminal, note) = try ThemedTerminal.open(theme: theme, environment: environment)
        defer { terminal.close() }
        let state = DashboardState(lead: profile.login, size: terminal.size, now: 0, refreshInterval: Self.milliseconds(refreshSeconds))
        let runtime = DashboardRuntime(state: state, terminal: terminal, client: client)
        runtime.start()
        runtime.run()
        return note
    }

    /// Only leads see the dashboard.
    /// - Throws: `JuryError.forbidden` naming the workforce file when the caller leads no team.
    public static func checkLead(_ profile: CallerProfile) throws {
        guard profile.isLead else {
            throw JuryError.forbidden("the dashboard is for team leads; \(profile.login) leads no team in \(profile.workforcePath)")
        }
    }

    /// A refresh interval in milliseconds, at least 100.
    static func milliseconds(_ seconds: Double) -> Int64 { max(100, Int64((seconds * 1000).rounded())) }
}
