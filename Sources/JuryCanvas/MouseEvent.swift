/// A mouse report from the terminal (xterm's SGR encoding, `ESC [ < b ; x ; y M` or `m`), as data.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A button went down: 0 left, 1 middle, 2 right.
        case press(button: Int)
        /// A button came up.
        case release(button: Int)
        case wheelUp, wheelDown
        /// The pointer moved with a button held (reported only in drag modes, which Jury does not ask for).
        case drag(button: Int)
    }

    public var kind: Kind
    /// The cell, from 0 at the top left.
    public var row: Int
    public var column: Int
    /// Shift, alt (meta) and ctrl as the report gives them.
    public var shift = false
    public var alt = false
    public var ctrl = false

    public init(_ kind: Kind, row: Int, column: Int, shift: Bool = false, alt: Bool = false, ctrl: Bool = false) {
        (self.kind, self.row, self.column, self.shift, self.alt, self.ctrl) = (kind, row, column, shift, alt, ctrl)
    }

    /// True for a left-button press with no modifier: what selects and opens rows.
    public var isLeftClick: Bool { kind == .press(button: 0) && !shift && !alt && !ctrl }
}

extension KeyDecoder {
    /// The mouse event of an SGR report: `parameters` is what follows `ESC [ <` up to the final
    /// character, `final` is `M` (press, wheel, drag) or `m` (release). Coordinates in the report start
    /// at 1. Nil for anything else (a malformed report is dropped, never typed).
    public static func sgrMouse(parameters: String, final: Unicode.Scalar) -> MouseEvent? {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard final == "M" || final == "m", numbers.count == 3, let code = numbers[0], let x = numbers[1], let y = numbers[2],
              code >= 0, x >= 1, y >= 1 else { return nil }
        let button = code & 0b11
        let kind: MouseEvent.Kind
        switch (code & 64 != 0, code & 32 != 0, final == "m") {
        case (true, _, _):
            guard button < 2 else { return nil }
            kind = button == 0 ? .wheelUp : .wheelDown
        case (false, true, _): kind = .drag(button: button)
        case (false, false, true): kind = .release(button: button)
        case (false, false, false): kind = .press(button: button)
        }
        return MouseEvent(kind, row: y - 1, column: x - 1, shift: code & 4 != 0, alt: code & 8 != 0, ctrl: code & 16 != 0)
    }
}
