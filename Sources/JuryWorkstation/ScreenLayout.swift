import JuryCanvas

/// The frame every screen shares: a header row, a subtitle row, the body, a status row and the
/// key-hint footer. Pure: a function of the terminal size.
public struct ScreenLayout: Equatable, Sendable {
    public var header: Rect
    public var subtitle: Rect
    public var body: Rect
    public var status: Rect
    public var footer: Rect

    public init(size: Size) {
        let all = Rect(size)
        let (top, rest) = all.splitTop(2)
        let (body, bottom) = rest.splitBottom(2)
        header = top.splitTop(1).top
        subtitle = top.splitTop(1).rest
        self.body = body
        status = bottom.splitTop(1).top
        footer = bottom.splitTop(1).rest
    }
}

/// The queue screen's geometry.
public enum QueueLayout {
    /// Queue rows per page: the body minus the table header and the paging line.
    public static func pageSize(for size: Size) -> Int {
        max(1, ScreenLayout(size: size).body.rows - 2)
    }

    /// Where the table is drawn (the body above the paging line), as for the history list too.
    public static func tableArea(for size: Size) -> Rect {
        ScreenLayout(size: size).body.splitBottom(1).rest
    }
}

/// The help overlay's geometry (as `HelpOverlay` lays it out).
enum HelpLayout {
    static func visibleLines(lineCount: Int, size: Size) -> Int {
        let box = OverlayBox(title: "", contentSize: Size(rows: lineCount, columns: 1)).frame(in: size)
        return TextView.visibleLineCount(in: box.inset(by: 1), lineCount: lineCount)
    }
}
