/// What the user asks for (`--graphics`, `JURY_GRAPHICS`): `auto` detects from the environment.
public enum GraphicsMode: String, Hashable, Sendable, CaseIterable {
    case auto, symbols, sixel, kitty, iterm, none

    /// The environment variable that sets the mode when no option does.
    public static let environmentVariable = "JURY_GRAPHICS"

    /// The output in force: an explicit `requested` mode (not `auto`), else `JURY_GRAPHICS` (when it
    /// names a mode other than `auto`), else detection:
    /// - inside tmux or screen (`TMUX`, `TERM` screen*/tmux*): symbols (tmux's passthrough is off by
    ///   default; a protocol asked for explicitly inside tmux is wrapped for it, see `insideTmux`);
    /// - kitty (`KITTY_WINDOW_ID`, `TERM` xterm-kitty), WezTerm and Ghostty (`TERM_PROGRAM`): kitty;
    /// - iTerm2 (`TERM_PROGRAM` iTerm.app): iterm;
    /// - `TERM` mlterm, foot, yaft or contour: sixel;
    /// - otherwise symbols.
    public static func resolve(requested: GraphicsMode?, environment: [String: String]) -> GraphicsOutput {
        if let requested, requested != .auto { return GraphicsOutput(requested)! }
        if let named = environment[environmentVariable].flatMap(GraphicsMode.init(rawValue:)), named != .auto {
            return GraphicsOutput(named)!
        }
        return detect(environment)
    }

    /// True inside tmux (`TMUX` set): pixel protocols then need tmux's passthrough wrapping.
    public static func insideTmux(_ environment: [String: String]) -> Bool {
        environment["TMUX"].map { !$0.isEmpty } ?? false
    }

    private static func detect(_ environment: [String: String]) -> GraphicsOutput {
        let term = environment["TERM"] ?? "", program = environment["TERM_PROGRAM"] ?? ""
        if insideTmux(environment) || term.hasPrefix("screen") || term.hasPrefix("tmux") { return .symbols }
        if environment["KITTY_WINDOW_ID"] != nil || term == "xterm-kitty" || ["WezTerm", "ghostty"].contains(program) { return .kitty }
        if program == "iTerm.app" { return .iterm }
        if ["mlterm", "foot", "yaft", "contour"].contains(where: { term.hasPrefix($0) }) { return .sixel }
        return .symbols
    }
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
