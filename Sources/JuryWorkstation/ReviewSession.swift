import Foundation
import JuryCore
import JuryCanvas
import JuryMedia
import JuryNCurses

/// `jury review` (and `jury demo`): opens the real terminal with the chosen theme and runs the
/// workstation until the reviewer quits. The terminal is restored before any error is thrown.
public struct ReviewSession {
    public var client: any QueueClient
    /// A theme name or path; nil is the default (see `ThemeSelection`).
    public var theme: String?
    public var flow: String?
    public var order: ClaimOrder
    /// Seconds between refreshes of a lead's dashboard pane while it is shown.
    public var dashboardRefreshSeconds: Double
    /// Whether a verdict or a skip opens the next task at once (else the queue comes back).
    public var advances: Bool
    public var environment: [String: String]
    /// `--graphics` (nil: `JURY_GRAPHICS`, else detected; see `GraphicsMode.resolve`).
    public var graphics: GraphicsMode?
    /// Whether to ask the terminal for mouse reports (`--no-mouse` turns it off; so does `JURY_NO_MOUSE`).
    public var mouse: Bool

    public init(client: any QueueClient, theme: String?, flow: String?, order: ClaimOrder,
                dashboardRefreshSeconds: Double = 2, advances: Bool = true, graphics: GraphicsMode? = nil, mouse: Bool = true,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.graphics = graphics
        self.mouse = mouse
        self.client = client
        self.theme = theme
        self.flow = flow
        self.order = order
        self.dashboardRefreshSeconds = dashboardRefreshSeconds
        self.advances = advances
        self.environment = environment
    }

    /// Runs the workstation; returns a note to print afterwards (a theme override), if any.
    /// - Throws: `JuryError` for a reviewer in no team or an unknown flow, `ThemeError` for a bad theme,
    ///   `TerminalError` when stdin/stdout is not a terminal.
    @discardableResult
    public func run() throws -> String? {
        let profile = try client.profile()
        try Self.check(profile, flow: flow)
        let output = graphicsOutput()
        let (terminal, note) = try ThemedTerminal.open(theme: theme, mouse: reportsMouse, environment: environment)
        defer { terminal.close() }
        var state = WorkstationState(reviewer: profile.login, size: terminal.size, now: 0, flows: profile.flows, flow: flow, order: order)
        state.advances = advances
        if profile.isLead {
            state.dashboard = DashboardState(lead: profile.login, size: terminal.size, now: 0,
                                             refreshInterval: DashboardSession.milliseconds(dashboardRefreshSeconds), isPane: true)
        }
        let pictures = PictureEffects(client: client, pipeline: pipeline(output, colors: terminal.colorCapability))
        let runtime = WorkstationRuntime(state: state, terminal: terminal, client: client, pictures: pictures, environment: environment)
        runtime.start()
        runtime.run()
        return note
    }

    /// Mouse reports are asked for unless `--no-mouse` or a non-empty `JURY_NO_MOUSE` says not to.
    var reportsMouse: Bool { mouse && (environment["JURY_NO_MOUSE"] ?? "").isEmpty }

    /// The graphics output in force (`GraphicsMode.resolve`): where the environment does not say,
    /// the terminal is asked before the screen starts (`TerminalProbe`), and inside tmux only when
    /// its `allow-passthrough` is on (`TmuxOptions`).
    func graphicsOutput() -> GraphicsOutput {
        GraphicsMode.resolve(requested: graphics, environment: environment,
                             tmuxPassthrough: { TmuxOptions.allowsPassthrough(environment: environment) }) { query in
            TerminalProbe.ask(query.bytes, timeoutMilliseconds: query.timeoutMilliseconds, isComplete: GraphicsQuery.isComplete)
        }
    }

    /// Pictures as the terminal can show them: `output`, quadrant mosaics in the colours the
    /// terminal has (monochrome under `NO_COLOR`), pixel protocols wrapped inside tmux.
    /// Bytes come from the queue service, so the reader has no roots of its own.
    func pipeline(_ output: GraphicsOutput, colors: ColorCapability) -> MediaPipeline {
        let depth = ColorDepth.detect(environment: environment, terminalHasColors: colors == .twoFiftySix)
        return MediaPipeline(reader: MediaReader(roots: ObjectRoots([])), cache: MediaCache(budget: 64 << 20), output: output,
                             options: RenderOptions(symbols: .quadrants, colors: depth),
                             tmuxPassthrough: ![.symbols, .none].contains(output) && GraphicsMode.insideTmux(environment))
    }

    /// - Throws: `JuryError` when the reviewer is in no team or reviews no flow named `flow`.
    static func check(_ profile: CallerProfile, flow: String?) throws {
        guard !profile.teams.isEmpty else {
            throw JuryError.forbidden("\(profile.login) is in no team of \(profile.workforcePath); ask the queue's owner to add them to workforce.json")
        }
        if let flow, !profile.flows.contains(where: { $0.name == flow }) {
            throw JuryError.notFound("\(profile.login) reviews no flow named \(flow) (theirs: \(profile.flows.map(\.name).joined(separator: ", ")))")
        }
    }
}
