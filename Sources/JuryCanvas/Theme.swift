/// A colour as written in a theme: the terminal's default, or an index of the 256-colour
/// palette (0–7 basic, 8–15 bright, 16–231 colour cube, 232–255 grey ramp).
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)
}

/// Text attributes a role may carry. Monochrome terminals rely on these alone.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let underline = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let dim = TextAttributes(rawValue: 1 << 3)

    /// Theme-file names of the attributes, in file order.
    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim),
    ]
}

/// How one role looks in a theme, before resolution to a terminal.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A named mapping from every `StyleRole` to a `RoleStyle`, as loaded from a theme file.
/// Roles a file leaves out look like `normal`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var summary: String
    /// The roles the file defines.
    public var styles: [StyleRole: RoleStyle]

    public init(name: String, summary: String = "", styles: [StyleRole: RoleStyle]) {
        self.name = name
        self.summary = summary
        self.styles = styles
    }

    /// The style of `role`: its own, else `normal`'s, else the terminal default.
    public func style(for role: StyleRole) -> RoleStyle {
        styles[role] ?? styles[.normal] ?? RoleStyle()
    }

    /// Roles the theme does not define (they fall back to `normal`).
    public var undefinedRoles: [StyleRole] {
        StyleRole.allCases.filter { styles[$0] == nil }
    }

    /// A built-in attributes-only theme, used when no theme file can be found.
    /// Kept identical to themes/monochrome.yaml (a test checks this).
    public static let builtinMonochrome = Theme(
        name: "monochrome", summary: "Attributes only: for NO_COLOR and terminals without colour.",
        styles: Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0, RoleStyle(attributes: monoAttributes($0))) })
    )

    private static func monoAttributes(_ role: StyleRole) -> TextAttributes {
        switch role {
        case .normal, .barEmpty, .mediumConfidence, .highConfidence, .verdictApproved: []
        case .dim, .border, .scrollIndicator: .dim
        case .title, .header, .keyHint, .success: .bold
        case .selection, .statusBar, .cursor, .barFilled: .reverse
        case .focus, .activationMarked, .verdictEdited, .placeholder: .underline
        case .lowConfidence, .disagreement, .warning: [.bold, .underline]
        case .verdictMissing, .error: [.bold, .reverse]
        }
    }
}
