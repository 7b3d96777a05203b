import Foundation
import GRDB
@testable import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// Keys per verdict on each task type's common paths, counted on the real runtime against a demo queue
/// (scripted terminal): each path is run on two tasks in a row and must give exactly one verdict per run,
/// the next task opening by itself. The figures are the ones BENCHMARKS.md reports.
@Suite("Keys per verdict")
struct KeysPerVerdictTests {
    /// One common path: command keys before and after the text typed into an editor.
    struct Path: CustomTestStringConvertible, Sendable {
        var name: String
        var reviewer: String
        /// `f` presses that filter the queue to the flow (set-up, not counted).
        var filter: Int
        var before: [Key]
        var typed = ""
        var after: [Key] = []
        /// Command keys (typed text apart).
        var commandKeys: Int

        var keys: [Key] { before + typed.map(Key.character) + after }
        var testDescription: String { name }
    }

    static let paths: [Path] = [
        Path(name: "form: the model was right", reviewer: "alice", filter: 1, before: keys("a"), commandKeys: 1),
        Path(name: "form: one field corrected", reviewer: "alice", filter: 1, before: keys("e") + [.ctrl("u")], typed: "INV-9",
             after: keys("⏎sy"), commandKeys: 5),
        Path(name: "form: one field marked missing", reviewer: "alice", filter: 1, before: keys("msy"), commandKeys: 3),
        Path(name: "moderation: the model was right", reviewer: "alice", filter: 2, before: keys("a"), commandKeys: 1),
        Path(name: "moderation: the first label toggled", reviewer: "alice", filter: 2, before: keys("␣sy"), commandKeys: 3),
        Path(name: "classification: the model was right", reviewer: "hiro", filter: 2, before: keys("a"), commandKeys: 1),
        Path(name: "classification: another category", reviewer: "hiro", filter: 2, before: keys("5sy"), commandKeys: 3),
        Path(name: "free text: the model was right", reviewer: "hiro", filter: 1, before: keys("a"), commandKeys: 1),
        Path(name: "free text: a sentence added to the first paragraph", reviewer: "hiro", filter: 1, before: keys("e") + [.end],
             typed: " Checked.", after: keys("⏎sy"), commandKeys: 5),
    ]

    @Test("each path gives one verdict per run, with the keys BENCHMARKS.md lists", arguments: paths)
    func keysPerVerdict(_ path: Path) throws {
        let queue = try DemoQueue()
        defer { queue.remove() }
        let client = try queue.client(path.reviewer)
        let terminal = ScriptedTerminal(size: Size(rows: 24, columns: 80))
        let state = WorkstationState(reviewer: path.reviewer, size: terminal.size, now: 0, flows: try client.profile().flows)
        let runtime = WorkstationRuntime(state: state, terminal: terminal, client: client)
        runtime.start()
        terminal.enqueue((Array(repeating: Key.character("f"), count: path.filter) + keys("n")).map(TerminalEvent.key))
        runtime.run(idleLimit: 1)
        let flow = try #require(runtime.state.task?.content.flow.name)
        for run in 1...2 {
            terminal.enqueue(path.keys.map(TerminalEvent.key))
            runtime.run(idleLimit: 1)
            #expect(try verdicts(of: path.reviewer, in: queue) == run, "run \(run): \(terminal.lastCanvas?.textDump() ?? "")")
            #expect(runtime.state.task?.content.flow.name == flow, "the next task of the flow is open")
        }
        #expect(path.keys.count - path.typed.count == path.commandKeys)
    }

    private func verdicts(of reviewer: String, in queue: DemoQueue) throws -> Int {
        try queue.ledger.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM verdict WHERE reviewer = ?", arguments: [reviewer]) ?? 0 }
    }
}
