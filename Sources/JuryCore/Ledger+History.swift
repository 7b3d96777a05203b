import Foundation
import GRDB

extension Ledger {
    /// `reviewer`'s own verdicts submitted since `start`, newest first, at most `limit`, each with what they
    /// decided and how it matched the consensus once the loop completed; the totals cover every verdict
    /// since `start` (a day's work: read through the reviewer's verdict index).
    public func reviewerHistory(reviewer: String, since start: Date, limit: Int) throws -> ReviewerHistory {
        try database.read { db in
            let rows = try db.fetchRows(sql: """
                SELECT loop.id, loop.name, loop.flow, loop.task_type, loop.status, loop.consensus, definition,
                       verdict.answer, verdict.time_spent, verdict.submitted_at
                FROM verdict INDEXED BY verdict_reviewer_time JOIN loop ON loop.id = verdict.loop_id
                JOIN flow_version ON flow_version.id = loop.flow_version
                WHERE verdict.reviewer = ? AND verdict.submitted_at >= ? ORDER BY verdict.submitted_at DESC, loop.id DESC
                """, arguments: [reviewer, Timestamp.milliseconds(start)])
            let agreements = try rows.map { try agreement(of: reviewer, in: $0, db: db) }
            let compared = agreements.compactMap { $0 }
            let entries = try zip(rows, agreements).prefix(max(0, limit)).map { try historyEntry($0, agreement: $1) }
            return ReviewerHistory(
                entries: entries, verdicts: rows.count, medianSeconds: Self.percentile(rows.map { $0["time_spent"] as Double }.sorted(), 0.5),
                agreement: compared.isEmpty ? nil : compared.reduce(0, +) / Double(compared.count), compared: compared.count)
        }
    }

    /// `reviewer`'s agreement with the consensus of the loop in `row`; nil unless the loop completed with one.
    private func agreement(of reviewer: String, in row: Row, db: Database) throws -> Double? {
        guard row["status"] as String == LoopStatus.completed.rawValue else { return nil }
        return try verdictAgreements(row, db: db).first { $0.reviewer == reviewer }?.agreement
    }

    private func historyEntry(_ row: Row, agreement: Double?) throws -> HistoryEntry {
        let name: String = row["name"]
        let flow = try storedFlow(row["definition"], loop: name)
        return HistoryEntry(
            loopName: name, flow: row["flow"], taskType: TaskType(rawValue: row["task_type"]) ?? .classification,
            submittedAt: row["submitted_at"], timeSpentSeconds: row["time_spent"],
            decision: HistoryEntry.decision(answer: try LedgerColumn.answer.parse(row["answer"] as String, loop: name), flow: flow),
            status: LoopStatus(rawValue: row["status"]) ?? .inProgress, agreement: agreement)
    }
}
