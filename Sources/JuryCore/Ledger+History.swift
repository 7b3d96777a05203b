import Foundation
import GRDB

extension Ledger {
    /// `reviewer`'s own verdicts submitted since `start`, newest first, at most `limit`, each with what they
    /// decided and how it matched the consensus once the loop completed; the totals cover every verdict
    /// since `start` (a day's work: read through the reviewer's verdict index).
    public func reviewerHistory(reviewer: String, since start: Date, limit: Int) throws -> ReviewerHistory {
        try database.read { db in
            let given = try db.fetchRecords(VerdictOnLoop.self, sql: VerdictOnLoop.selection + """
                 WHERE verdict.reviewer = ? AND verdict.submitted_at >= ? ORDER BY verdict.submitted_at DESC, loop.id DESC
                """, arguments: [reviewer, Timestamp.milliseconds(start)])
            let agreements = try given.map { try agreement(of: reviewer, in: $0.found, db: db) }
            let compared = agreements.compactMap { $0 }
            let entries = try zip(given, agreements).prefix(max(0, limit)).map { try historyEntry($0, agreement: $1) }
            return ReviewerHistory(
                entries: entries, verdicts: given.count, medianSeconds: Self.percentile(given.map(\.verdict.timeSpent).sorted(), 0.5),
                agreement: compared.isEmpty ? nil : compared.reduce(0, +) / Double(compared.count), compared: compared.count)
        }
    }

    /// `reviewer`'s agreement with the consensus of `found`; nil unless the loop completed with one.
    private func agreement(of reviewer: String, in found: LoopWithFlow, db: Database) throws -> Double? {
        guard found.loop.status == .completed else { return nil }
        return try verdictAgreements(found, db: db).first { $0.reviewer == reviewer }?.agreement
    }

    private func historyEntry(_ given: VerdictOnLoop, agreement: Double?) throws -> HistoryEntry {
        let loop = given.found.loop
        let flow = try storedFlow(given.found.definition, loop: loop.name)
        return HistoryEntry(
            loopName: loop.name, flow: loop.flow, taskType: loop.taskType,
            submittedAt: given.verdict.submittedAt, timeSpentSeconds: given.verdict.timeSpent,
            decision: HistoryEntry.decision(answer: try given.verdict.parsedAnswer(loop: loop.name), flow: flow),
            status: loop.status, agreement: agreement)
    }
}
