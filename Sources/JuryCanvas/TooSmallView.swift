/// What to show when the terminal is smaller than a screen needs: a clear message instead of a
/// garbled layout. Pure.
public enum TooSmallView {
    /// A canvas of `size` with the centred, wrapped message
    /// "Terminal too small" / "need 80x24, have 60x20" / "Enlarge the window".
    public static func render(size: Size, minimum: Size) -> Canvas {
        var canvas = Canvas(size: size)
        let text = SafeText(trusted: "Terminal too small\nneed \(minimum), have \(size)\nEnlarge the window")
        let lines = TextWrap.lines(text, width: max(1, size.columns))
        let top = max(0, (size.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.rows {
            let column = line.offset(in: size.columns, alignment: .center)
            canvas.put(line, row: top + i, column: column, role: i == 0 ? .warning : .normal)
        }
        return canvas
    }

    /// `render()` when `size` fits `minimum`, otherwise the too-small message.
    public static func guarded(size: Size, minimum: Size, render: (Size) -> Canvas) -> Canvas {
        size.fits(minimum) ? render(size) : Self.render(size: size, minimum: minimum)
    }
}
