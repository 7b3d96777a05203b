import JuryCanvas

/// The key reference for people: one markdown table per screen, generated from the key tables
/// (README.md holds it between `<!-- keys:begin -->` and `<!-- keys:end -->`; a test keeps it current).
public enum KeyReference {
    public static let beginMarker = "<!-- keys:begin -->"
    public static let endMarker = "<!-- keys:end -->"

    /// Every screen's keys as markdown: a heading and a `| Keys | Command | Group |` table each; the
    /// workstation's screens, the lead's extra key, then the lead dashboard's screens and its pane.
    public static func markdown() -> String {
        let workstation = ScreenID.allCases.map { section($0.title, WorkstationKeys.bindings(for: $0), WorkstationKeys.commands) }
        let leadOnly = KeyBindings(screen: "lead", [KeyBindings.Binding(DashboardKeys.paneKey, WorkstationKeys.dashboardCommand.id)])
        let lead = section("Queue and task screens, leads only", leadOnly, WorkstationKeys.commands(lead: true))
        let dashboard = DashboardScreen.allCases.map { section($0.title, DashboardKeys.bindings(for: $0), DashboardKeys.commands) }
        let pane = section("Lead dashboard pane in `jury review`", DashboardKeys.bindings(for: .main, pane: true), DashboardKeys.commands)
        return (workstation + [lead] + dashboard + [pane]).joined(separator: "\n")
    }

    private static func section(_ title: String, _ bindings: KeyBindings, _ commands: CommandTable) -> String {
        var lines = ["### \(title)", "", "| Keys | Command | Group |", "| --- | --- | --- |"]
        for command in commands.commands {
            let keys = bindings.keys(for: command.id)
            guard !keys.isEmpty else { continue }
            let names = keys.map { "`\($0.name == "`" ? "backtick" : $0.name)`" }.joined(separator: ", ")
            lines.append("| \(names) | \(command.summary) | \(command.group) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `document` with the text between the markers replaced by `markdown()`; nil when a marker is missing.
    public static func updating(_ document: String) -> String? {
        guard let begin = document.range(of: beginMarker), let end = document.range(of: endMarker), begin.upperBound <= end.lowerBound
        else { return nil }
        return String(document[..<begin.upperBound]) + "\n" + markdown() + String(document[end.lowerBound...])
    }
}
