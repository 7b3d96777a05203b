import Foundation
import GRDB
@testable import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// The dashboard's update: keys, refresh timing and lead actions as effects; then the effects
/// performed against a real ledger by the runtime, errors included.
@Suite("Dashboard update")
struct DashboardUpdateTests {
    private var alarming: DashboardState { DashboardGoldenTests.state(.alarming, size: Size(rows: 24, columns: 80)) }

    @Test("j, k, G and g move through the attention list; the selection follows its loop across reloads")
    func selection() throws {
        let state = alarming
        let count = try #require(state.snapshot?.attention.count)
        #expect(state.pressing(keys("jj")).0.attention.selected == 2)
        #expect(state.pressing(keys("jjk")).0.attention.selected == 1)
        #expect(state.pressing(keys("G")).0.attention.selected == count - 1)
        #expect(state.pressing(keys("Gg")).0.attention.selected == 0)
        let moved = state.pressing(keys("jj")).0
        var snapshot = try #require(moved.snapshot)
        let selected = snapshot.attention.remove(at: 0)
        snapshot.attention.append(selected)
        #expect(Dashboard.update(moved, .loaded(snapshot)).0.selectedItem == moved.selectedItem)
    }

    @Test("help opens and closes, q quits, ctrl-l and F5 reload at once")
    func generalKeys() {
        let state = alarming
        #expect(state.pressing(keys("?")).0.overlay == .help(ScrollState()))
        #expect(state.pressing(keys("?⎋")).0.overlay == nil)
        #expect(state.pressing(keys("q")).1 == [.quit])
        #expect(state.pressing([.ctrl("l")]).1 == [.refresh])
        #expect(state.pressing([.function(5)]).1 == [.refresh])
        #expect(state.pressing(keys("D")).1.isEmpty, "D belongs to the pane only")
    }

    @Test("help scrolls no further than its last page, so k moves it back at once")
    func helpScrollStopsAtItsEnd() throws {
        let down = String(repeating: "j", count: 500)
        let small = DashboardGoldenTests.state(.alarming, size: Size(rows: 16, columns: 60))
        let scrolled = small.pressing(keys("?" + down)).0
        guard case .help(let bottom) = scrolled.overlay else { Issue.record("no help open: \(String(describing: scrolled.overlay))"); return }
        let lines = scrolled.helpOverlay.lines.count
        #expect(bottom.top == max(0, lines - HelpLayout.visibleLines(lineCount: lines, size: scrolled.size)))
        #expect(bottom.top > 0, "the help should be taller than the screen at 60x16")
        #expect(scrolled.pressing(keys("k")).0.overlay == .help(ScrollState(top: bottom.top - 1)))
    }

    @Test("ticks reload once the refresh interval has passed, not before")
    func ticks() {
        var state = DashboardState(lead: "lena", size: Size(rows: 24, columns: 80), now: 1_000, refreshInterval: 2_000)
        #expect(Dashboard.start(&state) == [.refresh])
        #expect(Dashboard.update(state, .tick(2_000)).1.isEmpty)
        let (due, effects) = Dashboard.update(state, .tick(3_000))
        #expect(effects == [.refresh] && due.requestedAt == 3_000)
        #expect(Dashboard.update(due, .tick(3_500)).1.isEmpty)
    }

    @Test("each lead action asks first; y performs it, n does nothing")
    func leadActions() throws {
        let state = alarming
        let items = try #require(state.snapshot?.attention)
        let claim = try #require(items.firstIndex { if case .leaseEnding = $0.reason { true } else { false } })
        let failed = try #require(items.firstIndex { $0.status == .failed })
        let ticket = try #require(items.firstIndex { if case .lifetimeEnding = $0.reason { true } else { false } })
        let select = { (index: Int) in Array(repeating: Key.character("j"), count: index) }
        let release = LeadAction(.releaseClaim, loop: items[claim].loopName, reviewer: "alice")
        #expect(state.pressing(select(claim) + keys("R")).0.overlay == .confirm(release))
        #expect(state.pressing(select(claim) + keys("Ry")).1 == [.perform(release)])
        #expect(state.pressing(select(claim) + keys("Rn")) == (state.pressing(select(claim)).0, []))
        #expect(state.pressing(select(failed) + keys("O⏎")).1 == [.perform(LeadAction(.reopen, loop: items[failed].loopName))])
        #expect(state.pressing(select(ticket) + keys("Sy")).1 == [.perform(LeadAction(.stop, loop: items[ticket].loopName))])
        #expect(state.pressing(select(ticket) + keys("Ay")).1 == [.perform(LeadAction(.adjudicate, loop: items[ticket].loopName))])
    }

    @Test("an action that does not fit the item says why and opens nothing")
    func refusals() throws {
        let state = alarming
        let items = try #require(state.snapshot?.attention)
        let awaiting = try #require(items.firstIndex { $0.reason == .awaitingLead })
        let (refused, effects) = state.pressing(keys("O"))
        #expect(refused.overlay == nil && effects.isEmpty && refused.message?.kind == .warning)
        #expect(refused.message?.text.contains("only Failed loops reopen") == true)
        let adjudicate = state.pressing(Array(repeating: Key.character("j"), count: awaiting) + keys("A")).0
        #expect(adjudicate.overlay == nil && adjudicate.message?.text.contains("already waits for a lead") == true)
        let empty = DashboardGoldenTests.state(.empty, size: Size(rows: 24, columns: 80)).pressing(keys("S")).0
        #expect(empty.overlay == nil && empty.message?.kind == .warning)
        #expect(refused.pressing(keys("j")).0.message == nil, "a message outlived the next move")
    }

    @Test("the runtime performs each action against the ledger, audited, and reloads")
    func performedAgainstLedger() throws {
        let fixture = try DashboardFixture(.alarming)
        defer { fixture.remove() }
        let terminal = ScriptedTerminal(size: Size(rows: 24, columns: 80), keys: keys("Ry") + keys("GOy") + keys("gSy"))
        let runtime = DashboardRuntime(state: DashboardState(lead: "lena", size: terminal.size, now: 0), terminal: terminal,
                                       client: try fixture.client("lena"))
        runtime.start()
        runtime.run(idleLimit: 1)
        let audit = try fixture.ledger.database.read { db in
            try Row.fetchAll(db, sql: "SELECT action, loop_name FROM audit WHERE actor = 'lena' ORDER BY id").map { "\($0["action"] as String) \($0["loop_name"] as String)" }
        }
        #expect(audit == ["adjudicate ticket-0016", "release inv-0001-acme-industrial", "reopen llm-0001", "stop ticket-0005"])
        #expect(try fixture.ledger.claims(of: "alice").isEmpty)
        #expect(runtime.state.message == StatusMessage("ticket-0005 is Stopped", .success))
        #expect(terminal.lastCanvas?.textDump().contains("ticket-0005 is Stopped") == true)
    }

    @Test("a verdict given between refreshes shows at the first tick a refresh interval after the last, not before")
    func shownAtNextRefresh() throws {
        let fixture = try DashboardFixture(.busy)
        defer { fixture.remove() }
        let terminal = ScriptedTerminal(size: Size(rows: 40, columns: 120))
        let state = DashboardState(lead: "lena", size: terminal.size, now: 0, refreshInterval: 1_000)
        let runtime = DashboardRuntime(state: state, terminal: terminal, client: try fixture.client("lena"))
        runtime.start()
        let verdicts = { Int(terminal.lastCanvas?.textDump().split(separator: "\n").first { $0.hasPrefix(" hiro ") }?.split(separator: " ")[1] ?? "") }
        let before = try #require(verdicts())
        let claim = try #require(try fixture.ledger.claim(reviewer: "hiro", flow: "tickets"))
        try fixture.ledger.submit(loop: claim.loopName, reviewer: "hiro", answer: ["category": ["label": "billing"]])
        let start = Timestamp.milliseconds(fixture.time.now)
        runtime.send(.tick(start + 500))
        #expect(verdicts() == before)
        runtime.send(.tick(start + 1_000))
        #expect(verdicts() == before + 1)
    }

    @Test("an action the engine refuses shows its error and the dashboard carries on")
    func refusedByEngine() throws {
        let fixture = try DashboardFixture(.alarming)
        defer { fixture.remove() }
        let terminal = ScriptedTerminal(size: Size(rows: 24, columns: 80), keys: keys("GOy"))
        let state = DashboardState(lead: "lena", size: terminal.size, now: 0)
        let runtime = DashboardRuntime(state: state, terminal: terminal, client: try fixture.client("lena"))
        runtime.start()
        try fixture.ledger.reopen(loop: "llm-0001", actor: "lena")
        runtime.run(idleLimit: 1)
        #expect(runtime.state.message?.kind == .error)
        #expect(runtime.state.message?.text.hasPrefix("Could not reopen llm-0001: ") == true)
        #expect(terminal.lastCanvas?.textDump().contains("Could not reopen llm-0001") == true)
    }
}
