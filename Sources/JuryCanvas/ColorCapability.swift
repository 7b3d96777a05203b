/// How many colours the terminal can show; themes are resolved to this.
public enum ColorCapability: String, Hashable, Sendable, CaseIterable {
    /// No colour: attributes only (vt100, `NO_COLOR`).
    case none
    /// The 8 basic colours (linux console, screen).
    case eight
    /// The xterm 256-colour palette.
    case twoFiftySix

    /// From the terminal's colour count (curses `COLORS`): >= 256, >= 8, else none.
    public init(colorCount: Int) {
        if colorCount >= 256 { self = .twoFiftySix } else if colorCount >= 8 { self = .eight } else { self = .none }
    }
}

/// A role's style on a particular terminal: palette indices (-1 = terminal default) and
/// attributes. This is what the adapter turns into curses colour pairs.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Int
    public var background: Int
    public var attributes: TextAttributes

    public init(foreground: Int = -1, background: Int = -1, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A theme resolved to one `ColorCapability`: a style for every role.
public struct ResolvedTheme: Hashable, Sendable {
    public let name: String
    public let capability: ColorCapability
    public let styles: [StyleRole: ResolvedStyle]

    public subscript(role: StyleRole) -> ResolvedStyle { styles[role] ?? ResolvedStyle() }
}

extension Theme {
    /// Resolves every role for `capability`:
    /// - `.twoFiftySix`: indices as written.
    /// - `.eight`: 8–255 fall back to the nearest basic colour (0–7) by RGB distance, except a
    ///   middle grey foreground (dim text), which becomes the terminal's default colour with the dim
    ///   attribute: the nearest basic colour of grey is yellow, which reads as a warning. When a
    ///   role's foreground and background become equal, the foreground is set to contrast.
    /// - `.none`: colours dropped, attributes kept.
    public func resolved(for capability: ColorCapability) -> ResolvedTheme {
        let styles = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { role in
            (role, Self.resolve(style(for: role), capability))
        })
        return ResolvedTheme(name: name, capability: capability, styles: styles)
    }

    static func resolve(_ style: RoleStyle, _ capability: ColorCapability) -> ResolvedStyle {
        switch capability {
        case .none:
            return ResolvedStyle(attributes: style.attributes)
        case .twoFiftySix:
            return ResolvedStyle(foreground: index(style.foreground), background: index(style.background),
                                 attributes: style.attributes)
        case .eight:
            let grey = Palette.isMiddleGrey(index(style.foreground))
            var fg = grey ? -1 : index(style.foreground).map8, bg = index(style.background).map8
            if fg == bg, fg >= 0 { fg = bg == 0 ? 7 : 0 }
            return ResolvedStyle(foreground: fg, background: bg, attributes: grey ? style.attributes.union(.dim) : style.attributes)
        }
    }

    private static func index(_ color: ThemeColor) -> Int {
        switch color {
        case .terminalDefault: -1
        case .indexed(let i): i
        }
    }
}

private extension Int {
    /// -1 stays default; 0–7 stay; others go to the nearest basic colour.
    var map8: Int { self < 8 ? self : Palette.nearestBasic(to: self) }
}
