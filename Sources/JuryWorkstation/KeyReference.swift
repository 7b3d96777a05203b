import JuryTerminal

/// The key reference for people: one markdown table per screen, generated from the key tables
/// (README.md holds it between `<!-- keys:begin -->` and `<!-- keys:end -->`; a test keeps it current).
public enum KeyReference {
    public static let beginMarker = "<!-- keys:begin -->"
    public static let endMarker = "<!-- keys:end -->"

    /// Every screen's keys as markdown: a heading and a `| Keys | Command | Group |` table each.
    public static func markdown() -> String {
        ScreenID.allCases.map(section).joined(separator: "\n")
    }

    private static func section(_ screen: ScreenID) -> String {
        let bindings = WorkstationKeys.bindings(for: screen)
        var lines = ["### \(screen.title)", "", "| Keys | Command | Group |", "| --- | --- | --- |"]
        for command in WorkstationKeys.commands.commands {
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
