import Foundation
import GRDB
@testable import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// What the dashboard shows, checked against a ledger read by the test; its key tables; and the pane
/// in `jury review`, which only leads get.
@Suite("Dashboard screen")
struct DashboardScreenTests {
    /// The figures of one table row: the words of the line that starts with `name`.
    private func cells(_ canvas: Canvas, row name: String) throws -> [String] {
        let line = try #require(canvas.textDump().split(separator: "\n").first { $0.hasPrefix(" \(name) ") }, "no row \(name)")
        return line.split(separator: " ").map(String.init)
    }

    @Test("per-flow counts, today's verdicts and the summary match the ledger")
    func figuresMatchLedger() throws {
        let fixture = try DashboardFixture(.busy)
        defer { fixture.remove() }
        let canvas = DashboardView.render(try fixture.state(size: Size(rows: 40, columns: 120)))
        let count = { (sql: String) in try fixture.ledger.database.read { db in try Int.fetchOne(db, sql: sql)! } }
        for flow in ["invoices", "moderation", "tickets"] {
            let row = try cells(canvas, row: flow)
            let open = "status = 'InProgress' AND flow = '\(flow)'"
            #expect(row[1] == String(try count("SELECT count(*) FROM loop WHERE \(open) AND claims = 0")), "\(flow) unclaimed")
            #expect(row[2] == String(try count("SELECT count(*) FROM loop WHERE \(open) AND claims > 0")), "\(flow) claimed")
            #expect(row[3] == String(try count("SELECT count(*) FROM loop WHERE status = 'Completed' AND flow = '\(flow)'")), "\(flow) completed")
        }
        for reviewer in ["bob", "dana", "hiro", "alice"] {
            #expect(try cells(canvas, row: reviewer)[1] == String(try count("SELECT count(*) FROM verdict WHERE reviewer = '\(reviewer)'")))
        }
        let depth = try count("SELECT count(*) FROM loop WHERE status = 'InProgress'")
        #expect(canvas.line(1).hasPrefix(" depth \(depth) "))
        #expect(try cells(canvas, row: "tickets")[6] == "6h00m", "the oldest ticket arrived at 02:00")
        #expect(try cells(canvas, row: "alice").suffix(3) == ["active,", "1", "claim"])
    }

    @Test("alerts stand out in warning and error roles; untrusted names are sanitised")
    func alertsAndSanitising() throws {
        let state = DashboardGoldenTests.state(.alarming, size: Size(rows: 40, columns: 120))
        let canvas = DashboardView.render(state)
        let lines = canvas.textDump().split(separator: "\n", omittingEmptySubsequences: false)
        let sla = try #require(lines.firstIndex { $0.contains("sla-at-risk") })
        let backlog = try #require(lines.firstIndex { $0.contains("backlog-growing") })
        #expect(canvas[sla, 3].role == .error && canvas[backlog, 3].role == .warning)
        var hostile = state
        hostile.snapshot?.attention[0] = AttentionItem(loopName: "evil\u{1B}[2Jloop", flow: "f\u{202E}x", status: .failed, reason: .failed(reason: "bell\u{07}"))
        let dump = DashboardView.render(hostile).textDump()
        #expect(!dump.contains("\u{1B}") && dump.contains("evil␛[2Jloop") && dump.contains("f⟨RLO⟩x") && dump.contains("bell␇"))
    }

    @Test("a kind of attention item at the service's limit says more are not listed; a long list leaves the workforce rows")
    func attentionAtItsLimit() throws {
        var state = DashboardGoldenTests.state(.alarming, size: Size(rows: 50, columns: 200))
        let waiting = (0..<DashboardSnapshot.attentionLimit).map {
            AttentionItem(loopName: "wait-\($0)", flow: "tickets", status: .inProgress, reason: .awaitingLead)
        }
        state.snapshot?.attention = waiting
        let reviewers = state.snapshot?.statistics.reviewers.count ?? 0
        var table = state
        table.size = Size(rows: 200, columns: 200)
        #expect(DashboardView.render(table).textDump().contains("more not listed: the first 50 of each kind are"))
        state.snapshot?.attention = Array(waiting.dropLast())
        table.snapshot = state.snapshot
        #expect(!DashboardView.render(table).textDump().contains("more not listed"))
        let shown = DashboardView.render(state).textDump().split(separator: "\n")
        let rows = try #require(state.snapshot?.statistics.reviewers).filter { reviewer in shown.contains { $0.hasPrefix(" \(reviewer.reviewer) ") } }
        #expect(rows.count >= min(reviewers, 5), "only \(rows.count) of \(reviewers) reviewers shown beside 49 attention items")
    }

    @Test("completions between samples far apart count as a rate per 5 minutes, not one 5-minute burst")
    func completionsPerInterval() {
        let minute: Int64 = 60_000
        let history = [QueueStatistics.Sample(at: 0, depth: 9, completed: 0), QueueStatistics.Sample(at: 5 * minute, depth: 9, completed: 10),
                       QueueStatistics.Sample(at: 20 * minute, depth: 9, completed: 70), QueueStatistics.Sample(at: 25 * minute, depth: 9, completed: 60)]
        #expect(ThroughputLines.completionsPerSample(history) == [10, 20, 0])
    }

    @Test("narrow terminals drop columns, then sections, never to garbage")
    func narrow() {
        let state = DashboardGoldenTests.state(.alarming, size: Size(rows: 24, columns: 80))
        for size in [Size(rows: 16, columns: 60), Size(rows: 18, columns: 64), Size(rows: 30, columns: 72), Size(rows: 50, columns: 200)] {
            var resized = state
            resized.size = size
            let dump = DashboardView.render(resized).textDump()
            #expect(dump.contains("Unclaimed") && dump.contains("Needs a lead") && dump.contains("sla-at-risk"), "\(size)")
        }
        #expect(FlowTable.layout.kept(width: 58).count < FlowTable.layout.columns.count)
        #expect(SectionLayout.rows(for: [.init(minimum: 2, wanted: 5, rank: 1), .init(minimum: 3, wanted: 3, rank: 0)], available: 4).rows == [0, 3])
    }

    @Test("key tables: no duplicates, no unknown commands, every command bound, ctrl-c quits", arguments: [false, true])
    func keyTables(pane: Bool) {
        for screen in DashboardScreen.allCases {
            let bindings = DashboardKeys.bindings(for: screen, pane: pane)
            #expect(bindings.duplicates().isEmpty, "\(bindings.duplicates())")
            #expect(bindings.unknownCommands(in: DashboardKeys.commands).isEmpty)
            #expect(bindings.command(for: .ctrl("c")) == DashboardCommand.quit.id)
        }
        #expect(DashboardKeys.commands.duplicateIDs.isEmpty)
        for command in DashboardCommand.allCases {
            #expect(DashboardScreen.allCases.contains { !DashboardKeys.bindings(for: $0, pane: true).keys(for: command.id).isEmpty }, "\(command)")
        }
        for screen in ScreenID.allCases {
            #expect(WorkstationKeys.bindings(for: screen, lead: true).duplicates().isEmpty)
        }
    }

    @Test("a reviewer who leads no team has no dashboard key: not in the footer, not in help, not working")
    func notForReviewers() {
        let state = Fixtures.queueState("alice")
        #expect(state.dashboard == nil)
        let (after, effects) = state.pressing([DashboardKeys.paneKey])
        #expect(!after.showsDashboard && effects.isEmpty)
        #expect(!WorkstationView.render(state).textDump().contains("dashboard"))
        #expect(!WorkstationView.render(state.pressing(keys("?")).0).textDump().contains("Lead dashboard"))
    }

    @Test("a lead toggles the pane with D; it refreshes on ticks while shown; q closes it (back), ctrl-c quits")
    func pane() {
        var state = Fixtures.queueState("lena")
        state.dashboard = DashboardState(lead: "lena", size: state.size, now: state.now, isPane: true)
        #expect(WorkstationView.render(state.pressing(keys("?" + String(repeating: "j", count: 30))).0).textDump().contains("Lead dashboard"))
        let (shown, effects) = state.pressing(keys("D"))
        #expect(shown.showsDashboard && effects == [.dashboard(.refresh)])
        #expect(shown.after([.tick(state.now + 1_000)]).1.isEmpty)
        #expect(shown.after([.tick(state.now + 2_000)]).1 == [.dashboard(.refresh)])
        #expect(!shown.pressing(keys("D")).0.showsDashboard)
        #expect(!shown.pressing(keys("q")).0.showsDashboard && !shown.pressing(keys("q")).0.isQuitting)
        #expect(shown.pressing([.ctrl("c")]).1 == [.quit])
        #expect(shown.pressing(keys("n")).1.isEmpty, "the queue's keys do not reach the queue under the pane")
        #expect(WorkstationView.render(shown).textDump().contains("Jury · lead dashboard"))
    }

    @Test("only leads may open jury dashboard")
    func onlyLeads() {
        func profile(_ login: String) -> CallerProfile {
            CallerProfile(login: login, teams: Fixtures.workforce.teams(of: login), isLead: Fixtures.workforce.isLead(login), flows: [],
                          workforcePath: "workforce.json", serviceTime: 0)
        }
        #expect(throws: JuryError.forbidden("the dashboard is for team leads; alice leads no team in workforce.json")) {
            try DashboardSession.checkLead(profile("alice"))
        }
        #expect(throws: Never.self) { try DashboardSession.checkLead(profile("lena")) }
    }
}
