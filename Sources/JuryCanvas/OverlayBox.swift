/// A bordered box centred over what is already on the canvas (help, confirm dialogs).
/// Draws the frame, title and a blank interior; returns the interior for the caller's content.
public struct OverlayBox: Hashable, Sendable {
    /// Shown through the sanitizer (a title may quote task data, such as a loop name).
    public var title: String
    /// Wanted interior size; the box shrinks to fit the canvas (one free cell kept around it
    /// when possible).
    public var contentSize: Size

    public init(title: String, contentSize: Size) {
        self.title = title
        self.contentSize = contentSize
    }

    /// The outer frame for a canvas of `size`.
    public func frame(in size: Size) -> Rect {
        let margin = size.columns > 4 && size.rows > 4 ? 1 : 0
        let area = Rect(size).inset(by: margin)
        return area.centered(Size(rows: contentSize.rows + 2, columns: contentSize.columns + 4))
    }

    /// Draws the box and returns the interior rectangle (1 column of padding inside the border).
    @discardableResult
    public func render(into canvas: inout Canvas) -> Rect {
        let box = frame(in: canvas.size)
        guard box.rows >= 2, box.columns >= 2 else { return Rect(row: box.row, column: box.column, rows: 0, columns: 0) }
        canvas.fill(box)
        drawBorder(into: &canvas, box)
        if !title.isEmpty, box.columns > 6 {
            let shown = Sanitizer.sanitize(" \(title) ").truncated(to: box.columns - 4)
            canvas.put(shown, row: box.row, column: box.column + 2, role: .title, clip: box)
        }
        return Rect(row: box.row + 1, column: box.column + 2, rows: box.rows - 2, columns: box.columns - 4)
    }

    private func drawBorder(into canvas: inout Canvas, _ box: Rect) {
        let horizontal = String(repeating: "\u{2500}", count: max(0, box.columns - 2))
        canvas.put("\u{250C}" + horizontal + "\u{2510}", row: box.row, column: box.column, role: .border, clip: box)
        canvas.put("\u{2514}" + horizontal + "\u{2518}", row: box.bottom - 1, column: box.column, role: .border, clip: box)
        for y in (box.row + 1)..<(box.bottom - 1) {
            canvas.put("\u{2502}", row: y, column: box.column, role: .border, clip: box)
            canvas.put("\u{2502}", row: y, column: box.right - 1, role: .border, clip: box)
        }
    }
}
