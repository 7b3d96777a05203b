/// Maps the characters a terminal sends (after curses has decoded function keys) to `Key`s.
/// Pure, so the adapter's mapping is testable without a terminal.
public enum KeyDecoder {
    /// The key for one character read in raw mode (with `nonl`, Enter arrives as CR).
    /// ESC returns `.escape`; the adapter combines ESC + character into `.alt` itself.
    public static func key(for scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 0x0D, 0x0A: .enter
        case 0x09: .tab
        case 0x1B: .escape
        case 0x7F, 0x08: .backspace
        case 0x00: .ctrl(" ")
        case 0x01...0x1A: .ctrl(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x1C...0x1F: .ctrl(Character(Unicode.Scalar(scalar.value + 0x40)!))
        default: .character(Character(scalar))
        }
    }

    /// The key for ESC followed at once by `scalar`: `.alt(c)` for a printable character,
    /// else nil (the caller then reports `.escape` and the next key separately).
    public static func altKey(for scalar: Unicode.Scalar) -> Key? {
        guard scalar.value >= 0x20, scalar.value != 0x7F else { return nil }
        return .alt(Character(scalar))
    }
}
