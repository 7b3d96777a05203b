import Foundation
import JuryCore
import JuryCanvas
import Synchronization
import Testing
@testable import JuryWorkstation

/// A counter: `j` counts up, `s` starts a slow load that leaves keys free, `h` a slow one that holds
/// them, `n` a slow one that holds them and turns the page (the screen's subject), `c` one that turns
/// the page and then starts a held load (a chain, as a verdict and the next claim are).
enum CounterProgram: TerminalProgram {
    struct State {
        var count = 0
        var loads = 0
        var page = 0
        var ticks = 0
        var quitting = false
    }

    enum Message: Sendable { case key(Key), loaded, turned, turnedThenLoad, ticked, other }
    enum Effect: Sendable { case slowLoad, heldLoad, turnPage, turnThenLoad }

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
        case .key(.character("c")): return (next, [.turnThenLoad])
        case .turnedThenLoad:
            next.page += 1
            return (next, [.heldLoad])
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
        switch effect {
        case .turnPage: return .turned
        case .turnThenLoad: return .turnedThenLoad
        case .slowLoad, .heldLoad: return .loaded
        }
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

/// A program that counts its renders, with a slow effect that leaves keys free and a clock that
/// hardly ticks: what the screen costs while the reviewer waits for a picture.
enum RenderCountingProgram: TerminalProgram {
    static let renders = Mutex(0)
    typealias State = CounterProgram.State
    typealias Message = CounterProgram.Message
    typealias Effect = CounterProgram.Effect

    static func start(_ state: inout State, size: Size, now: Int64) -> [Effect] { [] }
    static func render(_ state: State) -> Canvas {
        renders.withLock { $0 += 1 }
        return CounterProgram.render(state)
    }
    static func screenSubject(_ state: State) -> AnyHashable? { state.page }
    static func isQuitting(_ state: State) -> Bool { state.quitting }
    static func message(for event: TerminalEvent) -> Message? { CounterProgram.message(for: event) }
    static func tick(_ now: Int64) -> Message { .ticked }
    static func tickInterval(_ state: State) -> Duration { .seconds(60) }
    static func holdsInput(_ effect: Effect) -> Bool { CounterProgram.holdsInput(effect) }
    static func update(_ state: State, _ message: Message) -> (State, [Effect]) { CounterProgram.update(state, message) }
    static func perform(_ effect: Effect) -> Message? { CounterProgram.perform(effect) }
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

    @Test("while a slow effect runs and nothing changes, the view is not rendered again and again")
    func noFramesWhileWaiting() {
        let terminal = ScriptedTerminal(size: Size(rows: 1, columns: 24), events: [.key(.character("s"))])
        let runtime = ProgramRuntime<RenderCountingProgram>(state: .init(), terminal: terminal, clock: { Date() },
                                                            perform: RenderCountingProgram.perform)
        runtime.start()
        runtime.run(idleLimit: 1)
        #expect(runtime.state.loads == 1)
        #expect(RenderCountingProgram.renders.withLock { $0 } <= 4, "\(RenderCountingProgram.renders.withLock { $0 }) renders for one key and one result")
    }

    @Test("keys typed while a held effect changes the screen's subject are dropped: they were meant for the screen before")
    func keysForAnEarlierSubjectAreDropped() {
        #expect(frames(keys: "njj") == ["count 0 loads 0", "count 0 loads 0 p1"])
    }

    @Test("keys typed during a chain of held effects whose first result changes the subject are dropped at the chain's end")
    func keysForTheSubjectAChainStartedOnAreDropped() {
        #expect(frames(keys: "cjj") == ["count 0 loads 0", "count 0 loads 0 p1", "count 0 loads 1 p1"])
    }
}
