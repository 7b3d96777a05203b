/// Display width of text in terminal columns, from Jury's own Unicode tables (never libc
/// `wcwidth` or the locale, so layout is the same on every machine).
///
/// Rules, per grapheme cluster (a Swift `Character`):
/// - East Asian Wide/Fullwidth (CJK, Hangul, kana, fullwidth forms) and emoji with emoji
///   presentation: 2.
/// - A cluster containing VS16 (U+FE0F), an emoji ZWJ sequence, a skin-tone modifier, or a pair of
///   regional indicators (a flag): 2. VS15 (U+FE0E, text presentation) makes it 1.
/// - Combining marks and format characters add 0 to the base they attach to; a cluster made only
///   of them has width 0 (the canvas attaches it to the previous cell or shows it on U+25CC).
/// - C0/C1 controls and DEL: 0 here; the `Sanitizer` replaces them before they reach a canvas.
/// - Everything else, including East Asian Ambiguous (box drawing, "…", arrows): 1.
public enum DisplayWidth {
    /// Columns taken by one grapheme cluster: 0, 1 or 2.
    public static func of(_ grapheme: Character) -> Int {
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1 { return of(scalar: first) }
        return clusterWidth(scalars, first: first)
    }

    /// Columns taken by `text`: the sum over its grapheme clusters.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// Columns of one scalar on its own: 0 (mark, format, control), 1 or 2.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        if contains(WidthTables.zero, v) { return 0 }
        if contains(WidthTables.wide, v) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static func clusterWidth(_ scalars: Character.UnicodeScalarView, first: Unicode.Scalar) -> Int {
        var hasVS16 = false, hasVS15 = false, hasZWJ = false, hasModifier = false
        for s in scalars {
            switch s.value {
            case 0xFE0F: hasVS16 = true
            case 0xFE0E: hasVS15 = true
            case 0x200D: hasZWJ = true
            case 0x1F3FB...0x1F3FF: hasModifier = true
            default: break
            }
        }
        if hasVS15 { return min(1, of(scalar: first)) }
        if hasVS16 || hasModifier { return 2 }
        if hasZWJ && first.properties.isEmoji && first.value > 0xFF { return 2 }
        let base = of(scalar: first)
        if base == 0 { return scalars.map { of(scalar: $0) }.max() ?? 0 }
        return base
    }

    /// Binary search over sorted, disjoint ranges.
    static func contains(_ table: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0, high = table.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < table[mid].lowerBound { high = mid - 1 }
            else if value > table[mid].upperBound { low = mid + 1 }
            else { return true }
        }
        return false
    }
}
