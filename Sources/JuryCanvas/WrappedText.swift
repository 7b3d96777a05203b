import Synchronization

/// A text sanitised once and wrapped once per width, for a view whose text can run to megabytes (a
/// task's InputContent): a frame then costs the lines it shows, not a pass over the whole text.
/// Copies share the wrapping; two are equal when their texts are.
public final class WrappedText: Equatable, Sendable {
    public let text: SafeText
    /// The lines of the last few widths asked for (a screen asks for one or two).
    private let wrapped = Mutex<[(width: Int, lines: [SafeText])]>([])
    private static let widthsKept = 4

    public init(_ text: SafeText) {
        self.text = text
    }

    /// Untrusted `text`, sanitised as multi-line text.
    public convenience init(sanitizing text: String) {
        self.init(Sanitizer.sanitize(text, mode: .multiline))
    }

    /// `TextWrap.lines(text, width:)`, worked out once per width.
    public func lines(width: Int) -> [SafeText] {
        if let kept = wrapped.withLock({ $0.first { $0.width == width } }) { return kept.lines }
        let lines = TextWrap.lines(text, width: width)
        wrapped.withLock { kept in
            kept.insert((width, lines), at: 0)
            if kept.count > Self.widthsKept { kept.removeLast() }
        }
        return lines
    }

    public static func == (lhs: WrappedText, rhs: WrappedText) -> Bool {
        lhs === rhs || lhs.text == rhs.text
    }
}
