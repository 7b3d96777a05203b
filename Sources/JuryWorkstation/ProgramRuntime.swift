import Foundation
import JuryCore
import JuryCanvas

/// Runs a `TerminalProgram`: reads events from a terminal, feeds them to the update, performs the
/// effects off the key loop (one after another, in order, through `perform`; slow ones aside, see
/// `runsAside`), feeds their results
/// back as messages, and presents the view after each change. The one place where state meets I/O,
/// for the workstation and the dashboard alike.
///
/// Keys are never reordered: while an effect that holds input (`holdsInput`) is out, keys wait (in
/// the terminal, unread), then reach the screen its result shows; the loop takes each result as it
/// arrives, so a chain of such effects (a verdict, the next claim, its task) shows without delay.
/// When the chain ends on another subject than it started on (`screenSubject`: the next task came
/// up), the keys and clicks typed meanwhile are dropped: they were meant for the screen before.
/// Other effects (saving a draft, reloading figures) run while the reviewer keeps typing.
public final class ProgramRuntime<Program: TerminalProgram> {
    public private(set) var state: Program.State
    let terminal: any TerminalDevice
    let clock: @Sendable () -> Date
    private let effects: EffectRunner<Program.Effect, Program.Message>
    private var heldMessages: [Program.Message] = []
    /// The screen's subject when the chain of effects holding input began, and whether that chain
    /// (an effect that holds input, the ones its results start, and so on) is still going.
    private var subjectAtHold: AnyHashable?
    private var holdChainOpen = false
    /// Whether the state changed since the last frame: only then is the view rendered again.
    private var needsFrame = true
    /// When the last tick was sent: a tick also follows a key when `tickInterval` has passed since,
    /// so the clock on screen (a lease's countdown) runs on while the reviewer types.
    private var lastTick = ContinuousClock.now
    private var lastPresented: Canvas?
    private var lastGraphics: [GraphicsPlacement] = []

    /// How often the loop looks for effect results while one is out that does not hold input (keys are read
    /// meanwhile).
    static var resultPoll: Duration { .milliseconds(5) }
    /// While an effect that holds input is out, keys would wait anyway: the loop waits for results instead
    /// of the terminal, at most this long at a time, so a result (and the next screen) shows at once.
    static var resultWait: DispatchTimeInterval { .milliseconds(50) }

    /// - Parameters:
    ///   - clock: the service's clock, for ticks.
    ///   - perform: performs one effect (on the effects thread) and returns the message carrying its result.
    public init(state: Program.State, terminal: any TerminalDevice, clock: @escaping @Sendable () -> Date,
                perform: @escaping @Sendable (Program.Effect) -> Program.Message?) {
        self.state = state
        self.terminal = terminal
        self.clock = clock
        effects = EffectRunner(perform: perform)
    }

    /// Loads and shows the first screen, waiting for the effects that load it.
    public func start() {
        for effect in Program.start(&state, size: terminal.size, now: Timestamp.milliseconds(clock())) { enqueue(effect) }
        settle()
        present()
    }

    /// Runs until the program quits. `idleLimit` (for scripted terminals, whose script ending looks like a
    /// timeout) stops after that many timeouts in a row with no effect out.
    public func run(idleLimit: Int? = nil) {
        var idle = 0
        while !Program.isQuitting(state) {
            // A held result can also arrive between the timed wait below and this check.
            applyResultsThenTypedAhead()
            if ContinuousClock.now - lastTick >= Program.tickInterval(state) { tick() }
            present()
            if effects.holding > 0 {
                applyResultsThenTypedAhead(waiting: Self.resultWait)
                continue
            }
            let waiting = effects.pending > 0
            guard let event = terminal.nextEvent(timeout: waiting ? Self.resultPoll : Program.tickInterval(state)) else {
                if waiting { continue }
                idle += 1
                if let idleLimit, idle >= idleLimit { return }
                tick()
                continue
            }
            idle = 0
            if let message = Program.message(for: event) { receive(message) }
        }
    }

    private func tick() {
        lastTick = ContinuousClock.now
        receive(Program.tick(Timestamp.milliseconds(clock())))
    }

    /// Applies the finished effects' results (see `applyFinishedEffects(waiting:)`); when one of them
    /// ends a hold on input, the keys typed meanwhile follow before the next frame.
    private func applyResultsThenTypedAhead(waiting: DispatchTimeInterval = .never) {
        let wasHolding = effects.holding > 0
        applyFinishedEffects(waiting: waiting)
        if wasHolding, effects.holding == 0 { applyTypedAhead() }
        if effects.holding == 0 { holdChainOpen = false }
    }

    /// Applies the keys typed while input was held, all that are in, before the next frame (so a quick
    /// typist sees no screen in between); stops early when one of them holds input again. When the
    /// screen's subject changed meanwhile, only resizes are applied.
    private func applyTypedAhead() {
        let subjectChanged = Program.screenSubject(state) != subjectAtHold
        while effects.holding == 0, let event = terminal.nextEvent(timeout: .zero) {
            if subjectChanged, Self.isInput(event) { continue }
            if let message = Program.message(for: event) { receive(message) }
        }
    }

    /// Whether `event` is the reviewer's (a key or a click), not the terminal's.
    private static func isInput(_ event: TerminalEvent) -> Bool {
        if case .resize = event { return false }
        return true
    }

    /// Applies `message`, waits for the effects it caused (and theirs), then presents: for scripts and tests.
    public func send(_ message: Program.Message) {
        receive(message)
        settle()
        present()
    }

    /// Waits until every effect out has finished and its result is applied.
    public func settle() {
        while effects.pending > 0 { applyFinishedEffects(waiting: .seconds(3_600)) }
        holdChainOpen = false
    }

    private func receive(_ message: Program.Message) {
        guard effects.holding == 0 else {
            heldMessages.append(message)
            return
        }
        apply(message)
    }

    private func apply(_ message: Program.Message) {
        let (next, newEffects) = Program.update(state, message)
        state = next
        needsFrame = true
        for effect in newEffects { enqueue(effect) }
    }

    private func enqueue(_ effect: Program.Effect) {
        let holdsInput = Program.holdsInput(effect)
        if holdsInput, !holdChainOpen { (subjectAtHold, holdChainOpen) = (Program.screenSubject(state), true) }
        effects.enqueue(effect, holdsInput: holdsInput, runsAside: Program.runsAside(effect))
    }

    /// Applies the results that are in (waiting up to `waiting` for the first), then the held keys
    /// once nothing holds input any more.
    private func applyFinishedEffects(waiting: DispatchTimeInterval = .never) {
        var timeout = waiting == .never ? DispatchTimeInterval.nanoseconds(0) : waiting
        while let outcome = effects.next(waiting: timeout) {
            timeout = .nanoseconds(0)
            if let message = outcome.message { apply(message) }
        }
        while effects.holding == 0, !heldMessages.isEmpty { apply(heldMessages.removeFirst()) }
    }

    /// Renders and shows the view when the state changed since the last frame (and the frame differs).
    private func present() {
        guard needsFrame else { return }
        needsFrame = false
        let canvas = Program.render(state)
        let graphics = Program.graphics(state)
        guard canvas != lastPresented || graphics != lastGraphics else { return }
        if graphics.isEmpty && lastGraphics.isEmpty { terminal.present(canvas) } else { terminal.present(canvas, graphics: graphics) }
        lastPresented = canvas
        lastGraphics = graphics
    }
}
