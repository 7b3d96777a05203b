/// The footer line of key hints, made from a screen's `KeyBindings` and the `CommandTable`:
/// `a Approve  e Edit  s Skip  ? Help`. Pure.
///
/// One hint per command (its first footer-visible key), in binding order, except that the help
/// hint (command `help`) always comes last and stays visible: hints that do not fit before it are
/// replaced by a "…" so the cut shows, and help says where the rest are.
public struct KeyHintsFooter: Hashable, Sendable {
    public struct Hint: Hashable, Sendable {
        public var key: String
        public var summary: String

        /// Columns the hint takes: key, a space, summary.
        var width: Int { DisplayWidth.of(key) + 1 + DisplayWidth.of(summary) }
    }

    /// The command whose hint stays visible however narrow the footer.
    public static let helpCommand: CommandID = "help"

    /// Every hint but help's, in binding order.
    public var hints: [Hint]
    public var help: Hint?

    public init(bindings: KeyBindings, commands: CommandTable) {
        var seen = Set<CommandID>()
        var help: Hint?
        hints = bindings.bindings.compactMap { binding in
            guard binding.inFooter, !seen.contains(binding.command), let command = commands[binding.command] else { return nil }
            seen.insert(binding.command)
            let hint = Hint(key: binding.key.name, summary: command.summary)
            guard binding.command != Self.helpCommand else {
                help = hint
                return nil
            }
            return hint
        }
        self.help = help
    }

    /// Draws on one line of `rect` (its first row), background `statusBar`, keys `keyHint`.
    public func render(into canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = Rect(row: rect.row, column: rect.column, rows: 1, columns: rect.columns)
        canvas.fill(line, role: .statusBar)
        let shown = fittingCount(room: line.columns - 1)
        var x = rect.column + 1
        for hint in hints.prefix(shown) { x = draw(hint, at: x, into: &canvas, clip: line) + 2 }
        if shown < hints.count { x += canvas.put(SafeText.ellipsis, row: line.row, column: x, role: .statusBar, clip: line) + 2 }
        if let help { draw(help, at: x, into: &canvas, clip: line) }
    }

    /// How many of `hints` fit in `room` columns with help after them (and "…" when some are left out).
    private func fittingCount(room: Int) -> Int {
        let helpWidth = help?.width ?? 0
        let widths = hints.map { $0.width + 2 }
        if widths.reduce(0, +) + helpWidth <= room { return hints.count }
        var used = 1 + 2 + helpWidth
        var count = 0
        while count < hints.count, used + widths[count] <= room {
            used += widths[count]
            count += 1
        }
        return count
    }

    /// Draws `hint` at column `x`; returns the column after it.
    @discardableResult
    private func draw(_ hint: Hint, at x: Int, into canvas: inout Canvas, clip: Rect) -> Int {
        let afterKey = x + canvas.put(hint.key, row: clip.row, column: x, role: .keyHint, clip: clip)
        return afterKey + canvas.put(" " + hint.summary, row: clip.row, column: afterKey, role: .statusBar, clip: clip)
    }
}
