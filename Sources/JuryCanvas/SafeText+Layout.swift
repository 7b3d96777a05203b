/// Horizontal placement of text within a width.
public enum Alignment: Hashable, Sendable {
    case left, right, center
}

extension SafeText {
    /// The glyph that marks text cut short.
    public static let ellipsis = "\u{2026}"

    /// The text cut to at most `width` columns. When it does not fit, it ends with "…" so a cut is
    /// never silent; a wide grapheme is never split (the result may be one column short).
    public func truncated(to width: Int) -> SafeText {
        guard width > 0 else { return SafeText() }
        guard self.width > width else { return self }
        return prefix(columns: width - 1).appending(SafeText.ellipsis, isPlaceholder: false)
    }

    /// The longest prefix whose width is at most `columns`.
    public func prefix(columns: Int) -> SafeText {
        var result = SafeText(), used = 0
        for (g, isPlaceholder) in graphemes {
            let w = DisplayWidth.of(g)
            if used + w > columns { break }
            result.append(String(g), isPlaceholder: isPlaceholder)
            used += w
        }
        return result
    }

    /// A copy with `text` appended.
    public func appending(_ text: String, isPlaceholder: Bool) -> SafeText {
        var copy = self
        copy.append(text, isPlaceholder: isPlaceholder)
        return copy
    }

    /// The column offset at which text of this width starts inside `width` columns.
    public func offset(in width: Int, alignment: Alignment) -> Int {
        let free = max(0, width - self.width)
        switch alignment {
        case .left: return 0
        case .right: return free
        case .center: return free / 2
        }
    }
}
