/// One key press, as data. Bindings map keys to command ids; `name` is what help and footers show.
public enum Key: Hashable, Sendable {
    /// A printable grapheme (letters keep their case: "a" and "A" differ). Space is `" "`.
    case character(Character)
    /// Control plus a lower-case letter a–z (also `ctrl-space` as " " and `ctrl-\]^_` symbols).
    case ctrl(Character)
    /// Alt/Meta plus a grapheme (sent by terminals as ESC then the grapheme).
    case alt(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1–F24.
    case function(Int)
}

extension Key: CustomStringConvertible {
    /// The readable name: "a", "A", "space", "ctrl-w", "alt-b", "up", "pgdn", "enter", "esc",
    /// "tab", "shift-tab", "backspace", "delete", "F1". `Key(name:)` parses it back.
    public var name: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .ctrl(" "): "ctrl-space"
        case .ctrl(let c): "ctrl-\(c)"
        case .alt(" "): "alt-space"
        case .alt(let c): "alt-\(c)"
        case .function(let n): "F\(n)"
        default: Self.fixedNames.first { $0.key == self }?.name ?? "?"
        }
    }

    public var description: String { name }

    /// Parses a name made by `name` (case-insensitive for named keys; "ctrl-W" is ctrl-w).
    public init?(name: String) {
        if name.count == 1, let c = name.first { self = .character(c); return }
        if let fixed = Self.fixedNames.first(where: { $0.name == name.lowercased() }) { self = fixed.key; return }
        if let key = Self.parseModified(name) ?? Self.parseFunction(name) { self = key; return }
        return nil
    }

    private static func parseModified(_ name: String) -> Key? {
        let lower = name.lowercased()
        for (prefix, make) in [("ctrl-", Key.ctrl), ("alt-", Key.alt)] where lower.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if rest.lowercased() == "space" { return make(" ") }
            guard rest.count == 1, let c = rest.first else { return nil }
            return make(prefix == "ctrl-" ? Character(c.lowercased()) : c)
        }
        return nil
    }

    private static func parseFunction(_ name: String) -> Key? {
        guard name.first == "F" || name.first == "f", let n = Int(name.dropFirst()), (1...24).contains(n) else { return nil }
        return .function(n)
    }

    private static let fixedNames: [(key: Key, name: String)] = [
        (.up, "up"), (.down, "down"), (.left, "left"), (.right, "right"),
        (.pageUp, "pgup"), (.pageDown, "pgdn"), (.home, "home"), (.end, "end"),
        (.enter, "enter"), (.escape, "esc"), (.tab, "tab"), (.backTab, "shift-tab"),
        (.backspace, "backspace"), (.delete, "delete"), (.insert, "insert"), (.character(" "), "space"),
    ]
}
