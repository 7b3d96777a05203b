import Foundation
import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

@Suite("Long item text")
struct TextScrollTests {
    /// A ticket whose text is far longer than the space above the category table.
    private func longTicket() throws -> WorkstationState {
        var state = Fixtures.taskState("ticket-0001", reviewer: "bob")
        var task = try #require(state.task)
        guard case .classification(var ticket) = task.content.body else { throw TestFailure("not a classification task") }
        ticket.text = (1...40).map { "Line \($0) of a long complaint about a parcel." }.joined(separator: "\n")
        task.content.body = .classification(ticket)
        state.task = task
        return state
    }

    private struct TestFailure: Error { let description: String; init(_ text: String) { description = text } }

    @Test("J and K scroll the text apart from the list, never past its last line, and the screen shows where it is")
    func scrollsTheText() throws {
        var state = try longTicket()
        let first = WorkstationView.render(state).textDump()
        #expect(first.contains("Line 1 of a long"))
        #expect(first.contains("more"))
        for _ in 0..<5 { state = Workstation.update(state, .key(.character("J"))).0 }
        #expect(state.task?.textTop == 5)
        #expect(state.task?.scroll.selected == 0, "the category selection does not move")
        let scrolled = WorkstationView.render(state).textDump()
        #expect(scrolled.contains("Line 6 of a long") && !scrolled.contains("Line 1 of a long"))
        for _ in 0..<100 { state = Workstation.update(state, .key(.character("J"))).0 }
        #expect(state.task?.textTop == 39)
        for _ in 0..<200 { state = Workstation.update(state, .key(.character("K"))).0 }
        #expect(state.task?.textTop == 0)
    }
}
