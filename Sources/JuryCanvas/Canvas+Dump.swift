extension Canvas {
    /// The text of the canvas for golden files: one line per row, continuation cells skipped,
    /// trailing spaces removed, rows joined with "\n" (no final newline).
    public func textDump() -> String {
        (0..<size.rows).map { y in
            let line = row(y).filter { !$0.isContinuation }.map(\.grapheme).joined()
            return String(line.reversed().drop(while: { $0 == " " }).reversed())
        }.joined(separator: "\n")
    }

    /// The style roles of the canvas: one `StyleRole.dumpCode` character per column (a wide
    /// grapheme's continuation repeats its code), one line per row, joined with "\n".
    public func roleDump() -> String {
        (0..<size.rows).map { y in
            String(row(y).map(\.role.dumpCode))
        }.joined(separator: "\n")
    }

    /// The dump text of one row (continuations skipped, trailing spaces kept).
    public func line(_ y: Int) -> String {
        row(y).filter { !$0.isContinuation }.map(\.grapheme).joined()
    }
}

extension Canvas {
    /// The explicit colours of the canvas for golden files: per row, one `fg/bg` token per
    /// non-continuation cell (`TerminalColor.dumpText`, `-` for none), separated by spaces.
    public func colorDump() -> String {
        (0..<size.rows).map { y in
            row(y).filter { !$0.isContinuation }.map { cell in
                (cell.colors?.foreground?.dumpText ?? "-") + "/" + (cell.colors?.background?.dumpText ?? "-")
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
