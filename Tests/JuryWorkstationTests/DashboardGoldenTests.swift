import Foundation
@testable import JuryCore
import JuryCanvas
import JuryTestSupport
import Testing
@testable import JuryWorkstation

/// The lead dashboard at 80x24, 120x40 and 60x20 on the empty, busy and alarming fixture ledgers, the
/// boxes over it, and the pane in `jury review`: text and style roles against `__Goldens__/`.
@Suite("Dashboard golden screens")
struct DashboardGoldenTests {
    static let sizes = [Size(rows: 24, columns: 80), Size(rows: 40, columns: 120), Size(rows: 20, columns: 60)]

    /// Each fixture's figures, built once (the ledgers are removed straight away).
    static let snapshots: [DashboardFixture.Kind: DashboardSnapshot] = Dictionary(uniqueKeysWithValues: DashboardFixture.Kind.allCases.map { kind in
        let fixture = try! DashboardFixture(kind)
        defer { fixture.remove() }
        return (kind, try! fixture.snapshot())
    })

    static func state(_ kind: DashboardFixture.Kind, size: Size) -> DashboardState {
        let state = DashboardState(lead: "lena", size: size, now: Fixtures.startMilliseconds)
        return Dashboard.update(state, .loaded(snapshots[kind]!)).0
    }

    private func check(_ canvas: Canvas, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Golden.assertText(canvas, named: name, sourceLocation: sourceLocation)
        Golden.assertRoles(canvas, named: name, sourceLocation: sourceLocation)
    }

    @Test("each fixture at each size", arguments: DashboardFixture.Kind.allCases, sizes)
    func screens(kind: DashboardFixture.Kind, size: Size) {
        check(DashboardView.render(Self.state(kind, size: size)), "dashboard-\(kind.rawValue)-\(size)")
    }

    @Test("before the first load, and below the minimum size")
    func loadingAndTooSmall() {
        check(DashboardView.render(DashboardState(lead: "lena", size: Size(rows: 24, columns: 80), now: Fixtures.startMilliseconds)),
              "dashboard-loading-80x24")
        check(DashboardView.render(Self.state(.busy, size: Size(rows: 15, columns: 50))), "dashboard-too-small-50x15")
    }

    @Test("the confirm box of a lead action, and help")
    func boxes() {
        let alarming = Self.state(.alarming, size: Size(rows: 24, columns: 80))
        check(DashboardView.render(alarming.pressing(keys("R")).0), "dashboard-confirm-release-80x24")
        check(DashboardView.render(alarming.pressing(keys("?")).0), "dashboard-help-80x24")
    }

    @Test("the pane in jury review, for lena")
    func pane() {
        var state = Fixtures.queueState("lena")
        state.dashboard = DashboardState(lead: "lena", size: state.size, now: state.now, isPane: true)
        let (shown, effects) = state.pressing([DashboardKeys.paneKey])
        #expect(effects == [.dashboard(.refresh)])
        let loaded = shown.after([.dashboard(.loaded(Self.snapshots[.busy]!))]).0
        check(WorkstationView.render(loaded), "dashboard-pane-80x24")
        check(WorkstationView.render(state), "dashboard-lead-queue-80x24")
    }

    @Test("the pane opened again acts only on current figures: a lead action waits for its reload")
    func paneActsOnCurrentFigures() throws {
        var state = Fixtures.queueState("lena")
        state.dashboard = DashboardState(lead: "lena", size: state.size, now: state.now, isPane: true)
        let earlier = state.pressing([DashboardKeys.paneKey]).0.after([.dashboard(.loaded(Self.snapshots[.alarming]!))]).0
        let reopened = earlier.pressing([DashboardKeys.paneKey, DashboardKeys.paneKey]).0
        let refused = reopened.pressing(keys("R")).0
        #expect(refused.dashboard?.overlay == nil)
        #expect(refused.dashboard?.message == StatusMessage("Loading the current figures; act once they are in", .warning))
        let current = reopened.after([.dashboard(.loaded(Self.snapshots[.alarming]!))]).0
        guard case .confirm = try #require(current.pressing(keys("R")).0.dashboard?.overlay) else {
            Issue.record("R on current figures should ask to confirm the release")
            return
        }
    }

    @Test("a loop found by the start of its name, with its audit trail; the find prompt", arguments: [Size(rows: 24, columns: 80), Size(rows: 20, columns: 60)])
    func found(size: Size) throws {
        let fixture = try DashboardFixture(.alarming)
        defer { fixture.remove() }
        let stuck = try #require(Self.snapshots[.alarming]!.attention.first { if case .leaseEnding = $0.reason { true } else { false } })
        let matches = try fixture.ledger.findLoops(prefix: String(stuck.loopName.prefix(5)), lead: "lena", limit: 50)
        let trail = try fixture.ledger.loopTrail(loop: stuck.loopName, lead: "lena")
        #expect(!trail.audit.isEmpty && trail.claims.count == 1)
        let state = Self.state(.alarming, size: size)
        check(DashboardView.render(state.pressing(keys("Finv-000")).0), "dashboard-find-\(size)")
        let found = Dashboard.update(state, .foundLoops(String(stuck.loopName.prefix(5)), matches, trail)).0
        check(DashboardView.render(found), "dashboard-found-\(size)")
    }

}

extension DashboardState {
    /// Applies key presses in turn, collecting every effect.
    func pressing(_ keys: [Key]) -> (DashboardState, [DashboardEffect]) {
        keys.reduce((self, [DashboardEffect]())) { result, key in
            let (next, effects) = Dashboard.update(result.0, .key(key))
            return (next, result.1 + effects)
        }
    }
}
