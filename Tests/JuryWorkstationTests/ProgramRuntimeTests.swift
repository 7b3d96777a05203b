import Foundation
import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// A counter: `j` counts up, `s` starts a slow load that leaves keys free, `h` a slow one that holds them.
enum CounterProgram: TerminalProgram {
    struct State {
        var count = 0
        var loads = 0
        var quitting = false
    }

    enum Message: Sendable { case key(Key), loaded, other }
    enum Effect: Sendable { case slowLoad, heldLoad }

    static func start(_ state: inout State, size: Size, now: Int64) -> [Effect] { [] }
    static func render(_ state: State) -> Canvas {
        var canvas = Canvas(size: Size(rows: 1, columns: 20))
        canvas.put("count \(state.count) loads \(state.loads)", row: 0, column: 0)
        return canvas
    }
    static func isQuitting(_ state: State) -> Bool { state.quitting }
    static func message(for event: TerminalEvent) -> Message? {
        if case .key(let key) = event { return .key(key) }
        return .other
    }
    static func tick(_ now: Int64) -> Message { .other }
    static func tickInterval(_ state: State) -> Duration { .milliseconds(10) }
    static func holdsInput(_ effect: Effect) -> Bool { effect == .heldLoad }

    static func update(_ state: State, _ message: Message) -> (State, [Effect]) {
        var next = state
        switch message {
        case .key(.character("j")): next.count += 1
        case .key(.character("s")): return (next, [.slowLoad])
        case .key(.character("h")): return (next, [.heldLoad])
        case .loaded: next.loads += 1
        default: break
        }
        return (next, [])
    }

    /// Each load takes 300 ms.
    static func perform(_ effect: Effect) -> Message? {
        Thread.sleep(forTimeInterval: 0.3)
        return .loaded
    }
}

@Suite("Program runtime")
struct ProgramRuntimeTests {
    private func frames(keys: String) -> [String] {
        let terminal = ScriptedTerminal(size: Size(rows: 1, columns: 20), events: keys.map { .key(.character($0)) })
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
}
