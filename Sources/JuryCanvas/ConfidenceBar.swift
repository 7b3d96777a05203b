/// Where confidence changes role: below `low` is `lowConfidence`, below `high` is
/// `mediumConfidence`, otherwise `highConfidence`. Percentages 0–100.
public struct ConfidenceThresholds: Hashable, Sendable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    public static let standard = ConfidenceThresholds(low: 50, high: 80)

    /// The role for `percent`.
    public func role(for percent: Double) -> StyleRole {
        if percent < low { return .lowConfidence }
        if percent < high { return .mediumConfidence }
        return .highConfidence
    }
}

/// A horizontal bar with a percentage, e.g. `██████▍░░░  64%`.
///
/// The filled part uses the threshold role (or `barFilled` without thresholds), the rest
/// `barEmpty`; the percentage uses the threshold role. Eighth blocks give sub-cell precision; the
/// percentage always shows, so monochrome terminals lose nothing.
public struct ConfidenceBar: Hashable, Sendable {
    /// 0–100; values outside are clamped; NaN shows "n/a".
    public var percent: Double
    public var thresholds: ConfidenceThresholds?

    public init(percent: Double, thresholds: ConfidenceThresholds? = .standard) {
        self.percent = percent
        self.thresholds = thresholds
    }

    /// The label: "  7%", " 64%", "100%" (4 columns), or " n/a".
    public var label: String {
        guard !percent.isNaN else { return " n/a" }
        let value = Int(min(100, max(0, percent)).rounded())
        let digits = String(value) + "%"
        return String(repeating: " ", count: max(0, 4 - digits.count)) + digits
    }

    /// Draws into `width` columns at (`row`, `column`): bar, a space, label. Narrower than 6
    /// columns, only the label (clipped) is drawn.
    public func render(into canvas: inout Canvas, row: Int, column: Int, width: Int) {
        guard width > 0 else { return }
        let role = percent.isNaN ? StyleRole.dim : (thresholds?.role(for: percent) ?? .barFilled)
        let barWidth = width - 5
        if barWidth >= 1 {
            drawBar(into: &canvas, row: row, column: column, width: barWidth, role: role)
            canvas.put(" ", row: row, column: column + barWidth, role: .normal, limit: 1)
        }
        let labelColumn = barWidth >= 1 ? column + barWidth + 1 : column
        canvas.put(label, row: row, column: labelColumn, role: role, limit: min(4, width))
    }

    private func drawBar(into canvas: inout Canvas, row: Int, column: Int, width: Int, role: StyleRole) {
        let value = percent.isNaN ? 0 : min(100, max(0, percent))
        let eighths = Int((value / 100 * Double(width * 8)).rounded())
        for i in 0..<width {
            let fill = min(8, max(0, eighths - i * 8))
            let glyph = fill == 0 ? "\u{2591}" : Self.blocks[fill - 1]
            canvas.put(glyph, row: row, column: column + i, role: fill == 0 ? .barEmpty : role, limit: 1)
        }
    }

    /// U+258F (1/8) … U+2588 (full).
    private static let blocks = ["\u{258F}", "\u{258E}", "\u{258D}", "\u{258C}", "\u{258B}", "\u{258A}", "\u{2589}", "\u{2588}"]
}
