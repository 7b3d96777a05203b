import Foundation
import GRDB
import JuryConsensus

extension Ledger {
    /// Completed loops looked at for agreement figures: the most recent of the last 24 hours.
    static let agreementWindow = 2_000

    /// Agreement over the recent window; recomputed only when the window's loops changed since the last call.
    func recentAgreement(now: Int64, db: Database) throws -> RecentAgreement {
        let ids = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT id FROM loop INDEXED BY loop_completed WHERE completed_at > ? ORDER BY completed_at DESC LIMIT ?
            """), arguments: [now - 86_400_000, Self.agreementWindow])
        if let cached = recentAgreementCache.withLock({ $0 }), cached.ids == ids { return cached.result }
        let result = try computeAgreement(ids: ids, db: db)
        recentAgreementCache.withLock { $0 = (ids, result) }
        return result
    }

    private func computeAgreement(ids: [Int64], db: Database) throws -> RecentAgreement {
        let loops = try ids.compactMap { id in
            try db.fetchRecord(LoopWithFlow.self, sql: "\(LoopWithFlow.selection) WHERE loop.id = ?", arguments: [id])
        }
        var answersByFlow: [String: [Answer]] = [:]
        var scores: [String: (sum: Double, count: Int)] = [:]
        for loop in loops {
            for verdict in try verdictAgreements(loop, db: db) {
                if let category = verdict.category {
                    answersByFlow[loop.loop.flow, default: []].append(Answer(worker: verdict.reviewer, task: loop.loop.name, label: category))
                }
                if let agreement = verdict.agreement {
                    scores[verdict.reviewer, default: (0, 0)].sum += agreement
                    scores[verdict.reviewer, default: (0, 0)].count += 1
                }
            }
        }
        return RecentAgreement(
            flowAgreement: answersByFlow.mapValues { AgreementSummary($0) },
            reviewerAgreement: scores.mapValues { $0.sum / Double($0.count) })
    }

    /// A completed loop's verdicts against its consensus; computed once per loop and kept, since neither
    /// changes (`jury aggregate` recomputing a consensus clears the cache).
    func verdictAgreements(_ found: LoopWithFlow, db: Database) throws -> [VerdictAgreement] {
        let loop = found.loop
        if let cached = agreementCache.withLock({ $0[loop.id] }) { return cached }
        let flow = try storedFlow(found.definition, loop: loop.name)
        let consensus = try loop.parsedConsensus()
        let verdicts = try db.fetchRecords(VerdictRecord.self, sql: "SELECT * FROM verdict WHERE loop_id = ?", arguments: [loop.id]).map {
            VerdictAgreement(reviewer: $0.reviewer, answer: try $0.parsedAnswer(loop: loop.name), consensus: consensus, flow: flow)
        }
        agreementCache.withLock { $0[loop.id] = verdicts }
        return verdicts
    }

    /// Each verdict's reviewer and time spent, of the verdicts submitted at or after `?` (milliseconds);
    /// read from the `verdict_time` index alone.
    static let verdictTimesSince = "SELECT reviewer, time_spent FROM verdict INDEXED BY verdict_time WHERE submitted_at >= ?"

    func reviewerFigures(
        dayStart: Int64, now: Int64, agreement: [String: Double], db: Database
    ) throws -> [QueueStatistics.ReviewerFigures] {
        var figures: [String: QueueStatistics.ReviewerFigures] = [:]
        for member in workforce.teams.flatMap({ $0.reviewers + $0.leads }) where member != "*" {
            figures[member] = .init(reviewer: member)
        }
        var times: [String: [Double]] = [:]
        let today = try Row.fetchCursor(db.cachedStatement(sql: Self.verdictTimesSince), arguments: [dayStart])
        while let row = try today.next() {
            times[row[0], default: []].append(row[1])
        }
        for (reviewer, spent) in times {
            let sorted = spent.sorted()
            figures[reviewer, default: .init(reviewer: reviewer)].verdictsToday = sorted.count
            figures[reviewer]?.medianSeconds = Self.percentile(sorted, 0.5)
            figures[reviewer]?.p90Seconds = Self.percentile(sorted, 0.9)
        }
        for row in try db.fetchRows(sql: "SELECT reviewer, count(*) FROM claim WHERE expires_at > ? GROUP BY reviewer", arguments: [now]) {
            figures[row[0], default: .init(reviewer: row[0])].activeClaims = row[1]
        }
        // Activity is anyone's who acted (producers, the system's own turns): it adds to reviewers, never one.
        for row in try db.fetchRows(sql: "SELECT reviewer, last_at FROM reviewer_activity WHERE last_at > ?", arguments: [now - 86_400_000]) {
            figures[row[0]]?.lastActivity = row[1]
        }
        for (reviewer, value) in agreement { figures[reviewer, default: .init(reviewer: reviewer)].agreement = value }
        return figures.values.sorted { $0.reviewer < $1.reviewer }
    }

    /// The value below which `fraction` of `sorted` lies (nearest rank); nil when empty.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        if fraction == 0.5, sorted.count % 2 == 0 { return (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 }
        return sorted[min(sorted.count - 1, Int((fraction * Double(sorted.count)).rounded(.up)) - 1)]
    }
}
