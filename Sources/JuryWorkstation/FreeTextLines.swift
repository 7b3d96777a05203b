import JuryCanvas

/// The free-text screen as lines: the prompt, a heading, then each paragraph of the output (the
/// reviewer's version where edited), wrapped to `width`. `ranges[i]` holds paragraph i's lines.
/// The paragraph being edited shows the editor's text in its wrapped rows, and `cursor` says where
/// its cursor is. Pure; the view draws it and the update scrolls by it.
public struct FreeTextLines: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        public var text: SafeText
        public var role: StyleRole
        /// The paragraph the line belongs to; nil for the prompt and headings.
        public var paragraph: Int?
    }

    public private(set) var lines: [Line] = []
    public private(set) var ranges: [Range<Int>] = []
    /// While a paragraph is edited: the editor's cursor as (line, column in the text).
    public private(set) var cursor: Point?

    /// `threshold` (percent): a model confidence below it shows the heading as `lowConfidence`.
    public init(_ task: FreeTextTask, verdict: Verdict, width: Int, editing: Editing? = nil, threshold: Double = 0) {
        if let prompt = task.shownPrompt {
            add(SafeText(trusted: "Prompt"), role: .header, paragraph: nil, width: width)
            add(wrapped: prompt.lines(width: width), role: .dim, paragraph: nil)
            add(SafeText(), role: .normal, paragraph: nil, width: width)
        }
        let low = (task.confidence ?? 100) < threshold
        add(Sanitizer.sanitize(heading(task)), role: low ? .lowConfidence : .header, paragraph: nil, width: width)
        for (index, original) in task.shownParagraphs.enumerated() {
            let start = lines.count
            if let editing, editing.target == .paragraph(index) {
                addEditor(editing.editor, paragraph: index, width: width)
            } else if let edited = verdict.paragraphs[index] {
                add(Sanitizer.sanitize(edited), role: .verdictEdited, paragraph: index, width: width)
            } else {
                add(wrapped: original.lines(width: width), role: .normal, paragraph: index)
            }
            ranges.append(start..<lines.count)
        }
    }

    private func heading(_ task: FreeTextTask) -> String {
        let placeholder = task.output.isEmpty ? task.placeholder.map { "(\($0))" } : nil
        let parts = [task.label ?? "Model output", placeholder, task.confidence.map { "confidence \(Format.percent($0))" },
                     task.model.map { "model \($0)" }]
        return parts.compactMap { $0 }.joined(separator: " · ")
    }

    private mutating func addEditor(_ editor: LineEditor, paragraph: Int, width: Int) {
        let rows = editor.rows(width: width)
        let place = editor.wrappedCursor(in: rows)
        cursor = Point(row: lines.count + place.row, column: place.column)
        for row in rows {
            lines.append(Line(text: Sanitizer.sanitize(String(editor.graphemes[row])), role: .focus, paragraph: paragraph))
        }
    }

    private mutating func add(_ text: SafeText, role: StyleRole, paragraph: Int?, width: Int) {
        add(wrapped: TextWrap.lines(text, width: width), role: role, paragraph: paragraph)
    }

    private mutating func add(wrapped: [SafeText], role: StyleRole, paragraph: Int?) {
        for line in wrapped { lines.append(Line(text: line, role: role, paragraph: paragraph)) }
    }

    /// The selection moved by `delta` paragraphs, scrolled so the paragraph shows (from its start when
    /// it is taller than the view; the first paragraph shows the prompt above it).
    public func moved(_ scroll: ScrollState, by delta: Int, visible: Int) -> ScrollState {
        guard !ranges.isEmpty else { return ScrollState(top: 0, selected: 0) }
        let selected = min(max(0, (scroll.selected ?? 0) + delta), ranges.count - 1)
        let range = ranges[selected]
        var top = scroll.top
        if range.upperBound > top + visible { top = range.upperBound - visible }
        if range.lowerBound < top { top = range.lowerBound }
        if selected == 0, ranges[0].upperBound <= visible { top = 0 }
        return ScrollState(top: clampTop(top, visible: visible), selected: selected)
    }

    /// The view scrolled by `delta` lines (a page), the selection moved to the first paragraph in view.
    public func paged(_ scroll: ScrollState, by delta: Int, visible: Int) -> ScrollState {
        let top = clampTop(scroll.top + delta, visible: visible)
        let inView = ranges.firstIndex { $0.lowerBound >= top && $0.lowerBound < top + visible }
            ?? ranges.firstIndex { $0.contains(top) } ?? scroll.selected ?? 0
        return ScrollState(top: top, selected: inView)
    }

    private func clampTop(_ top: Int, visible: Int) -> Int {
        min(max(0, top), max(0, lines.count - visible))
    }
}
