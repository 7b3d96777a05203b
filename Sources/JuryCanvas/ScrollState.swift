/// Selection and scroll position of a list, table or text view, as a value.
///
/// `top` is the index of the first visible row; `selected` the selected row (nil: no selection,
/// as in a text view). All functions clamp, so any state is valid for any row count.
public struct ScrollState: Hashable, Sendable {
    public var top: Int
    public var selected: Int?

    public init(top: Int = 0, selected: Int? = nil) {
        self.top = top
        self.selected = selected
    }

    /// The state with the selection moved by `delta` rows (clamped to the rows), scrolled so it
    /// stays visible in `visible` rows. Without a selection, scrolls by `delta` instead.
    public func moved(by delta: Int, count: Int, visible: Int) -> ScrollState {
        guard let selected else {
            return ScrollState(top: top + delta, selected: nil).clamped(count: count, visible: visible)
        }
        let target = count == 0 ? 0 : min(max(0, selected + delta), count - 1)
        return ScrollState(top: top, selected: target).clamped(count: count, visible: visible)
    }

    /// The state with `top` clamped to 0...count-visible and adjusted so the selection (if any)
    /// is inside the visible window.
    public func clamped(count: Int, visible: Int) -> ScrollState {
        let visible = max(1, visible)
        var top = min(max(0, self.top), max(0, count - visible))
        var selected = self.selected.map { count == 0 ? 0 : min(max(0, $0), count - 1) }
        if count == 0 { selected = self.selected == nil ? nil : 0 }
        if let s = selected {
            if s < top { top = s }
            if s >= top + visible { top = s - visible + 1 }
        }
        return ScrollState(top: top, selected: selected)
    }

    /// Rows hidden above and below a window of `visible` rows over `count` rows.
    public func hidden(count: Int, visible: Int) -> (above: Int, below: Int) {
        (max(0, top), max(0, count - top - visible))
    }
}

/// The "more" marker drawn when a view has rows out of sight, so nothing is cut silently.
public enum ScrollIndicator {
    /// "↑ 3 more · ↓ 12 more", "↓ 12 more", "↑ 3 more", or "" when nothing is hidden.
    public static func text(above: Int, below: Int) -> String {
        var parts: [String] = []
        if above > 0 { parts.append("\u{2191} \(above) more") }
        if below > 0 { parts.append("\u{2193} \(below) more") }
        return parts.joined(separator: " \u{00B7} ")
    }

    /// The short form for narrow areas: "↑3 ↓12".
    public static func compactText(above: Int, below: Int) -> String {
        [above > 0 ? "\u{2191}\(above)" : nil, below > 0 ? "\u{2193}\(below)" : nil].compactMap { $0 }.joined(separator: " ")
    }

    /// Draws the marker right-aligned on `row` within `rect` in `StyleRole.scrollIndicator`,
    /// over a blank line (the compact form when the full one does not fit). Draws nothing when
    /// nothing is hidden.
    public static func draw(above: Int, below: Int, into canvas: inout Canvas, row: Int, in rect: Rect) {
        var marker = SafeText(trusted: text(above: above, below: below))
        guard !marker.isEmpty else { return }
        if marker.width > rect.columns { marker = SafeText(trusted: compactText(above: above, below: below)) }
        canvas.fill(Rect(row: row, column: rect.column, rows: 1, columns: rect.columns), role: .normal)
        let shown = marker.truncated(to: rect.columns)
        canvas.put(shown, row: row, column: rect.column + shown.offset(in: rect.columns, alignment: .right),
                   role: .scrollIndicator, limit: rect.columns, clip: rect)
    }
}
