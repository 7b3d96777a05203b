import CNCursesW
import JuryCanvas

/// Why the real terminal could not be opened.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal.
    case notATerminal
    /// curses has no description for this `TERM`.
    case unknownTerminal(String)
    /// This `TERM`'s description cannot place the cursor (`dumb`, a printing terminal).
    case cannotPlaceCursor(String)
    /// The locale's character set (named) is not UTF-8: typed text and task data would be mangled.
    case notUTF8(String)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal"
        case .unknownTerminal(let term): "unknown terminal type \"\(term)\" (set TERM, e.g. xterm-256color)"
        case .cannotPlaceCursor(let term): "terminal type \"\(term)\" cannot place the cursor, which a full-screen program needs (set TERM to your terminal's, e.g. xterm-256color)"
        case .notUTF8(let codeset):
            "the locale's character set is \(codeset), not UTF-8, so typed text would be lost: set LC_ALL (or LANG) to a UTF-8 locale, "
                + "e.g. LC_ALL=C.UTF-8 (`locale -a` lists those installed)"
        }
    }
}

/// The ncurses adapter: the only Swift file that imports `CNCursesW`.
///
/// Opening it sets the locale from the environment, starts curses in raw mode (no echo, keypad
/// keys decoded, `nonl`, 25 ms escape delay, hidden cursor), refuses a locale that is not UTF-8 and a
/// terminal that cannot place the cursor, starts colours when the terminal has
/// them (with the terminal's default colours as -1), and installs SIGINT/SIGTERM/SIGHUP handlers
/// that restore the terminal. `present` writes only the cells that changed since the last frame.
/// Image cells' explicit colours use ncurses' pair pool: RGB values directly on a direct-colour
/// terminal (`COLORS` >= 2^24, e.g. `xterm-direct`), else the nearest palette colour; none at all
/// when the installed theme has no colours (`NO_COLOR`). Linked cells (`Canvas.links`) are written
/// again inside OSC 8 after the frame (`NCursesTerminal+Links.swift`).
/// Call `close()` (or let it deinit) to restore the terminal.
public final class NCursesTerminal: TerminalDevice {
    public private(set) var size: Size
    public let colorCapability: ColorCapability
    private let screen: OpaquePointer
    private var previous: Canvas?
    private var styles: [StyleRole: (attributes: attr_t, pair: Int32)] = [:]
    private(set) var theme: ResolvedTheme?
    private var hasDefaultColors = false
    private var isOpen = true
    private(set) var explicitColors = false
    private var paletteIndices: [UInt32: Int32] = [:]
    private var placed: [GraphicsPlacement] = []
    private let maxCodePointsPerCell = Int(jury_ccharw_max())

    /// Whether the terminal was asked for mouse reports (turned off again by `close()` and the exit handlers).
    private let reportsMouse: Bool

    /// Opens the terminal on stdin/stdout; with `mouse`, asks it for SGR mouse reports (xterm modes 1000
    /// and 1006: presses, releases and the wheel), which `nextEvent` gives as `.mouse`.
    /// - Throws: `TerminalError` when they are not a terminal, the locale is not UTF-8, or `TERM` is
    ///   unknown or cannot place the cursor.
    public init(term: String?, mouse: Bool = false) throws(TerminalError) {
        guard jury_is_terminal() != 0 else { throw .notATerminal }
        jury_setlocale_from_environment()
        let codeset = String(cString: jury_locale_codeset())
        guard codeset == "UTF-8" else { throw .notUTF8(codeset) }
        jury_enable_resize_signal()
        guard let screen = jury_newterm() else { throw .unknownTerminal(term ?? "") }
        guard jury_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw .cannotPlaceCursor(term ?? "")
        }
        self.screen = screen
        let window = jury_stdscr()
        raw(); noecho(); nonl()
        keypad(window, true)
        set_escdelay(25)
        curs_set(0)
        if has_colors() {
            start_color()
            hasDefaultColors = use_default_colors() == OK
        }
        colorCapability = ColorCapability(colorCount: has_colors() ? Int(jury_colors()) : 0)
        size = Size(rows: 0, columns: 0)
        reportsMouse = mouse
        size = currentSize()
        jury_install_exit_handlers()
        // curses would take `ESC [ <` (kmous) for its own mouse protocol; Jury decodes the reports itself.
        keyok(KEY_MOUSE, false)
        if mouse { jury_mouse_reports(1) }
    }

    deinit { close() }

    /// Restores the terminal (endwin). Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        if reportsMouse { jury_mouse_reports(0) }
        endwin()
        delscreen(screen)
        jury_remove_exit_handlers()
    }

    // MARK: - Styles

    public func install(_ theme: ResolvedTheme) {
        var pairs: [[Int32]: Int32] = [:]
        let maxPairs = Int32(jury_color_pairs())
        styles = [:]
        for role in StyleRole.allCases {
            let style = theme[role]
            var pair: Int32 = 0
            if theme.capability != .none, has_colors() {
                let colors = [color(style.foreground, isBackground: false), color(style.background, isBackground: true)]
                if colors != [-1, -1] || !hasDefaultColors {
                    pair = pairs[colors] ?? Int32(pairs.count + 1)
                    if pairs[colors] == nil, pair < maxPairs {
                        init_pair(Int16(pair), Int16(colors[0]), Int16(colors[1]))
                        pairs[colors] = pair
                    }
                    if pair >= maxPairs { pair = 0 }
                }
            }
            styles[role] = (attributes(style.attributes), pair)
        }
        explicitColors = theme.capability != .none && has_colors()
        self.theme = theme
        previous = nil
    }

    private func color(_ index: Int, isBackground: Bool) -> Int32 {
        if index >= 0 { return Int32(min(index, Int(jury_colors()) - 1)) }
        return hasDefaultColors ? -1 : (isBackground ? Int32(COLOR_BLACK) : Int32(COLOR_WHITE))
    }

    private func attributes(_ a: TextAttributes) -> attr_t {
        var bits = jury_attr_normal()
        if a.contains(.bold) { bits |= jury_attr_bold() }
        if a.contains(.underline) { bits |= jury_attr_underline() }
        if a.contains(.reverse) { bits |= jury_attr_reverse() }
        if a.contains(.dim) { bits |= jury_attr_dim() }
        return bits
    }

    // MARK: - Output

    public func present(_ canvas: Canvas) {
        guard isOpen else { return }
        var frame = canvas
        if canvas.size != size {
            frame = Canvas(size: size)
            frame.blit(canvas, at: Point(row: 0, column: 0))
        }
        if FrameDiff.dropsLinks(from: previous, to: frame) { previous = nil }
        if previous == nil { clearok(jury_stdscr(), true) }
        var whole: [(row: Int, column: Int, grapheme: String)] = []
        let changes = FrameDiff.changes(from: previous, to: frame)
        for change in changes {
            write(change.cell, row: change.row, column: change.column)
            if Self.overflowsCell(change.cell.grapheme, codePointsPerCell: maxCodePointsPerCell) {
                whole.append((change.row, change.column, change.cell.grapheme))
            }
        }
        if let cursor = frame.cursor, frame.contains(row: cursor.row, column: cursor.column) {
            curs_set(1)
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        refresh()
        for cell in whole { writeWhole(cell.grapheme, row: cell.row, column: cell.column) }
        writeLinks(FrameDiff.linksToRewrite(from: previous, to: frame, changes: changes), of: frame)
        previous = frame
    }

    /// True for a grapheme a curses cell cannot hold, which is then written whole past curses: one with
    /// more than one spacing character (an emoji ZWJ sequence 👩‍💻, a skin-tone modifier 👍🏽) or more
    /// scalars than `codePointsPerCell` (a letter with many combining marks). A flag is not one (it is
    /// drawn as its region code), nor is a grapheme holding any C0, DEL or C1 control or a hidden scalar:
    /// those bytes would reach the terminal past curses.
    static func overflowsCell(_ grapheme: String, codePointsPerCell: Int) -> Bool {
        let scalars = Array(grapheme.unicodeScalars)
        guard scalars.count > 1, !Self.isFlag(scalars) else { return false }
        let fits = scalars.count <= codePointsPerCell && scalars.dropFirst().allSatisfy { $0.value != 0x200D && DisplayWidth.of(scalar: $0) == 0 }
        return !fits && scalars.allSatisfy { Sanitizer.picture(of: $0) == nil && !Sanitizer.isHidden($0) }
    }

    /// Two regional indicators.
    private static func isFlag(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.count == 2 && scalars.allSatisfy { (0x1F1E6...0x1F1FF).contains($0.value) }
    }

    /// Writes a whole grapheme over the cell where curses drew its first emoji, straight to the terminal
    /// after curses' refresh (cursor and attributes saved and restored around it, DECSC/DECRC).
    private func writeWhole(_ grapheme: String, row: Int, column: Int) {
        writeRaw(Array("\u{1B}7\u{1B}[\(row + 1);\(column + 1)H".utf8) + Array(grapheme.utf8) + Array("\u{1B}8".utf8))
    }

    /// Presents `canvas`, then writes each placement's payload at its region's corner. When the
    /// placements change, the old regions are redrawn from the canvas (and kitty's pictures deleted).
    public func present(_ canvas: Canvas, graphics: [GraphicsPlacement]) {
        let changed = graphics != placed, redraw = changed || previous == nil
        if changed, placed.contains(where: { $0.kind == .kitty }) { writeRaw(Array("\u{1B}_Ga=d,q=2\u{1B}\\".utf8)) }
        if changed, !placed.isEmpty { previous = nil }
        present(canvas)
        guard redraw else { return }
        for placement in graphics where !placement.region.isEmpty {
            let move = "\u{1B}7\u{1B}[\(placement.region.row + 1);\(placement.region.column + 1)H"
            writeRaw(Array(move.utf8) + placement.payload + Array("\u{1B}8".utf8))
        }
        placed = graphics
    }

    func writeRaw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { jury_write_raw($0.baseAddress, $0.count) }
    }

    private func write(_ cell: Cell, row: Int, column: Int) {
        var style = styles[cell.role] ?? (jury_attr_normal(), 0)
        if let colors = cell.colors, explicitColors { style.pair = pair(for: colors, fallback: style.pair) }
        let points = codePoints(of: cell.grapheme)
        let cells = cell.width == 2 && points.count == 2 && points.allSatisfy({ $0 < 0x80 }) ? points.map { [$0] } : [points]
        for (offset, var text) in cells.enumerated() {
            text.append(0)
            _ = text.withUnsafeBufferPointer { buffer in
                jury_put_cell(Int32(row), Int32(column + offset), buffer.baseAddress, style.attributes, style.pair)
            }
        }
    }

    private func pair(for colors: CellColors, fallback: Int32) -> Int32 {
        let pair = jury_alloc_pair(colorNumber(colors.foreground), colorNumber(colors.background))
        return pair > 0 ? pair : fallback
    }

    /// Colours are RGB values themselves (`COLORS` >= 2^24, e.g. `xterm-direct`).
    var hasDirectColor: Bool { Int(jury_colors()) >= 1 << 24 }

    func colorNumber(_ color: TerminalColor?) -> Int32 {
        guard let color else { return hasDefaultColors ? -1 : 0 }
        let count = Int(jury_colors())
        if hasDirectColor { return Int32(color.packedRGB) }
        if let known = paletteIndices[color.packedRGB] { return known }
        if paletteIndices.count >= 1 << 16 { paletteIndices.removeAll(keepingCapacity: true) }
        let index = count >= 256 ? color.paletteIndex : Palette.nearestBasic(to: color.paletteIndex)
        paletteIndices[color.packedRGB] = Int32(index)
        return Int32(index)
    }

    /// The grapheme as wide characters for one curses cell. A curses cell holds one spacing
    /// character plus non-spacing ones (at most CCHARW_MAX), so: a flag (two regional indicators)
    /// becomes its two-letter region code across the grapheme's two cells, a grapheme that overflows
    /// a cell is reduced to what fits in curses' copy (the whole grapheme is then written over it,
    /// `writeWhole`), and controls never pass.
    private func codePoints(of grapheme: String) -> [wchar_t] {
        let scalars = Array(grapheme.unicodeScalars)
        if Self.isFlag(scalars) {
            return scalars.map { wchar_t(0x41 + $0.value - 0x1F1E6) }
        }
        var kept = scalars.prefix(1).map { $0 }
        for s in scalars.dropFirst() {
            guard kept.count < maxCodePointsPerCell, s.value != 0x200D, DisplayWidth.of(scalar: s) == 0 else { break }
            kept.append(s)
        }
        return kept.map { s in
            s.value < 0x20 || (0x7F..<0xA0).contains(s.value) || Sanitizer.isHidden(s) ? wchar_t(0x3F) : wchar_t(bitPattern: s.value)
        }
    }

    // MARK: - Input

    public func nextEvent(timeout: Duration?) -> TerminalEvent? {
        guard isOpen else { return nil }
        wtimeout(jury_stdscr(), timeout.map(Self.milliseconds) ?? -1)
        var code: wint_t = 0
        let status = wget_wch(jury_stdscr(), &code)
        if status == KEY_CODE_YES { return functionKey(Int32(bitPattern: code), timeout: timeout) }
        guard status == OK, let scalar = Unicode.Scalar(code) else { return nil }
        let key = KeyDecoder.key(for: scalar)
        guard key == .escape else { return .key(key) }
        return afterEscape() ?? nextEvent(timeout: timeout)
    }

    /// Reads what follows ESC, each character within ncurses' escape delay of the one before, and
    /// decodes it (`EscapeSequence`): a key or a mouse report; nil when it was a control sequence of no
    /// known key (dropped). A character that is not part of the key is read again as the next key.
    private func afterEscape() -> TerminalEvent? {
        var following: [Unicode.Scalar] = []
        while true {
            switch EscapeSequence.decode(following) {
            case .key(let key, let consumed):
                if consumed < following.count { unget_wch(wchar_t(bitPattern: following[consumed].value)) }
                return .key(key)
            case .mouse(let event, _): return .mouse(event)
            case .dropped: return nil
            case .incomplete: break
            }
            wtimeout(jury_stdscr(), jury_escape_delay())
            var code: wint_t = 0
            let status = wget_wch(jury_stdscr(), &code)
            if status == KEY_CODE_YES { ungetch(Int32(bitPattern: code)) }
            guard status == OK, let scalar = Unicode.Scalar(code) else { return EscapeSequence.timedOut(following).map(TerminalEvent.key) }
            following.append(scalar)
        }
    }

    private func functionKey(_ code: Int32, timeout: Duration?) -> TerminalEvent? {
        if code == KEY_RESIZE {
            size = currentSize()
            previous = nil
            return .resize(size)
        }
        if let key = Self.keypadKeys[code] { return .key(key) }
        let f0 = jury_key_f(0)
        if code > f0, code <= f0 + 24 { return .key(.function(Int(code - f0))) }
        return nextEvent(timeout: timeout)
    }

    private static let keypadKeys: [Int32: Key] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right,
        KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_HOME: .home, KEY_END: .end,
        KEY_ENTER: .enter, KEY_BACKSPACE: .backspace, KEY_DC: .delete, KEY_IC: .insert,
        KEY_BTAB: .backTab, KEY_LL: .end, KEY_A1: .home, KEY_C1: .end, KEY_A3: .pageUp, KEY_C3: .pageDown,
    ]

    private func currentSize() -> Size {
        var rows: Int32 = 0, columns: Int32 = 0
        jury_getmaxyx(jury_stdscr(), &rows, &columns)
        return Size(rows: Int(rows), columns: Int(columns))
    }

    private static func milliseconds(_ d: Duration) -> Int32 {
        let (seconds, attoseconds) = d.components
        return Int32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }
}
