/// Which theme and colour level to use, from the user's request, the environment and the
/// terminal. Pure: the caller loads the chosen theme.
public struct ThemeSelection: Hashable, Sendable {
    /// The name of the default theme.
    public static let defaultName = "dark"
    /// The name of the attributes-only theme.
    public static let monochromeName = "monochrome"

    /// Theme name (or path) to load.
    public var themeName: String
    /// The level to resolve the theme to.
    public var capability: ColorCapability
    /// Why the request was overridden, for a status line or `--verbose` (nil when it was not).
    public var note: String?

    /// Rules, in order:
    /// 1. `NO_COLOR` set to any non-empty value: monochrome theme, no colours.
    /// 2. A terminal without colours: monochrome theme, no colours.
    /// 3. Otherwise the requested theme (default `dark`) at the terminal's capability.
    public static func choose(
        requested: String?, environment: [String: String], terminal: ColorCapability
    ) -> ThemeSelection {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            return ThemeSelection(themeName: monochromeName, capability: .none,
                                  note: requested.map { "NO_COLOR is set: using monochrome instead of \($0)" })
        }
        if terminal == .none {
            return ThemeSelection(themeName: monochromeName, capability: .none,
                                  note: requested.map { "terminal has no colours: using monochrome instead of \($0)" })
        }
        return ThemeSelection(themeName: requested ?? defaultName, capability: terminal, note: nil)
    }
}
