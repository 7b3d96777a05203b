/// An explicit colour for image cells: a 24-bit RGB value or an index of the 256-colour palette.
public enum TerminalColor: Hashable, Sendable {
    case rgb(red: UInt8, green: UInt8, blue: UInt8)
    case indexed(UInt8)

    /// From a packed 0xRRGGBB value (higher bits ignored).
    public init(packedRGB value: UInt32) {
        self = .rgb(red: UInt8(truncatingIfNeeded: value >> 16), green: UInt8(truncatingIfNeeded: value >> 8),
                    blue: UInt8(truncatingIfNeeded: value))
    }

    /// The colour as 0xRRGGBB (palette indices through xterm's default palette).
    public var packedRGB: UInt32 {
        switch self {
        case .rgb(let r, let g, let b):
            return UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
        case .indexed(let i):
            let c = Palette.rgb(Int(i))
            return UInt32(c.r << 16 | c.g << 8 | c.b)
        }
    }

    /// The nearest palette index (16–255 for RGB; indices stay as they are).
    public var paletteIndex: Int {
        switch self {
        case .indexed(let i): Int(i)
        case .rgb(let r, let g, let b): Palette.nearestIndex(r: Int(r), g: Int(g), b: Int(b))
        }
    }

    /// Text for dumps: `#rrggbb` or `@nnn`.
    public var dumpText: String {
        switch self {
        case .rgb: "#" + String(String(packedRGB | 0x1000000, radix: 16).dropFirst())
        case .indexed(let i): "@" + String(String(1000 + Int(i)).dropFirst())
        }
    }
}

/// The explicit foreground and background of an image cell; nil keeps the role's colour.
public struct CellColors: Hashable, Sendable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?

    public init(foreground: TerminalColor?, background: TerminalColor?) {
        self.foreground = foreground
        self.background = background
    }
}
