import Foundation
import JuryCanvas
import JuryNCurses

/// Opens the real terminal with a theme, as `jury review` and `jury dashboard` do: the requested
/// theme (name or path) unless `NO_COLOR` or the terminal's colours say otherwise.
enum ThemedTerminal {
    /// The open terminal (themed, reporting the mouse when `mouse`) and a note to print afterwards (a theme
    /// override), if any.
    /// - Throws: `ThemeError` for a bad theme, `TerminalError` when stdin/stdout is not a terminal.
    static func open(theme: String?, mouse: Bool = false, environment: [String: String]) throws -> (NCursesTerminal, String?) {
        let catalog = ThemeCatalog(directories: ThemeCatalog.standardDirectories(environment: environment, executablePath: executablePath))
        let requested = try theme.map { try catalog.load($0) }
        let terminal = try NCursesTerminal(term: environment["TERM"], mouse: mouse)
        let selection = ThemeSelection.choose(requested: theme, environment: environment, terminal: terminal.colorCapability)
        let chosen = selection.themeName == theme ? requested! : load(selection.themeName, catalog: catalog)
        terminal.install(chosen.resolved(for: selection.capability))
        return (terminal, selection.note)
    }

    /// A named theme, or the built-in monochrome one when the default themes cannot be found.
    private static func load(_ name: String, catalog: ThemeCatalog) -> Theme {
        (try? catalog.load(name)) ?? Theme.builtinMonochrome
    }

    private static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
