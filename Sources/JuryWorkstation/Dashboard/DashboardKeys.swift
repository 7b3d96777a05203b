import JuryCanvas

/// Every command of the lead dashboard. The raw value is the `CommandID` of key tables and help.
public enum DashboardCommand: String, CaseIterable, Sendable {
    case down, up, first, last
    case stop, releaseClaim, reopen, adjudicate
    case refresh, closePane, find, openMatch, closeFound
    case confirm, cancel
    case help, closeHelp, quit

    public var id: CommandID { CommandID(rawValue) }

    /// The lead action this command starts, if it is one.
    var leadAction: LeadAction.Kind? {
        switch self {
        case .stop: .stop
        case .releaseClaim: .releaseClaim
        case .reopen: .reopen
        case .adjudicate: .adjudicate
        default: nil
        }
    }
}

/// Keys as data: the dashboard's command table and one binding table per screen. Footer, help and
/// README's key reference come from these. `pane: true` is the table inside `jury review`, where
/// `D` and `q` close the pane (q means back on every screen under the queue). Lead actions are capital
/// letters, so that no key means one thing on a task screen and another in the pane.
public enum DashboardKeys {
    public static let commands = CommandTable(summaries.map { Command(id: $0.0.id, summary: $0.1, group: $0.2) })

    private static let summaries: [(DashboardCommand, String, String)] = [
        (.stop, "Stop…", "Lead actions"), (.releaseClaim, "Release…", "Lead actions"),
        (.reopen, "Reopen…", "Lead actions"), (.adjudicate, "Adjudicate…", "Lead actions"),
        (.down, "Next item", "Navigation"), (.up, "Previous item", "Navigation"),
        (.first, "First item", "Navigation"), (.last, "Last item", "Navigation"),
        (.confirm, "Confirm", "Dialog"), (.cancel, "Cancel", "Dialog"),
        (.find, "Find a loop…", "Loops"), (.openMatch, "Show the selected loop", "Loops"), (.closeFound, "Back to the figures", "Loops"),
        (.refresh, "Refresh", "General"), (.closePane, "Close dashboard", "General"),
        (.help, "Help", "General"), (.closeHelp, "Close help", "General"), (.quit, "Quit", "General"),
    ]

    /// The binding table of `screen` (full screen, or the pane of `jury review`).
    public static func bindings(for screen: DashboardScreen, pane: Bool = false) -> KeyBindings {
        let name = pane ? "pane-\(screen.rawValue)" : screen.rawValue
        return KeyBindings(screen: name, rows(for: screen, pane: pane).map { KeyBindings.Binding($0.0, $0.1.id, inFooter: $0.2) })
    }

    /// The key that opens (and closes) the pane in `jury review`, for leads only.
    public static let paneKey = Key.character("D")

    private typealias Row = (Key, DashboardCommand, Bool)

    private static func rows(for screen: DashboardScreen, pane: Bool) -> [Row] {
        switch screen {
        case .main: (pane ? [(paneKey, .closePane, true)] : []) + mainRows + general(pane: pane)
        case .find: [(.enter, .confirm, true), (.escape, .cancel, true), (.ctrl("c"), .quit, false)]
        case .found: foundRows
        case .confirm: [(.character("y"), .confirm, true), (.enter, .confirm, false), (.character("n"), .cancel, true),
                        (.escape, .cancel, false), (.ctrl("c"), .quit, false)]
        case .help: [(.escape, .closeHelp, true), (.character("?"), .closeHelp, false), (.character("q"), .closeHelp, false),
                     (.character("j"), .down, true), (.down, .down, false), (.character("k"), .up, true), (.up, .up, false),
                     (.ctrl("c"), .quit, false)]
        }
    }

    private static let mainRows: [Row] = [
        (.character("S"), .stop, true), (.character("R"), .releaseClaim, true), (.character("O"), .reopen, true),
        (.character("A"), .adjudicate, true), (.character("F"), .find, true), (.character("r"), .refresh, true), (.ctrl("l"), .refresh, false),
        (.function(5), .refresh, false),
        (.character("j"), .down, false), (.down, .down, false), (.character("k"), .up, false), (.up, .up, false),
        (.character("g"), .first, false), (.home, .first, false), (.character("G"), .last, false), (.end, .last, false),
    ]

    /// A loop found: the lead actions on it, other matches, a new find, and back (`q` too, pane or not).
    private static let foundRows: [Row] = [
        (.character("S"), .stop, true), (.character("R"), .releaseClaim, true), (.character("O"), .reopen, true),
        (.character("A"), .adjudicate, true), (.character("F"), .find, true), (.enter, .openMatch, false),
        (.character("j"), .down, false), (.down, .down, false), (.character("k"), .up, false), (.up, .up, false),
        (.character("r"), .refresh, false), (.escape, .closeFound, true), (.character("q"), .closeFound, false),
        (.character("?"), .help, true), (.ctrl("c"), .quit, false),
    ]

    /// Help and quit; in the pane `q` closes it (ctrl-c still quits).
    private static func general(pane: Bool) -> [Row] {
        [(.character("?"), .help, true), (.character("q"), pane ? .closePane : .quit, !pane), (.ctrl("c"), .quit, false)]
    }

    /// The command bound to `key` on `screen`.
    static func command(for key: Key, on screen: DashboardScreen, pane: Bool) -> DashboardCommand? {
        bindings(for: screen, pane: pane).command(for: key).flatMap { DashboardCommand(rawValue: $0.rawValue) }
    }
}
