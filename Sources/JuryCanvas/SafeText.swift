/// Text that is safe to put on a canvas: a sequence of spans, each either ordinary text or a
/// visible placeholder for something that must not reach the terminal raw (an escape sequence,
/// a control character, a bidi override). Produced by `Sanitizer`; drawn with
/// `Canvas.put(_:row:column:role:limit:clip:)`, where placeholders take `StyleRole.placeholder`.
///
/// Ordinary text may contain "\n" only when sanitised with `Sanitizer.Mode.multiline`.
public struct SafeText: Hashable, Sendable, CustomStringConvertible {
    public struct Span: Hashable, Sendable {
        public var text: String
        public var isPlaceholder: Bool

        public init(text: String, isPlaceholder: Bool) {
            self.text = text
            self.isPlaceholder = isPlaceholder
        }
    }

    public private(set) var spans: [Span]

    public init(spans: [Span] = []) {
        self.spans = []
        for span in spans { append(span.text, isPlaceholder: span.isPlaceholder) }
    }

    /// Program text (a literal, a formatted number): trusted, no sanitising. Never use it for
    /// task data; use `Sanitizer.sanitize(_:mode:)`.
    public init(trusted text: String) {
        self.init(spans: [Span(text: text, isPlaceholder: false)])
    }

    /// The plain text, placeholders included.
    public var description: String { spans.map(\.text).joined() }

    public var isEmpty: Bool { spans.allSatisfy { $0.text.isEmpty } }

    /// Display columns of the whole text (see `DisplayWidth`).
    public var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// Appends text, merging with the last span when its kind matches. Empty text is ignored.
    public mutating func append(_ text: String, isPlaceholder: Bool = false) {
        guard !text.isEmpty else { return }
        if let last = spans.last, last.isPlaceholder == isPlaceholder {
            spans[spans.count - 1].text += text
        } else {
            spans.append(Span(text: text, isPlaceholder: isPlaceholder))
        }
    }

    public mutating func append(_ other: SafeText) {
        for span in other.spans { append(span.text, isPlaceholder: span.isPlaceholder) }
    }

    /// The text split at "\n" into lines (spans kept per line).
    public func lines() -> [SafeText] {
        var result = [SafeText()]
        for span in spans {
            let parts = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i > 0 { result.append(SafeText()) }
                result[result.count - 1].append(String(part), isPlaceholder: span.isPlaceholder)
            }
        }
        return result
    }

    /// The graphemes of the text, each tagged with whether it belongs to a placeholder.
    public var graphemes: [(grapheme: Character, isPlaceholder: Bool)] {
        spans.flatMap { span in span.text.map { ($0, span.isPlaceholder) } }
    }
}

extension SafeText: ExpressibleByStringLiteral {
    /// String literals are program text, hence trusted.
    public init(stringLiteral value: String) {
        self.init(trusted: value)
    }
}
