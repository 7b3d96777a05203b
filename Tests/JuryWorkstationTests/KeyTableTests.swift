import Foundation
import JuryCanvas
import JuryTestSupport
import Testing
@testable import JuryWorkstation

/// Keys as data: no key bound twice, no binding to an unknown command, every command reachable, and
/// the key reference in README.md generated from the same tables.
@Suite("Key tables")
struct KeyTableTests {
    @Test("no duplicate bindings and no unknown commands on any screen", arguments: ScreenID.allCases)
    func bindings(screen: ScreenID) {
        let bindings = WorkstationKeys.bindings(for: screen)
        #expect(bindings.duplicates().isEmpty, "\(bindings.duplicates())")
        #expect(bindings.unknownCommands(in: WorkstationKeys.commands).isEmpty)
        #expect(!bindings.keys(for: WorkstationCommand.quit.id).isEmpty, "ctrl-c quits everywhere")
    }

    @Test("every command has a key on some screen, and the command table has no duplicate ids")
    func everyCommandBound() {
        #expect(WorkstationKeys.commands.duplicateIDs.isEmpty)
        for command in WorkstationCommand.allCases {
            #expect(ScreenID.allCases.contains { !WorkstationKeys.bindings(for: $0).keys(for: command.id).isEmpty }, "\(command) has no key")
            #expect(WorkstationKeys.commands[command.id] != nil, "\(command) has no summary")
        }
    }

    @Test("a key keeps its meaning in a lead's dashboard pane: the same command as on the screens under it, or leaving")
    func paneKeysKeepTheirMeaning() {
        let leaving: Set<CommandID> = [WorkstationCommand.quit.id, WorkstationCommand.back.id, DashboardCommand.closePane.id,
                                       WorkstationKeys.dashboardCommand.id]
        let pane = DashboardKeys.bindings(for: .main, pane: true)
        for screen in [ScreenID.queue, .form, .moderation, .classification, .freeText] {
            let beneath = WorkstationKeys.bindings(for: screen, lead: true)
            for binding in pane.bindings {
                guard let command = beneath.command(for: binding.key), command != binding.command else { continue }
                #expect(leaving.contains(command) && leaving.contains(binding.command),
                        "\(binding.key.name) is \(command) on \(screen) but \(binding.command) in the pane")
            }
        }
        #expect(pane.command(for: .character("q")) == DashboardCommand.closePane.id)
    }

    @Test("the hints written in boxes and messages name the keys of the tables")
    func hintsFollowTheTables() {
        let confirm = WorkstationKeys.bindings(for: .confirm)
        #expect(confirm.hint(WorkstationCommand.confirm.id, "submits") == "y submits")
        #expect(confirm.hint("no-such-command", "does nothing") == "does nothing")
        let box = WorkstationView.render(Fixtures.taskState("inv-0003-cafe-muller").pressing(keys("ms")).0).textDump()
        #expect(box.contains(WorkstationKeys.hint(.confirm, on: .confirm, "submits") + " · " + WorkstationKeys.hint(.cancel, on: .confirm, "goes back")))
        let empty = WorkstationState(reviewer: "alice", size: Size(rows: 24, columns: 80), now: 0, flows: []).after([.queueLoaded(
            QueueRequest(flow: nil, order: .oldestFirst, limit: 19, after: nil), [])]).0
        #expect(WorkstationView.render(empty).textDump().contains(WorkstationKeys.hint(.refresh, on: .queue, "refreshes")))
    }

    @Test("the key reference in README.md is current (JURY_RECORD_GOLDENS=1 rewrites it)",
          arguments: ["README.md"])
    func keyReference(file: String) throws {
        let url = Checkout.root.appending(path: file)
        let document = try String(contentsOf: url, encoding: .utf8)
        let updated = try #require(KeyReference.updating(document), "\(file) lacks the \(KeyReference.beginMarker) markers")
        if Golden.isRecording(ProcessInfo.processInfo.environment), updated != document {
            try updated.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("rewrote \(file); rerun without JURY_RECORD_GOLDENS")
        }
        #expect(updated == document, "\(file) is out of date with the key tables")
    }
}
