/// The characters a symbol mosaic may use. Each cell is one character of width 1.
public enum SymbolSet: String, Hashable, Sendable, CaseIterable {
    /// ▀ ▄ ▌ ▐ █ and space: two colours per cell, 1x2 "pixels"; every font has them.
    case halfBlocks
    /// Half blocks plus ▖ ▗ ▘ ▝ ▚ …: 2x2 per cell.
    case quadrants
    /// Half blocks plus Unicode 13's sextants (U+1FB00–1FB3B): 2x3 per cell; needs a recent font.
    case sextants
    /// Braille patterns (U+2800–28FF): 2x4 dots per cell, one colour on the background.
    case braille
}

/// The colours a symbol mosaic may use.
public enum ColorDepth: String, Hashable, Sendable, CaseIterable {
    /// 24-bit RGB per cell (shown as the nearest palette colour on 256-colour terminals).
    case trueColor
    /// The 240 fixed colours of the 256-colour palette (16–255; 0–15 are left to themes).
    case palette256
    /// No colours: the symbols alone carry the image's luminance (`NO_COLOR`, monochrome).
    case monochrome

    /// From the environment and the terminal: `NO_COLOR` or no colours → monochrome;
    /// `COLORTERM` truecolor/24bit → trueColor; else palette256.
    public static func detect(environment: [String: String], terminalHasColors: Bool) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        guard terminalHasColors else { return .monochrome }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        return colorTerm == "truecolor" || colorTerm == "24bit" ? .trueColor : .palette256
    }
}

/// How to draw an image as symbols. Output is deterministic for a given image, size and options.
public struct RenderOptions: Hashable, Sendable {
    public var symbols: SymbolSet
    public var colors: ColorDepth

    public init(symbols: SymbolSet = .quadrants, colors: ColorDepth = .trueColor) {
        self.symbols = symbols
        self.colors = colors
    }
}
