import Foundation
@testable import JuryCore
import JuryCanvas
import JuryService
@testable import JuryWorkstation

/// Ledgers for the dashboard's tests, built on a manual clock from the demo fixtures (flows, loops,
/// workforce with lead `lena`): `empty`, `busy` (a working day) and `alarming` (backlog growing, an
/// SLA at risk, a failed loop, a stuck claim, a reviewer far below the team's agreement). "Now" is
/// always `Fixtures.start` (2026-05-01T08:00Z) and "today" starts at midnight UTC.
struct DashboardFixture {
    enum Kind: String, CaseIterable { case empty, busy, alarming }

    let directory: QueueDirectory
    let time: ManualTime
    let ledger: Ledger

    static var dayStart: Date { Date(timeIntervalSince1970: (Fixtures.start.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400) }

    init(_ kind: Kind) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-dash-\(UUID().uuidString)", directoryHint: .isDirectory)
        directory = QueueDirectory(root)
        time = ManualTime(Fixtures.start.addingTimeInterval(-86_400 - 600))
        try Ledger.create(queue: directory, demo: true, workforce: Fixtures.workforce)
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.demo.appending(path: "flows").path) {
            try FileManager.default.copyItem(at: Fixtures.demo.appending(path: "flows/\(name)"), to: directory.flowsURL.appending(path: name))
        }
        ledger = try Ledger(queue: directory, time: time)
        switch kind {
        case .empty: time.set(Fixtures.start)
        case .busy: try busyDay()
        case .alarming: try alarmingDay()
        }
    }

    /// The queue service on this ledger, in-process, acting for `reviewer`.
    func client(_ reviewer: String) throws -> QueueConnection {
        QueueConnection(transport: InProcessTransport(service: try QueueService(ledger: ledger), actingAs: reviewer))
    }

    /// The figures and attention list at "now", as the dashboard's service reads them (today from midnight UTC).
    func snapshot() throws -> DashboardSnapshot {
        try ledger.sweepExpired()
        return DashboardSnapshot(statistics: try ledger.statistics(dayStart: Self.dayStart), attention: try ledger.attentionItems(limit: 50))
    }

    /// A dashboard state of `size` with this ledger's figures loaded.
    func state(size: Size, lead: String = "lena") throws -> DashboardState {
        let state = DashboardState(lead: lead, size: size, now: Timestamp.milliseconds(time.now))
        return Dashboard.update(state, .loaded(try snapshot())).0
    }

    func remove() { try? FileManager.default.removeItem(at: directory.root) }

    // MARK: - Days

    /// Tickets, images and invoices arrive at 02:00; four tickets are completed from 06:30 on, one in
    /// the last hour; alice holds an invoice and emre an image.
    private func busyDay() throws {
        try advance(to: -6 * 3_600)
        for prefix in ["ticket", "img", "inv"] { try admit(prefix: prefix) }
        for (index, labels) in [["billing", "billing", "billing"], ["refund", "refund", "billing"],
                                ["shipping", "shipping", "shipping"], ["technical", "other", "technical"]].enumerated() {
            try advance(to: -90 * 60 + index * 1_500)
            try completeTicket(answers: zip(["bob", "dana", "hiro"], labels).map { ($0, $1) })
        }
        try advance(to: -4 * 60)
        _ = try ledger.claim(reviewer: "alice", flow: "invoices")
        _ = try ledger.claim(reviewer: "emre", flow: "moderation")
        try advance(to: 0)
    }

    /// Tickets arrived almost a day ago (their lifetime ends in 6m40s), an LLM answer expired, emre
    /// disagrees with everyone, invoices and images pour in over the last half hour, alice's claim is
    /// stuck and lena sent a ticket to adjudication.
    private func alarmingDay() throws {
        try admit(names: ["llm-0001"])
        try advance(to: -86_000)
        try admit(prefix: "ticket")
        for (index, labels) in [["billing", "billing", "refund"], ["refund", "refund", "billing"],
                                ["shipping", "shipping", "other"], ["technical", "technical", "billing"]].enumerated() {
            try advance(to: -4 * 3_600 + index * 1_200)
            try completeTicket(answers: zip(["bob", "dana", "emre"], labels).map { ($0, $1) })
        }
        try advance(to: -30 * 60)
        for prefix in ["img", "inv"] { try admit(prefix: prefix) }
        try advance(to: -8 * 60)
        _ = try ledger.claim(reviewer: "alice", flow: "invoices")
        try ledger.sendToAdjudication(loop: "ticket-0016", actor: "lena")
        try advance(to: 0)
    }

    // MARK: - Steps

    /// Moves the clock to `seconds` from "now" (negative: before), reading the figures every 15 minutes
    /// on the way so the history has samples, as a dashboard left running would.
    private func advance(to seconds: Int) throws {
        let target = Fixtures.start.addingTimeInterval(TimeInterval(seconds))
        while time.now < target {
            _ = try ledger.statistics(dayStart: Self.dayStart)
            time.set(min(target, time.now.addingTimeInterval(900)))
        }
        try ledger.sweepExpired()
    }

    @discardableResult
    private func admit(prefix: String) throws -> Int {
        try admit(names: Fixtures.admissions.keys.filter { $0.hasPrefix(prefix) }.sorted())
    }

    @discardableResult
    private func admit(names: [String]) throws -> Int {
        try ledger.admit(names.map { Fixtures.admissions[$0]! }).count
    }

    /// The oldest open ticket gets one verdict per (reviewer, label), 70 s + 20 s per reviewer apart.
    private func completeTicket(answers: [(String, String)]) throws {
        let key = Fixtures.flows["tickets"]!.answerName
        for (offset, (reviewer, label)) in answers.enumerated() {
            let claim = try ledger.claim(reviewer: reviewer, flow: "tickets")!
            time.advance(by: TimeInterval(70 + offset * 20))
            _ = try ledger.submit(loop: claim.loopName, reviewer: reviewer, answer: [key: ["label": .string(label)]])
        }
    }
}

extension ManualTime {
    /// Sets the clock (tests only move it forward).
    func set(_ date: Date) { advance(by: date.timeIntervalSince(now)) }
}
