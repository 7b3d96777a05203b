/// Word wrapping by display width.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` columns: first at "\n", then at spaces
    /// (greedy), breaking words longer than a line at grapheme boundaries. Spaces at a wrap point
    /// are dropped. An empty paragraph stays an empty line. `width` < 1 is treated as 1.
    public static func lines(_ text: SafeText, width: Int) -> [SafeText] {
        let width = max(1, width)
        return text.lines().flatMap { wrapParagraph($0, width: width) }
    }

    private typealias Token = (grapheme: Character, isPlaceholder: Bool, width: Int)

    private static func wrapParagraph(_ paragraph: SafeText, width: Int) -> [SafeText] {
        var lines: [SafeText] = [], line = SafeText(), used = 0
        for word in words(paragraph) {
            let isSpace = word.allSatisfy { $0.grapheme == " " && !$0.isPlaceholder }
            let w = word.reduce(0) { $0 + $1.width }
            if used + w <= width {
                append(word, to: &line, &used)
            } else if isSpace {
                lines.append(line); line = SafeText(); used = 0
            } else {
                if used > 0 { lines.append(trimmed(line)); line = SafeText(); used = 0 }
                for token in word {
                    if used + token.width > width { lines.append(line); line = SafeText(); used = 0 }
                    append([token], to: &line, &used)
                }
            }
        }
        lines.append(trimmed(line))
        return lines
    }

    private static func append(_ tokens: [Token], to line: inout SafeText, _ used: inout Int) {
        for t in tokens { line.append(String(t.grapheme), isPlaceholder: t.isPlaceholder) }
        used += tokens.reduce(0) { $0 + $1.width }
    }

    /// Runs of spaces and runs of non-spaces, in order.
    private static func words(_ text: SafeText) -> [[Token]] {
        var result: [[Token]] = []
        for (g, isPlaceholder) in text.graphemes {
            let token: Token = (g, isPlaceholder, DisplayWidth.of(g))
            let isSpace = g == " " && !isPlaceholder
            if let last = result.last?.last, (last.grapheme == " " && !last.isPlaceholder) == isSpace {
                result[result.count - 1].append(token)
            } else {
                result.append([token])
            }
        }
        return result
    }

    private static func trimmed(_ line: SafeText) -> SafeText {
        var spans = line.spans
        while let last = spans.last, !last.isPlaceholder, last.text.hasSuffix(" ") {
            let kept = String(last.text.reversed().drop(while: { $0 == " " }).reversed())
            if kept.isEmpty { spans.removeLast() } else { spans[spans.count - 1].text = kept; break }
        }
        return SafeText(spans: spans)
    }
}
