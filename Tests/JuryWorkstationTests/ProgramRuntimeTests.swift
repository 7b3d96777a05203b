import Foundation
import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// A counter: `j` counts up, `s` starts a slow load that leaves keys free, `h` a slow one that holds
/// them, `n` a slow one that holds them and turns the page (the screen's subject).
enum CounterProgram: TerminalProgram {
    struct State {
        var count = 0
        var loads = 0
        var page = 0
        var ticks = 0
        var quitting = false
    }

    enum Message: Sendable { case key(Key), loaded, turned, ticked, other }
    enum Effect: Sendable { case slowLoad, heldLoad, turnPage }

    static func start(_ state: inout State, size: Size, now: Int64) -> [Effect] { [] }
    static func render(_ state: State) -> Canvas {
        var canvas = Canvas(size: Size(rows: 1, columns: 24))
        canvas.put("count \(state.count) loads \(state.loads)" + (state.page > 0 ? " p\(state.page)" : ""), row: 0, column: 0)
        return canvas
    }
    static func screenSubject(_ state: State) -> AnyHashable? { state.page }
    static func isQuitting(_ state: State) -> Bool { state.quitting }
    static func message(for event: TerminalEvent) -> Message? {
        if case .key(let key) = event { return .key(key) }
        return .other
    }
    static func tick(_ now: Int64) -> Message { .ticked }
    static func tickInterval(_ state: State) -> Duration { .milliseconds(10) }
    static func holdsInput(_ effect: Effect) -> Bool { effect != .slowLoad }

    static func update(_ state: State, _ message: Message) -> (State, [Effect]) {
        var next = state
        switch message {
        case .key(.character("j")): next.count += 1
        case .key(.character("s")): return (next, [.slowLoad])
        case .key(.character("h")): return (next, [.heldLoad])
        case .key(.character("n")): return (next, [.turnPage])
        case .loaded: next.loads += 1
        case .turned: next.page += 1
        case .ticked: next.ticks += 1
        default: break
        }
        return (next, [])
    }

    /// Each load takes 300 ms.
    static func perform(_ effect: Effect) -> Message? {
        Thread.sleep(forTimeInterval: 0.3)
        return effect == .turnPage ? .turned : .loaded
    }
}

/// A terminal whose reviewer types `keys` keys, each `gap` after the one before, whatever the
/// program's timeout: never a pause long enough for a timeout.
final class SteadyTypist: TerminalDevice {
    let size = Size(rows: 1, columns: 24)
    let colorCapability = ColorCapability.twoFiftySix
    private var keys: Int
    private let gap: TimeInterval

    init(keys: Int, gap: TimeInterval) { (self.keys, self.gap) = (keys, gap) }

    func install(_ theme: ResolvedTheme) {}
    func present(_ canvas: Canvas) {}
    func nextEvent(timeout: Duration?) -> TerminalEvent? {
        guard keys > 0 else { return nil }
        keys -= 1
        Thread.sleep(forTimeInterval: gap)
        return .key(.character("j"))
    }
}

@Suite("Program runtime")
struct ProgramRuntimeTests {
    private func frames(keys: String) -> [String] {
        let terminal = ScriptedTerminal(size: Size(rows: 1, columns: 24), events: keys.map { .key(.character($0)) })
        let runtime = ProgramRuntime<CounterProgram>(state: .init(), terminal: terminal, clock: { Date() }, perform: CounterProgram.perform)
        runtime.start()
        runtime.run(idleLimit: 1)
        return terminal.presented.map { $0.textDump().trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test("keys are handled while a slow effect runs: the screen answers before the load is back")
    func keysDoNotWaitForEffects() {
        #expect(frames(keys: "sjj") == ["count 0 loads 0", "count 1 loads 0", "count 2 loads 0", "count 2 loads 1"])
    }

    @Test("keys typed while an effect holds input wait for its result, in order, none lost")
    func heldKeysArriveAfterTheResult() {
        // The held keys are applied right after the load's result, before the next frame.
        #expect(frames(keys: "hjj") == ["count 0 loads 0", "count 2 loads 1"])
    }

    @Test("the clock ticks on while keys keep coming closer together than a timeout, one tick a key more than the interval apart")
    func ticksWhileTyping() {
        let runtime = ProgramRuntime<CounterProgram>(state: .init(), terminal: SteadyTypist(keys: 5, gap: 0.03), clock: { Date() },
                                                     perform: CounterProgram.perform)
        runtime.start()
        runtime.run(idleLimit: 1)
        #expect(runtime.state.count == 5)
        #expect(runtime.state.ticks >= 5, "\(runtime.state.ticks) ticks for 5 keys 30 ms apart, the tick interval 10 ms")
    }

    @Test("keys typed while a held effect changes the screen's subject are dropped: they were meant for the screen before")
    func keysForAnEarlierSubjectAreDropped() {
        #expect(frames(keys: "njj") == ["count 0 loads 0", "count 0 loads 0 p1"])
    }
}
