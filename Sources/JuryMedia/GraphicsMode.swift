/// What the user asks for (`--graphics`, `JURY_GRAPHICS`): `auto` detects from the environment.
public enum GraphicsMode: String, Hashable, Sendable, CaseIterable {
    case auto, symbols, sixel, kitty, iterm, none

    /// The environment variable that sets the mode when no option does.
    public static let environmentVariable = "JURY_GRAPHICS"

    /// The output in force: an explicit `requested` mode (not `auto`), else `JURY_GRAPHICS` (when it
    /// names a mode other than `auto`), else detection (`decide`), asking the terminal through `ask`
    /// when the environment does not say: `ask` writes the query and returns what came back within
    /// its timeout (nothing: symbols).
    /// - Parameter tmuxPassthrough: whether tmux's `allow-passthrough` is on (called only inside tmux in auto).
    public static func resolve(requested: GraphicsMode?, environment: [String: String], tmuxPassthrough: () -> Bool = { false },
                               ask: (GraphicsQuery) -> [UInt8] = { _ in [] }) -> GraphicsOutput {
        switch decide(requested: requested, environment: environment, tmuxPassthrough: tmuxPassthrough) {
        case .decided(let output): output
        case .ask(let query): GraphicsAnswers(parsing: ask(query)).output
        }
    }

    /// How the output is settled, without asking anything yet:
    /// - an explicit `requested` mode, else `JURY_GRAPHICS`, decides;
    /// - inside tmux (`TMUX`): symbols unless `tmuxPassthrough()`, then the queries wrapped for it;
    ///   inside screen (`TERM` screen*): symbols;
    /// - kitty (`KITTY_WINDOW_ID`, `TERM` xterm-kitty), WezTerm and Ghostty (`TERM_PROGRAM`): kitty;
    ///   iTerm2 (`TERM_PROGRAM` iTerm.app): iterm; `TERM` mlterm, foot, yaft or contour: sixel;
    ///   no `TERM` or `TERM=dumb`: symbols;
    /// - otherwise the terminal is asked (`GraphicsQuery`).
    public static func decide(requested: GraphicsMode?, environment: [String: String],
                              tmuxPassthrough: () -> Bool) -> GraphicsDecision {
        if let requested, requested != .auto { return .decided(GraphicsOutput(requested)!) }
        if let named = environment[environmentVariable].flatMap(GraphicsMode.init(rawValue:)), named != .auto {
            return .decided(GraphicsOutput(named)!)
        }
        if insideTmux(environment) { return tmuxPassthrough() ? .ask(GraphicsQuery(tmuxPassthrough: true)) : .decided(.symbols) }
        return detect(environment).map { .decided($0) } ?? .ask(GraphicsQuery())
    }

    /// True inside tmux (`TMUX` set): pixel protocols then need tmux's passthrough wrapping.
    public static func insideTmux(_ environment: [String: String]) -> Bool {
        environment["TMUX"].map { !$0.isEmpty } ?? false
    }

    /// What the environment says for sure, or nil when only asking the terminal can tell.
    private static func detect(_ environment: [String: String]) -> GraphicsOutput? {
        let term = environment["TERM"] ?? "", program = environment["TERM_PROGRAM"] ?? ""
        if term.hasPrefix("screen") || term.hasPrefix("tmux") { return .symbols }
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || ["WezTerm", "ghostty"].contains(program) { return .kitty }
        if program == "iTerm.app" { return .iterm }
        if ["mlterm", "foot", "yaft", "contour"].contains(where: { term.hasPrefix($0) }) { return .sixel }
        return term.isEmpty || term == "dumb" ? .symbols : nil
    }
}

/// Whether the graphics output is known, or the terminal must be asked first.
public enum GraphicsDecision: Hashable, Sendable {
    case decided(GraphicsOutput)
    /// Write the query before the screen starts and decide from the answers (`GraphicsAnswers`).
    case ask(GraphicsQuery)
}

/// How images are drawn once the mode is resolved.
public enum GraphicsOutput: String, Hashable, Sendable, CaseIterable {
    /// Symbol mosaics in canvas cells (every terminal, tmux, ssh).
    case symbols
    case sixel, kitty, iterm
    /// No images: a placeholder says they are off.
    case none

    /// Nil for `auto`, which needs resolving.
    public init?(_ mode: GraphicsMode) {
        switch mode {
        case .auto: return nil
        case .symbols: self = .symbols
        case .sixel: self = .sixel
        case .kitty: self = .kitty
        case .iterm: self = .iterm
        case .none: self = .none
        }
    }
}
