import JuryCanvas

/// Where the parts of each task layout go, and how far the item list scrolls. Shared by the views
/// (to draw) and the update (to keep the selection in view), so both agree. Pure.
public enum TaskLayout {
    /// The regions of a task body.
    public struct Regions: Equatable, Sendable {
        /// Metadata, missing keys, the text to classify: drawn above the list.
        public var top: Rect
        public var list: Rect
        /// The selected item's details (form only).
        public var detail: Rect
    }

    /// The regions for `task` in a terminal of `size`.
    public static func regions(_ content: TaskContent, size: Size) -> Regions {
        let body = ScreenLayout(size: size).body
        switch content.body {
        case .form(let form):
            let (top, rest) = body.splitTop(form.metadata.count + (form.missingKeys.isEmpty ? 0 : 1))
            let (list, detail) = rest.splitBottom(rest.rows >= 8 ? 2 : 1)
            return Regions(top: top, list: list, detail: detail)
        case .moderation(let moderation):
            let (top, list) = body.splitTop(moderation.metadata.count)
            return Regions(top: top, list: list, detail: Rect(row: list.bottom, column: 0, rows: 0, columns: 0))
        case .classification(let classification):
            let (top, list) = body.splitTop(ClassificationView.topRows(classification, in: body))
            return Regions(top: top, list: list, detail: Rect(row: list.bottom, column: 0, rows: 0, columns: 0))
        case .freeText:
            return Regions(top: Rect(row: body.row, column: 0, rows: 0, columns: 0), list: body,
                           detail: Rect(row: body.bottom, column: 0, rows: 0, columns: 0))
        }
    }

    /// Items (table rows, or text lines for free text) that fit in the list.
    public static func visibleItems(_ content: TaskContent, size: Size) -> Int {
        let list = regions(content, size: size).list
        if case .freeText = content.body { return TextView.visibleLineCount(in: list, lineCount: Int.max) }
        let body = list.rows - 1
        return body >= content.itemCount ? max(1, body) : max(1, body - 1)
    }

    /// `scroll` with the selection moved by `delta` items and the list scrolled to show it.
    public static func scrolled(_ scroll: ScrollState, by delta: Int, paging: Bool, task: TaskState, size: Size) -> ScrollState {
        guard case .freeText(let text) = task.content.body else {
            return scroll.moved(by: delta, count: task.content.itemCount, visible: visibleItems(task.content, size: size))
        }
        let lines = FreeTextLines(text, verdict: task.verdict, width: FreeTextView.textWidth(size), editing: task.editing)
        let visible = visibleItems(task.content, size: size)
        return paging ? lines.paged(scroll, by: delta, visible: visible) : lines.moved(scroll, by: delta, visible: visible)
    }
}
