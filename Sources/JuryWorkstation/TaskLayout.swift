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
        /// The image or document page (empty while there is none).
        public var picture: Rect = Rect(row: 0, column: 0, rows: 0, columns: 0)
        /// The zoomed crop of the selected form field (empty elsewhere).
        public var zoom: Rect = Rect(row: 0, column: 0, rows: 0, columns: 0)
        /// The row under the page of a multi-page document that names the page shown (empty elsewhere).
        public var pageLabel: Rect = Rect(row: 0, column: 0, rows: 0, columns: 0)
        /// Earlier reviewers' verdicts on the selected item, for a lead adjudicating (empty elsewhere).
        public var earlier: Rect = Rect(row: 0, column: 0, rows: 0, columns: 0)
        /// The worker template's header and short instructions (empty without them).
        public var prompt: Rect = Rect(row: 0, column: 0, rows: 0, columns: 0)
    }

    /// Whether the body makes room for pictures.
    public enum PictureMode: Equatable, Sendable {
        /// The text screen alone (no picture has arrived, or the task has none).
        case hidden
        /// Pictures beside or above the text.
        case shown
        /// The page fills the body.
        case fullScreen
    }

    /// Form and moderation pictures go beside the text from this many columns on, above it below.
    public static let besideFromColumns = 80

    /// The regions for `task` in a terminal of `size`.
    public static func regions(_ content: TaskContent, size: Size, pictures: PictureMode = .hidden) -> Regions {
        let whole = ScreenLayout(size: size).body
        if pictures == .fullScreen {
            let none = Rect(row: whole.bottom, column: 0, rows: 0, columns: 0)
            return labellingPages(Regions(top: none, list: none, detail: none, picture: whole), of: content)
        }
        let (prompt, rest) = whole.splitTop(TemplatePromptView.rows(content.template, width: whole.columns - 2))
        let (body, picture) = pictures == .shown ? split(rest, for: content) : (rest, Rect(row: 0, column: 0, rows: 0, columns: 0))
        var regions = textRegions(content, body: body, zoomRows: pictures == .shown ? 4 : 0)
        regions.picture = picture
        (regions.list, regions.earlier) = regions.list.splitBottom(EarlierVerdictsView.rows(content.earlier, list: regions.list))
        regions.prompt = prompt
        return labellingPages(regions, of: content)
    }

    /// `regions` with the page label's row taken from the bottom of the picture, for a document of
    /// more than one page whose picture has room (2 rows or more).
    private static func labellingPages(_ regions: Regions, of content: TaskContent) -> Regions {
        guard case .form(let form) = content.body, form.pages > 1, regions.picture.rows >= 2 else { return regions }
        var labelled = regions
        (labelled.picture, labelled.pageLabel) = regions.picture.splitBottom(1)
        return labelled
    }

    /// The text's part of the body and the picture's.
    private static func split(_ body: Rect, for content: TaskContent) -> (text: Rect, picture: Rect) {
        let isPictureFirst: Bool
        switch content.body {
        case .form, .moderation: isPictureFirst = true
        case .classification, .freeText: isPictureFirst = false
        }
        if isPictureFirst, body.columns >= besideFromColumns {
            let pictureColumns = body.columns * 2 / 5
            let text = Rect(row: body.row, column: body.column, rows: body.rows, columns: body.columns - pictureColumns - 1)
            return (text, Rect(row: body.row, column: text.right + 1, rows: body.rows, columns: pictureColumns))
        }
        if case .form = content.body { return (body, Rect(row: body.row, column: body.column, rows: 0, columns: 0)) }
        let (picture, text) = body.splitTop(max(3, body.rows / 3))
        return (text, picture)
    }

    private static func textRegions(_ content: TaskContent, body: Rect, zoomRows: Int) -> Regions {
        let empty = Rect(row: body.bottom, column: 0, rows: 0, columns: 0)
        switch content.body {
        case .form(let form):
            let (top, rest) = body.splitTop(form.metadata.count + (form.missingKeys.isEmpty ? 0 : 1))
            let (above, detail) = rest.splitBottom(rest.rows >= 8 ? 2 : 1)
            let (list, zoom) = above.splitBottom(above.rows >= 8 + zoomRows ? zoomRows : min(zoomRows, 3))
            return Regions(top: top, list: list, detail: detail, zoom: zoom)
        case .moderation(let moderation):
            let (top, list) = body.splitTop(moderation.metadata.count)
            return Regions(top: top, list: list, detail: empty)
        case .classification(let classification):
            let (top, list) = body.splitTop(ClassificationView.topRows(classification, in: body))
            return Regions(top: top, list: list, detail: empty)
        case .freeText:
            return Regions(top: Rect(row: body.row, column: 0, rows: 0, columns: 0), list: body, detail: empty)
        }
    }

    /// Items (table rows, or text lines for free text) that fit in the list.
    public static func visibleItems(_ content: TaskContent, size: Size, pictures: PictureMode = .hidden) -> Int {
        let list = regions(content, size: size, pictures: pictures).list
        if case .freeText = content.body { return TextView.visibleLineCount(in: list, lineCount: Int.max) }
        let body = list.rows - 1
        return body >= content.itemCount ? max(1, body) : max(1, body - 1)
    }

    /// `scroll` with the selection moved by `delta` items and the list scrolled to show it.
    public static func scrolled(_ scroll: ScrollState, by delta: Int, paging: Bool, task: TaskState, size: Size) -> ScrollState {
        let visible = visibleItems(task.content, size: size, pictures: task.pictures.mode)
        guard case .freeText(let text) = task.content.body else {
            return scroll.moved(by: delta, count: task.content.itemCount, visible: visible)
        }
        let lines = FreeTextLines(text, verdict: task.verdict, width: FreeTextView.textWidth(size), editing: task.editing)
        return paging ? lines.paged(scroll, by: delta, visible: visible) : lines.moved(scroll, by: delta, visible: visible)
    }
}
