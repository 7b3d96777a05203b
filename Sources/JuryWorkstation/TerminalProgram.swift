import Foundation
import JuryCore
import JuryCanvas

/// A screen program as `ProgramRuntime` drives it: a pure update from state and message to the next
/// state and the effects to perform, and a view that renders the state into a canvas.
public protocol TerminalProgram {
    associatedtype State
    associatedtype Message: Sendable
    associatedtype Effect: Sendable

    /// Sets the state to the terminal's size and the service's time (ms since 1970) and returns the
    /// effects that load the first screen.
    static func start(_ state: inout State, size: Size, now: Int64) -> [Effect]
    static func update(_ state: State, _ message: Message) -> (State, [Effect])
    static func render(_ state: State) -> Canvas
    /// Pixel-protocol pictures to place over the rendered canvas (screen coordinates).
    static func graphics(_ state: State) -> [GraphicsPlacement]
    static func isQuitting(_ state: State) -> Bool
    /// The message a key press, a resize or a mouse report becomes; nil for an event the program ignores.
    static func message(for event: TerminalEvent) -> Message?
    /// The message the clock sends, with the service's time (ms since 1970).
    static func tick(_ now: Int64) -> Message
    /// How long the runtime waits for input before it sends a tick.
    static func tickInterval(_ state: State) -> Duration
    /// Whether keys typed while `effect` runs wait for its result: effects that change the screen (a
    /// claim, a verdict) hold input, so typed-ahead keys reach the screen they were meant for.
    static func holdsInput(_ effect: Effect) -> Bool
    /// Whether `effect` runs aside, on its own thread, instead of in turn with the others: slow work whose
    /// result may arrive in any order (decoding a picture), which must not delay a draft's save or a verdict.
    static func runsAside(_ effect: Effect) -> Bool
    /// What the screen is about (the loop of the task shown), or nil: keys typed while input was held
    /// are dropped when the hold ends on another subject, since they were meant for the screen before
    /// (a second verdict key must not answer the next task unseen).
    static func screenSubject(_ state: State) -> AnyHashable?
}

extension TerminalProgram {
    /// Programs without pictures place none.
    public static func graphics(_ state: State) -> [GraphicsPlacement] { [] }
    /// Effects run in turn unless a program says otherwise.
    public static func runsAside(_ effect: Effect) -> Bool { false }
    /// Programs whose screens have no subject keep every key typed ahead.
    public static func screenSubject(_ state: State) -> AnyHashable? { nil }
}
