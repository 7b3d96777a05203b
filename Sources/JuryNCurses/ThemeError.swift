import JuryCanvas

/// A mistake in a theme file, located for the person editing it.
///
/// `description` reads like a compiler message:
/// `themes/dark.yaml:12:3: roles.selecton: unknown role "selecton" (known roles: normal, dim, …)`.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case syntax
        case unknownRole
        case unknownKey
        case badColor
        case badAttribute
        case missingKey
        case notFound
    }

    public var kind: Kind
    /// The file as the user named it (or "<string>").
    public var file: String
    /// 1-based line, or nil when the problem has no position (file not found).
    public var line: Int?
    /// 1-based column, or nil.
    public var column: Int?
    /// Dotted key path, e.g. "roles.selection.fg"; empty for syntax errors.
    public var key: String
    public var message: String

    public init(kind: Kind, file: String, line: Int?, column: Int?, key: String, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)"
    }
}
