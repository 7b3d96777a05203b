/// What follows an ESC, decoded as ncurses' ESCDELAY does: characters arriving within the escape delay
/// of the one before belong to the ESC; a pause ends it. So ESC alone (a pause) is `escape`, ESC and a
/// character together is `alt-<char>`, and ESC `[` or ESC `O` starts a control sequence that is either
/// a known key or dropped whole, never typed into a field ("1~" from a Home curses did not know).
/// Pure: the adapter reads the characters with the delay and asks.
public enum EscapeSequence {
    public enum Result: Equatable, Sendable {
        /// A sequence has begun and is not complete: read on (within the delay).
        case incomplete
        /// The key; the characters after the first `consumed` are not part of it (read them again).
        case key(Key, consumed: Int)
        /// A control sequence no key is known for: drop all of it.
        case dropped
        /// An xterm SGR mouse report (`ESC [ < b ; x ; y M`), all `consumed` characters of it.
        case mouse(MouseEvent, consumed: Int)
    }

    /// Decodes `following`, the characters that arrived after ESC so far, each in time.
    public static func decode(_ following: [Unicode.Scalar]) -> Result {
        guard let first = following.first else { return .incomplete }
        switch first {
        case "[": return controlSequence(Array(following.dropFirst()))
        case "O": return following.count < 2 ? .incomplete : singleShift(following[1])
        default:
            if let alt = KeyDecoder.altKey(for: first) { return .key(alt, consumed: 1) }
            return .key(.escape, consumed: 0)
        }
    }

    /// The key when the delay passed after `following`: ESC alone is `escape`, ESC `[` or ESC `O` typed
    /// by hand `alt-[` or `alt-O`; nil for a control sequence cut short (dropped).
    public static func timedOut(_ following: [Unicode.Scalar]) -> Key? {
        switch following.count {
        case 0: .escape
        case 1: KeyDecoder.altKey(for: following[0])
        default: nil
        }
    }

    /// CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
    private static func controlSequence(_ body: [Unicode.Scalar]) -> Result {
        guard let last = body.last else { return .incomplete }
        let isFinal = (0x40...0x7E).contains(last.value)
        let middleIsValid = body.dropLast(isFinal ? 1 : 0).allSatisfy { (0x20...0x3F).contains($0.value) }
        guard middleIsValid else { return .dropped }
        guard isFinal else { return .incomplete }
        let parameters = String(String.UnicodeScalarView(body.dropLast()))
        if parameters.hasPrefix("<") {
            guard let event = KeyDecoder.sgrMouse(parameters: String(parameters.dropFirst()), final: last) else { return .dropped }
            return .mouse(event, consumed: body.count + 1)
        }
        guard let key = parameters.isEmpty ? cursorKeys[last] : tildeKey(parameters, final: last) else { return .dropped }
        return .key(key, consumed: body.count + 1)
    }

    /// SS3: one final character (xterm's application cursor keys and F1–F4).
    private static func singleShift(_ final: Unicode.Scalar) -> Result {
        guard let key = cursorKeys[final] ?? ssFunctionKeys[final] else { return .dropped }
        return .key(key, consumed: 2)
    }

    /// `ESC [ n ~` keys (vt220 style, as tmux and screen send Home and End).
    private static func tildeKey(_ parameters: String, final: Unicode.Scalar) -> Key? {
        guard final == "~", let number = Int(parameters) else { return nil }
        return tildeKeys[number]
    }

    private static let cursorKeys: [Unicode.Scalar: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "Z": .backTab,
    ]

    private static let ssFunctionKeys: [Unicode.Scalar: Key] = ["P": .function(1), "Q": .function(2), "R": .function(3), "S": .function(4)]

    private static let tildeKeys: [Int: Key] = [
        1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]
}
