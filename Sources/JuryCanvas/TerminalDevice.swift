/// Something that happened at the terminal.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// The terminal now has this size (SIGWINCH); re-render at once.
    case resize(Size)
    /// A mouse report (only when the adapter asked the terminal for them).
    case mouse(MouseEvent)
}

/// What screens need from a terminal. `NCursesTerminal` is the real one; `ScriptedTerminal` a
/// fake for tests and scripted runs.
public protocol TerminalDevice: AnyObject {
    /// Current size in cells.
    var size: Size { get }
    /// The terminal's colour capability (before `NO_COLOR`; see `ThemeSelection`).
    var colorCapability: ColorCapability { get }
    /// Sets the styles used from the next `present` on.
    func install(_ theme: ResolvedTheme)
    /// Shows `canvas`. A canvas of another size than `size` is clipped or padded.
    func present(_ canvas: Canvas)
    /// Shows `canvas`, then `graphics` in their regions (pixel protocols); an empty list removes
    /// the pictures the previous call placed.
    func present(_ canvas: Canvas, graphics: [GraphicsPlacement])
    /// The next event, waiting at most `timeout` (nil: wait for ever). Returns nil on timeout.
    func nextEvent(timeout: Duration?) -> TerminalEvent?
}

extension TerminalDevice {
    /// Terminals without pixel protocols show the canvas alone.
    public func present(_ canvas: Canvas, graphics: [GraphicsPlacement]) { present(canvas) }
}

/// A fake terminal driven by a list of events; it records every presented canvas.
/// `nextEvent` returns the scripted events in order, then nil (as a timeout would).
public final class ScriptedTerminal: TerminalDevice {
    public private(set) var size: Size
    public let colorCapability: ColorCapability
    public private(set) var theme: ResolvedTheme?
    public private(set) var presented: [Canvas] = []
    /// The graphics given with each presented canvas (empty lists for `present(_:)`).
    public private(set) var presentedGraphics: [[GraphicsPlacement]] = []
    private var events: [TerminalEvent]
    /// Whether the script's events are all typed at once, so that a read that only looks at what is
    /// already in (`nextEvent(timeout: .zero)`, the keys typed ahead) gets them; when false each
    /// event is typed when the program next waits for one, as a person who reads every screen does.
    public let typesAhead: Bool

    public init(size: Size, colorCapability: ColorCapability = .twoFiftySix, events: [TerminalEvent] = [], typesAhead: Bool = true) {
        self.size = size
        self.colorCapability = colorCapability
        self.events = events
        self.typesAhead = typesAhead
    }

    /// Convenience: a script of keys.
    public convenience init(size: Size, keys: [Key], typesAhead: Bool = true) {
        self.init(size: size, events: keys.map { .key($0) }, typesAhead: typesAhead)
    }

    public var lastCanvas: Canvas? { presented.last }

    public func install(_ theme: ResolvedTheme) { self.theme = theme }

    public func present(_ canvas: Canvas) { present(canvas, graphics: []) }

    public func present(_ canvas: Canvas, graphics: [GraphicsPlacement]) {
        presented.append(canvas)
        presentedGraphics.append(graphics)
    }

    /// Appends events to the script.
    public func enqueue(_ more: [TerminalEvent]) { events.append(contentsOf: more) }

    public func nextEvent(timeout: Duration?) -> TerminalEvent? {
        guard !events.isEmpty, typesAhead || timeout != .zero else { return nil }
        let event = events.removeFirst()
        if case .resize(let newSize) = event { size = newSize }
        return event
    }
}
