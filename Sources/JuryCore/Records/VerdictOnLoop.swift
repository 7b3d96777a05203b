import GRDB

/// A verdict with its loop and the loop's flow (`verdict JOIN loop JOIN flow_version`), for a reviewer's
/// own history.
struct VerdictOnLoop: ColumnDecodable, FetchableRecord, Sendable {
    let verdict: VerdictRecord
    let found: LoopWithFlow

    /// The `SELECT … FROM` part, through the reviewer's verdict index: filter on `verdict.reviewer` and
    /// `verdict.submitted_at`.
    static let selection = """
        SELECT loop.*, flow_version.definition, verdict.loop_id, verdict.reviewer, verdict.accepted_at, verdict.submitted_at,
               verdict.time_spent, verdict.answer, verdict.metadata
        FROM verdict INDEXED BY verdict_reviewer_time JOIN loop ON loop.id = verdict.loop_id
        JOIN flow_version ON flow_version.id = loop.flow_version
        """

    init(columns source: some ColumnSource) throws {
        verdict = try VerdictRecord(columns: source)
        found = try LoopWithFlow(columns: source)
    }

    init(row: Row) throws { try self.init(columns: row) }
}
