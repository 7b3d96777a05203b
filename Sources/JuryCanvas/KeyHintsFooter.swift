/// The footer line of key hints, made from a screen's `KeyBindings` and the `CommandTable`:
/// `a Approve  e Edit  s Skip  ? Help`. Pure.
///
/// One hint per command (its first footer-visible key), in binding order. Hints that do not fit
/// are replaced by a final "…" so the cut is visible; `?`/help should come early in the table.
public struct KeyHintsFooter: Hashable, Sendable {
    public struct Hint: Hashable, Sendable {
        public var key: String
        public var summary: String
    }

    public var hints: [Hint]

    public init(bindings: KeyBindings, commands: CommandTable) {
        var seen = Set<CommandID>()
        hints = bindings.bindings.compactMap { binding in
            guard binding.inFooter, !seen.contains(binding.command), let command = commands[binding.command] else { return nil }
            seen.insert(binding.command)
            return Hint(key: binding.key.name, summary: command.summary)
        }
    }

    /// Draws on one line of `rect` (its first row), background `statusBar`, keys `keyHint`.
    public func render(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = Rect(row: rect.row, column: rect.column, rows: 1, columns: rect.columns)
        canvas.fill(line, role: .statusBar)
        var x = rect.column + 1
        for (i, hint) in hints.enumerated() {
            let width = DisplayWidth.of(hint.key) + 1 + DisplayWidth.of(hint.summary)
            let isLast = i == hints.count - 1
            guard x + width <= line.right - (isLast ? 0 : 2) else {
                canvas.put(SafeText.ellipsis, row: line.row, column: min(x, line.right - 1), role: .statusBar, clip: line)
                return
            }
            x += canvas.put(hint.key, row: line.row, column: x, role: .keyHint, clip: line)
            x += canvas.put(" " + hint.summary, row: line.row, column: x, role: .statusBar, clip: line) + 2
        }
    }
}
