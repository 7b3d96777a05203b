import Foundation
import GRDB

extension Ledger {
    /// The lead dashboard's figures. Reads maintained counters and narrow index ranges, never a scan of
    /// the loops, so a refresh stays cheap with a million loops; records a history sample when one is due
    /// (not on a read-only ledger).
    /// - Parameter dayStart: where "today" begins for the reviewers' figures (local midnight, say).
    public func statistics(dayStart: Date) throws -> QueueStatistics {
        let now = nowMilliseconds
        if !isReadOnly { try recordSampleIfDue(now: now) }
        var statistics = try database.read { db in
            var (flows, escalatedShare) = try flowFigures(now: now, db: db)
            let recent = try recentAgreement(now: now, db: db)
            for index in flows.indices {
                let agreement = recent.flowAgreement[flows[index].flow ?? ""]
                flows[index].fleissKappa = agreement?.fleissKappa
                flows[index].krippendorffAlpha = agreement?.krippendorffAlpha
            }
            var total = Self.sum(flows)
            total.escalatedShare = escalatedShare
            return QueueStatistics(
                generatedAt: now, total: total, flows: flows,
                inboxBacklog: Self.countFiles(in: queue.inboxURL) { !$0.hasBytePrefix(".") },
                rejectedFiles: Self.countFiles(in: queue.rejectedURL) { !$0.hasBytePrefix(".") && !$0.hasByteSuffix(".reason.json") },
                history: try history(now: now, db: db),
                reviewers: try reviewerFigures(dayStart: Timestamp.milliseconds(dayStart), now: now, agreement: recent.reviewerAgreement, db: db),
                alerts: [])
        }
        statistics.alerts = StatisticsAlerts.alerts(for: statistics)
        return statistics
    }

    /// Each flow's figures, and the share of all loops completed in the last 24 hours that escalated.
    private func flowFigures(now: Int64, db: Database) throws -> ([QueueStatistics.FlowFigures], escalatedShare: Double?) {
        var figures: [String: QueueStatistics.FlowFigures] = [:]
        for count in try db.fetchRecords(LoopCountRecord.self, sql: "SELECT * FROM loop_count") {
            figures[count.flow, default: .init(flow: count.flow)].add(state: count.state, count: count.count)
        }
        let soon = now + QueueStatistics.warningWindowSeconds * 1000
        try perFlow("SELECT loop.flow, count(*) FROM claim JOIN loop ON loop.id = loop_id WHERE expires_at <= ? GROUP BY 1", [soon], db) {
            figures[$0, default: .init(flow: $0)].leasesEndingSoon = $1
        }
        try perFlow("SELECT flow, count(*) FROM loop INDEXED BY loop_deadline WHERE status = 'InProgress' AND deadline <= ? GROUP BY 1", [soon], db) {
            figures[$0, default: .init(flow: $0)].lifetimesEndingSoon = $1
        }
        try perFlow("SELECT flow, count(*) FROM loop INDEXED BY loop_completed WHERE completed_at > ? GROUP BY 1", [now - 3_600_000], db) {
            figures[$0, default: .init(flow: $0)].completionsLastHour = $1
        }
        let escalatedShare = try escalatedShares(now: now, db: db) { figures[$0, default: .init(flow: $0)].escalatedShare = $1 }
        for flow in figures.keys { figures[flow]?.oldestUnclaimedSeconds = try oldestUnclaimed(flow: flow, now: now, db: db) }
        let flows = figures.values.filter { $0.depth + $0.completed + $0.failed + $0.stopping + $0.stopped > 0 }
            .sorted { ($0.flow ?? "") < ($1.flow ?? "") }
        return (flows, escalatedShare)
    }

    private func perFlow(_ sql: String, _ arguments: StatementArguments, _ db: Database, _ apply: (String, Int) -> Void) throws {
        for row in try db.fetchRows(sql: sql, arguments: arguments) { apply(row[0], row[1]) }
    }

    /// Per flow, the share of the loops completed in the last 24 hours that escalated (an extra reviewer,
    /// or a lead by the flow's policy or a lead's own hand-off: `loop.escalation` is set); returns the
    /// share over all flows (nil when none completed).
    private func escalatedShares(now: Int64, db: Database, _ apply: (String, Double) -> Void) throws -> Double? {
        var (allCompleted, allEscalated) = (0, 0)
        for row in try db.fetchRows(sql: """
            SELECT flow, count(*), count(escalation) FROM loop INDEXED BY loop_completed WHERE completed_at > ? GROUP BY 1
            """, arguments: [now - 86_400_000]) {
            let (completed, escalated): (Int, Int) = (row[1], row[2])
            if completed > 0 { apply(row[0], Double(escalated) / Double(completed)) }
            (allCompleted, allEscalated) = (allCompleted + completed, allEscalated + escalated)
        }
        return allCompleted > 0 ? Double(allEscalated) / Double(allCompleted) : nil
    }

    private func oldestUnclaimed(flow: String, now: Int64, db: Database) throws -> Double? {
        let created = try db.fetchValue(Int64.self, sql: """
            SELECT created_at FROM loop INDEXED BY loop_claimable
            WHERE status = 'InProgress' AND open_slots > 0 AND claims = 0 AND flow = ? ORDER BY created_at, id LIMIT 1
            """, arguments: [flow])
        return created.map { Double(now - $0) / 1000 }
    }

    private func history(now: Int64, db: Database) throws -> [QueueStatistics.Sample] {
        try db.fetchRecords(QueueSampleRecord.self, sql: "SELECT * FROM queue_sample WHERE at > ? ORDER BY at", arguments: [now - 86_400_000])
            .map(\.sample)
    }

    /// Adds a history point when the last one is older than the sample interval.
    private func recordSampleIfDue(now: Int64) throws {
        let last = try database.read { db in try db.fetchValue(Int64.self, sql: "SELECT max(at) FROM queue_sample") }
        guard last.map({ now - $0 >= QueueStatistics.sampleInterval * 1000 }) ?? true else { return }
        try writeImmediately(durable: false) { db in
            try db.run(sql: """
                INSERT OR IGNORE INTO queue_sample(at, depth, completed)
                SELECT ?, coalesce(sum(CASE WHEN state IN ('unclaimed', 'claimed') THEN count END), 0),
                       coalesce(sum(CASE WHEN state = 'Completed' THEN count END), 0) FROM loop_count
                """, arguments: [now])
        }
    }

    static func sum(_ flows: [QueueStatistics.FlowFigures]) -> QueueStatistics.FlowFigures {
        var total = QueueStatistics.FlowFigures(flow: nil)
        for flow in flows {
            total.unclaimed += flow.unclaimed
            total.claimed += flow.claimed
            total.completed += flow.completed
            total.failed += flow.failed
            total.stopping += flow.stopping
            total.stopped += flow.stopped
            total.leasesEndingSoon += flow.leasesEndingSoon
            total.lifetimesEndingSoon += flow.lifetimesEndingSoon
            total.completionsLastHour += flow.completionsLastHour
            total.oldestUnclaimedSeconds = [total.oldestUnclaimedSeconds, flow.oldestUnclaimedSeconds].compactMap { $0 }.max()
        }
        return total
    }

    static func countFiles(in folder: URL, where include: (String) -> Bool) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter(include).count
    }
}
