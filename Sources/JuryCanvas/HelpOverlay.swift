/// The help overlay for one screen, generated from its `KeyBindings` and the `CommandTable`:
/// commands grouped by `Command.group` (in table order), each with all its keys.
public struct HelpOverlay: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var keys: String
        /// Sanitised or the program's own (placeholders keep their look, so a template's literal "␛"
        /// cannot pass for a neutralised escape).
        public var summary: SafeText
        /// True for a group heading (then `summary` is the group name and `keys` is empty).
        public var isHeading: Bool
        /// True for a line of prose (then `summary` is drawn from the left edge, and `keys` is empty).
        public var isText = false

        public init(keys: String, summary: SafeText, isHeading: Bool, isText: Bool = false) {
            (self.keys, self.summary, self.isHeading, self.isText) = (keys, summary, isHeading, isText)
        }
    }

    public var title: String
    public var lines: [Line]

    /// Commands without a binding on this screen are left out.
    public init(title: String = "Help", bindings: KeyBindings, commands: CommandTable) {
        self.title = title
        var lines: [Line] = []
        for group in commands.groups {
            let bound = commands.commands.filter { $0.group == group && !bindings.keys(for: $0.id).isEmpty }
            guard !bound.isEmpty else { continue }
            if !lines.isEmpty { lines.append(Line(keys: "", summary: SafeText(), isHeading: false)) }
            lines.append(Line(keys: "", summary: SafeText(trusted: group), isHeading: true))
            for command in bound {
                let keys = bindings.keys(for: command.id).map(\.name).joined(separator: " / ")
                lines.append(Line(keys: keys, summary: SafeText(trusted: command.summary), isHeading: false))
            }
        }
        self.lines = lines
    }

    /// Width of the key column.
    var keyColumnWidth: Int { lines.map { DisplayWidth.of($0.keys) }.max() ?? 0 }

    /// Draws the overlay centred on `canvas`, starting at line `state.top` (clamped); a "more"
    /// line shows when lines are out of sight.
    public func render(into canvas: inout Canvas, state: ScrollState = ScrollState()) {
        let keyWidth = min(keyColumnWidth, 24)
        let width = lines.map { ($0.isText ? 0 : keyWidth + 2) + $0.summary.width }.max() ?? 0
        let inner = OverlayBox(title: title, contentSize: Size(rows: lines.count, columns: width)).render(into: &canvas)
        guard !inner.isEmpty else { return }
        let visible = TextView.visibleLineCount(in: inner, lineCount: lines.count)
        let state = ScrollState(top: state.top).clamped(count: lines.count, visible: visible)
        for (offset, line) in lines.dropFirst(state.top).prefix(visible).enumerated() {
            draw(line, into: &canvas, row: inner.row + offset, inner: inner, keyWidth: keyWidth)
        }
        let hidden = state.hidden(count: lines.count, visible: visible)
        ScrollIndicator.draw(above: hidden.above, below: hidden.below, into: &canvas, row: inner.bottom - 1, in: inner)
    }

    private func draw(_ line: Line, into canvas: inout Canvas, row: Int, inner: Rect, keyWidth: Int) {
        if line.isHeading || line.isText {
            canvas.put(line.summary.truncated(to: inner.columns), row: row, column: inner.column,
                       role: line.isHeading ? .header : .normal, clip: inner)
            return
        }
        let keys = SafeText(trusted: line.keys).truncated(to: min(keyWidth, inner.columns))
        canvas.put(keys, row: row, column: inner.column, role: .keyHint, clip: inner)
        let summaryColumn = inner.column + keyWidth + 2
        let summary = line.summary.truncated(to: inner.right - summaryColumn)
        canvas.put(summary, row: row, column: summaryColumn, role: .normal, clip: inner)
    }
}
