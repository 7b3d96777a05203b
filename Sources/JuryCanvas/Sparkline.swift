/// A one-line chart of a series: one cell per bucket, eight heights (`▁▂▃▄▅▆▇█`, or `_.-~=+*#`
/// with `.ascii` for terminals without Unicode). Pure.
///
/// The series is split into `width` buckets of consecutive values (the newest on the right); each
/// bucket shows its largest value, scaled so that `maximum` (default: the series' largest value)
/// is the full height. Zero, negative and NaN values show the lowest glyph; an empty series draws
/// nothing. Fewer values than columns are right-aligned (older time is blank).
public struct Sparkline: Hashable, Sendable {
    public enum Glyphs: Hashable, Sendable {
        case blocks, ascii

        /// The eight heights, lowest first.
        public var levels: [String] {
            switch self {
            case .blocks: ["\u{2581}", "\u{2582}", "\u{2583}", "\u{2584}", "\u{2585}", "\u{2586}", "\u{2587}", "\u{2588}"]
            case .ascii: ["_", ".", "-", "~", "=", "+", "*", "#"]
            }
        }
    }

    public var values: [Double]
    public var maximum: Double?
    public var glyphs: Glyphs

    public init(_ values: [Double], maximum: Double? = nil, glyphs: Glyphs = .blocks) {
        self.values = values
        self.maximum = maximum
        self.glyphs = glyphs
    }

    /// The chart as text, at most `width` columns (fewer when there are fewer values).
    public func text(width: Int) -> String {
        let buckets = Self.buckets(values, width: width)
        let top = maximum ?? buckets.max() ?? 0
        let levels = glyphs.levels
        return buckets.map { value in
            guard top > 0, value > 0 else { return levels[0] }
            let level = Int((value / top * Double(levels.count - 1)).rounded())
            return levels[min(levels.count - 1, max(0, level))]
        }.joined()
    }

    /// Draws the chart right-aligned in `width` columns at (`row`, `column`) in `role`.
    public func render(into canvas: inout Canvas, row: Int, column: Int, width: Int, role: StyleRole = .barFilled) {
        let chart = text(width: width)
        canvas.put(chart, row: row, column: column + max(0, width - chart.count), role: role, limit: width)
    }

    /// `values` grouped into at most `width` consecutive buckets (the maximum of each); the newest
    /// values always fill the last bucket.
    static func buckets(_ values: [Double], width: Int) -> [Double] {
        guard width > 0, !values.isEmpty else { return [] }
        let clean = values.map { $0.isNaN ? 0 : $0 }
        guard clean.count > width else { return clean }
        let size = (clean.count + width - 1) / width
        var result: [Double] = []
        var end = clean.count
        while end > 0, result.count < width {
            result.append(clean[max(0, end - size)..<end].max() ?? 0)
            end -= size
        }
        return result.reversed()
    }
}
