import Foundation
@testable import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// The search prompt, the history screen and mouse clicks against the pure update.
@Suite("Search, history and mouse")
struct SearchHistoryMouseTests {
    private func filter(_ query: String) throws -> QueueFilter? { try QueueFilter(query: query) }

    private func request(_ filter: QueueFilter?) -> QueueRequest {
        QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil, filter: filter)
    }

    @Test("/ opens the prompt; enter applies the query from the first page, the query kept for the next /")
    func applySearch() throws {
        let state = Fixtures.queueState().pressing(keys("j")).0
        let (prompt, none) = state.pressing(keys("/cake conf:<0.5"))
        #expect(prompt.screen == .search && none.isEmpty)
        #expect(prompt.queue.search?.text == "cake conf:<0.5")
        let (searched, effects) = prompt.pressing(keys("⏎"))
        #expect(effects == [.refreshQueue(request(try filter("cake conf:<0.5")))])
        #expect(searched.screen == .queue && searched.queue.filter?.query == "cake conf:<0.5")
        #expect(searched.queue.scroll.selected == 0)
        #expect(searched.pressing(keys("/")).0.queue.search?.text == "cake conf:<0.5")
        #expect(searched.pressing(keys("n")).1 == [.claim(flow: nil, order: .oldestFirst, skipping: [], filter: try filter("cake conf:<0.5"))])
    }

    @Test("esc on the prompt, or enter on an empty query, clears the search and reloads the whole queue")
    func clearSearch() throws {
        let searched = Fixtures.queueState().pressing(keys("/cake⏎")).0
        let (cleared, effects) = searched.pressing(keys("/⎋"))
        #expect(cleared.queue.filter == nil && cleared.screen == .queue && effects == [.refreshQueue(request(nil))])
        let emptied = searched.pressing(keys("/") + [.ctrl("u")] + keys("⏎"))
        #expect(emptied.0.queue.filter == nil && emptied.1 == [.refreshQueue(request(nil))])
        #expect(Fixtures.queueState().pressing(keys("/x⎋")).1.isEmpty)
    }

    @Test("a query that does not parse keeps the prompt open, its text as typed, and says why")
    func refusedQuery() throws {
        let (state, effects) = Fixtures.queueState().pressing(keys("/conf:abc cake⏎"))
        #expect(effects.isEmpty)
        #expect(state.screen == .search && state.queue.search?.text == "conf:abc cake")
        #expect(state.message?.kind == .error && state.message?.text.contains("conf:<0.6") == true)
        #expect(state.queue.filter == nil)
    }

    @Test("keys that mean commands on the queue are typed into the prompt")
    func typingIsText() {
        let state = Fixtures.queueState().pressing(keys("/qnhf?")).0
        #expect(!state.isQuitting && state.history == nil && state.queue.search?.text == "qnhf?")
    }

    @Test("a filtered page keeps the claim counted though the page does not list it; a page of the old search is ignored")
    func filteredPages() throws {
        let held = ["img-0009-middle-finger-selfie": Fixtures.startMilliseconds + 41_000]
        let state = Fixtures.queueState(held: held).pressing(keys("/cake⏎")).0
        let cake = Fixtures.queueEntries(for: "alice").filter { $0.loopName.contains("cake") }
        let loaded = state.after([.queueLoaded(request(try filter("cake")), cake)]).0
        #expect(loaded.queue.entries.map(\.loopName) == ["img-0002-birthday-cake"])
        #expect(loaded.queue.heldLoop == "img-0009-middle-finger-selfie")
        #expect(WorkstationView.render(loaded).textDump().contains("1 claimed"))
        #expect(loaded.after([.queueLoaded(request(nil), Fixtures.queueEntries(for: "alice"))]).0.queue.entries == loaded.queue.entries)
    }

    @Test("h opens the history and loads it; j/k move; r reloads; q goes back and reloads the queue")
    func history() throws {
        let (opened, effects) = Fixtures.queueState().pressing(keys("h"))
        #expect(effects == [.loadHistory] && opened.screen == .history)
        #expect(WorkstationView.render(opened).textDump().contains("Loading your verdicts…"))
        let loaded = opened.after([.historyLoaded(Fixtures.history)]).0
        #expect(loaded.history?.entries.count == 5)
        #expect(loaded.pressing(keys("jjjjjjj")).0.history?.scroll.selected == 4)
        #expect(loaded.pressing(keys("r")).1 == [.loadHistory])
        let (back, backEffects) = loaded.pressing(keys("q"))
        #expect(back.history == nil && back.screen == .queue && backEffects == [.refreshQueue(request(nil))])
        #expect(back.after([.historyLoaded(Fixtures.history)]).0.history == nil)
        #expect(loaded.pressing([.escape]).0.screen == .queue)
    }

    @Test("a click selects a queue row, a click on the selected row opens it; header clicks do nothing")
    func queueClicks() {
        let state = Fixtures.queueState()
        let click = { (row: Int) in Action.mouse(MouseEvent(.press(button: 0), row: row, column: 10)) }
        let (selected, none) = state.after([click(5)])
        #expect(selected.queue.scroll.selected == 2 && none.isEmpty)
        #expect(selected.after([click(5)]).1 == [.claimLoop("img-0003-beach-volleyball")])
        #expect(state.after([click(5), .mouse(MouseEvent(.release(button: 0), row: 5, column: 10)), click(5)]).1
            == [.claimLoop("img-0003-beach-volleyball")])
        #expect(state.after([click(2)]).0.queue.scroll.selected == 0)
        #expect(state.after([click(0), click(1), click(22)]).1.isEmpty)
        #expect(state.after([.mouse(MouseEvent(.press(button: 2), row: 5, column: 10))]).0.queue.scroll.selected == 0)
    }

    @Test("the wheel moves the selection; past the page's end it loads the next page")
    func wheel() {
        let state = Fixtures.queueState()
        let down = Action.mouse(MouseEvent(.wheelDown, row: 10, column: 10))
        #expect(state.after([down, down, .mouse(MouseEvent(.wheelUp, row: 10, column: 10))]).0.queue.scroll.selected == 1)
        let last = state.pressing(keys("G")).0
        #expect(last.after([down]).1.count == 1)
        #expect(last.after([down]).0.queue.previousPages == [nil])
    }

    @Test("history rows select on click and scroll on the wheel; task screens and boxes ignore the mouse")
    func elsewhere() {
        let history = Fixtures.queueState().after([.key(.character("h")), .historyLoaded(Fixtures.history)]).0
        #expect(history.after([.mouse(MouseEvent(.press(button: 0), row: 6, column: 3))]).0.history?.scroll.selected == 3)
        #expect(history.after([.mouse(MouseEvent(.wheelDown, row: 6, column: 3))]).0.history?.scroll.selected == 1)
        let task = Fixtures.taskState("ticket-0001", reviewer: "hiro")
        #expect(task.after([.mouse(MouseEvent(.press(button: 0), row: 5, column: 3))]).0 == task)
        let help = Fixtures.queueState().pressing(keys("?")).0
        #expect(help.after([.mouse(MouseEvent(.press(button: 0), row: 5, column: 3))]).0 == help)
    }
}
