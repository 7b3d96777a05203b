import JuryCanvas
import JuryMedia

/// Draws the task's pictures into their regions: the page (or image) and the zoomed field, centred;
/// a dim note while one is on its way or when a field has no region on the page.
enum PictureView {
    static func render(_ task: TaskState, into canvas: inout Canvas, regions: TaskLayout.Regions) {
        draw(task.pictures.page, in: regions.picture, into: &canvas, waiting: "loading the picture…")
        drawPageLabel(task, in: regions.pageLabel, into: &canvas)
        guard let field = task.selectedField else {
            draw(nil, in: regions.zoom, into: &canvas, waiting: "no field to zoom into")
            return
        }
        guard field.keyBox != nil || field.valueBox != nil else {
            draw(nil, in: regions.zoom, into: &canvas, waiting: "no region on the page for this field")
            return
        }
        draw(task.pictures.zoom, in: regions.zoom, into: &canvas, waiting: "zooming…")
    }

    /// "page N/M" centred under a multi-page document: N is the page of the picture shown (the
    /// selected field's once its page has arrived), M the document's pages.
    private static func drawPageLabel(_ task: TaskState, in rect: Rect, into canvas: inout Canvas) {
        guard !rect.isEmpty, case .form(let form) = task.content.body else { return }
        canvas.fill(rect)
        let shown = task.pictures.page?.request.page ?? max(1, task.selectedField?.page ?? 1)
        let text = SafeText(trusted: "page \(shown)/\(form.pages)").truncated(to: rect.columns)
        canvas.put(text, row: rect.row, column: rect.column + max(0, (rect.columns - text.width) / 2), role: .dim)
    }

    /// Where `picture` goes in `rect` (centred); nil when it does not fit (a picture for another size).
    static func origin(of picture: MediaPicture, in rect: Rect) -> Point? {
        let size = picture.canvas.size
        guard !rect.isEmpty, size.rows <= rect.rows, size.columns <= rect.columns else { return nil }
        return Point(row: rect.row + (rect.rows - size.rows) / 2, column: rect.column + (rect.columns - size.columns) / 2)
    }

    private static func draw(_ shown: ShownPicture?, in rect: Rect, into canvas: inout Canvas, waiting: String) {
        guard !rect.isEmpty else { return }
        canvas.fill(rect)
        guard let shown, let origin = origin(of: shown.picture, in: rect) else {
            let text = SafeText(trusted: waiting).truncated(to: rect.columns)
            canvas.put(text, row: rect.row + rect.rows / 2, column: rect.column + max(0, (rect.columns - text.width) / 2), role: .dim)
            return
        }
        canvas.blit(shown.picture.canvas, at: origin)
    }
}
