import JuryCanvas
import Yams

/// Parses theme files (YAML; format in docs/themes.md). Every mistake is a `ThemeError` naming
/// the file, line and key.
public enum ThemeLoader {
    /// Parses theme text. `file` is only used in error messages.
    /// - Throws: `ThemeError` for YAML syntax, unknown top-level keys or roles, bad colours or
    ///   attributes, and a missing `roles` mapping.
    public static func parse(_ yaml: String, file: String) throws(ThemeError) -> Theme {
        let root = try compose(yaml, file: file)
        let top = try mapping(root, key: "", file: file)
        var name = file.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? file
        var summary = ""
        var styles: [StyleRole: RoleStyle]?
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "name": name = try scalar(value, key: key, file: file)
            case "description": summary = try scalar(value, key: key, file: file)
            case "roles": styles = try parseRoles(value, file: file)
            default: throw located(keyNode, .unknownKey, file, key, "unknown key (expected name, description, roles)")
            }
        }
        guard let styles else { throw located(root, .missingKey, file, "roles", "missing the roles mapping") }
        return Theme(name: name, summary: summary, styles: styles)
    }

    private static func parseRoles(_ node: Node, file: String) throws(ThemeError) -> [StyleRole: RoleStyle] {
        var styles: [StyleRole: RoleStyle] = [:]
        for (keyNode, value) in try mapping(node, key: "roles", file: file) {
            let name = keyNode.string ?? ""
            guard let role = StyleRole(rawValue: name) else {
                let known = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw located(keyNode, .unknownRole, file, "roles.\(name)", "unknown role \"\(name)\" (known roles: \(known))")
            }
            styles[role] = try parseStyle(value, path: "roles.\(name)", file: file)
        }
        return styles
    }

    private static func parseStyle(_ node: Node, path: String, file: String) throws(ThemeError) -> RoleStyle {
        var style = RoleStyle()
        for (keyNode, value) in try mapping(node, key: path, file: file) {
            let key = keyNode.string ?? ""
            let keyPath = "\(path).\(key)"
            switch key {
            case "fg": style.foreground = try parseColor(value, path: keyPath, file: file)
            case "bg": style.background = try parseColor(value, path: keyPath, file: file)
            case "attributes", "attrs": style.attributes = try parseAttributes(value, path: keyPath, file: file)
            default: throw located(keyNode, .unknownKey, file, keyPath, "unknown key (expected fg, bg, attributes)")
            }
        }
        return style
    }

    /// `default`, a colour name, an integer 0–255, or `#rrggbb` (nearest palette index).
    static func parseColor(_ node: Node, path: String, file: String) throws(ThemeError) -> ThemeColor {
        let text = try scalar(node, key: path, file: file)
        if let color = color(named: text) { return color }
        throw located(node, .badColor, file, path,
                      "bad colour \"\(text)\" (use default, a name like red or bright-blue, 0-255, or #rrggbb)")
    }

    /// Parses one colour value; nil when it is not one.
    public static func color(named text: String) -> ThemeColor? {
        let key = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        if key == "default" || key == "none" { return .terminalDefault }
        if let index = Palette.names[key] { return .indexed(index) }
        if let index = Int(key), (0...255).contains(index) { return .indexed(index) }
        if key.hasPrefix("#"), key.count == 7, let rgb = Int(key.dropFirst(), radix: 16) {
            return .indexed(Palette.nearestIndex(r: rgb >> 16, g: (rgb >> 8) & 0xFF, b: rgb & 0xFF))
        }
        return nil
    }

    /// A list of attribute names, or one name, or an empty list.
    static func parseAttributes(_ node: Node, path: String, file: String) throws(ThemeError) -> TextAttributes {
        let items: [Node] = node.sequence.map(Array.init) ?? [node]
        var attributes: TextAttributes = []
        for item in items {
            let word = try scalar(item, key: path, file: file)
            guard let match = TextAttributes.names.first(where: { $0.0 == word.lowercased() }) else {
                throw located(item, .badAttribute, file, path,
                              "bad attribute \"\(word)\" (use bold, underline, reverse, dim)")
            }
            attributes.insert(match.1)
        }
        return attributes
    }
}
