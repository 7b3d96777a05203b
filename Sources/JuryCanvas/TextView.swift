/// Wrapped, scrolling text (model output, comments, long values). Pure.
///
/// Lines wrap at word boundaries to the area's width; when lines are out of sight the last line
/// of the area shows "↑ N more · ↓ M more" instead of text.
public struct TextView: Hashable, Sendable {
    public var text: SafeText
    public var role: StyleRole

    public init(_ text: SafeText, role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }

    /// The wrapped lines for an area `width` columns wide.
    public func lines(width: Int) -> [SafeText] {
        TextWrap.lines(text, width: width)
    }

    /// Text lines visible in `rect` when there are `lineCount` lines (one fewer when the "more"
    /// line is needed).
    public static func visibleLineCount(in rect: Rect, lineCount: Int) -> Int {
        lineCount <= rect.rows ? rect.rows : max(1, rect.rows - 1)
    }

    /// Draws from line `state.top` (clamped) into `rect`.
    public func render(into canvas: inout Canvas, in rect: Rect, state: ScrollState = ScrollState()) {
        Self.render(lines(width: rect.columns), role: role, into: &canvas, in: rect, state: state)
    }

    /// Draws `all`, lines already wrapped to `rect`'s width, from line `state.top` (clamped) into `rect`.
    public static func render(_ all: [SafeText], role: StyleRole = .normal, into canvas: inout Canvas, in rect: Rect,
                              state: ScrollState = ScrollState()) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        let visible = visibleLineCount(in: rect, lineCount: all.count)
        let state = ScrollState(top: state.top).clamped(count: all.count, visible: visible)
        for (offset, line) in all.dropFirst(state.top).prefix(visible).enumerated() {
            canvas.put(line, row: rect.row + offset, column: rect.column, role: role, limit: rect.columns, clip: rect)
        }
        let hidden = state.hidden(count: all.count, visible: visible)
        ScrollIndicator.draw(above: hidden.above, below: hidden.below, into: &canvas, row: rect.bottom - 1, in: rect)
    }
}
