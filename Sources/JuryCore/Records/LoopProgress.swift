import GRDB

/// The columns of a loop that say whether it is due to finish, and what a verdict's receipt reports.
struct LoopProgress: ColumnDecodable, Sendable {
    let status: LoopStatus
    /// Verdicts given, and slots in all (escalations included).
    let verdicts: Int, taskCount: Int
    let claims: Int
    /// The lead whose verdict settled the loop, if one did.
    let adjudicator: String?

    /// The `SELECT … FROM` part of a read of a loop's progress.
    static let selection = "SELECT status, verdicts, task_count, claims, adjudicator FROM loop"

    init(columns source: some ColumnSource) throws {
        typealias Key = LoopRecord.CodingKeys
        (status, verdicts, taskCount) = (try source.column(Key.status), try source.column(Key.verdicts), try source.column(Key.taskCount))
        (claims, adjudicator) = (try source.column(Key.claims), try source.column(Key.adjudicator))
    }

    init(status: LoopStatus, verdicts: Int, taskCount: Int, claims: Int, adjudicator: String?) {
        (self.status, self.verdicts, self.taskCount, self.claims, self.adjudicator) = (status, verdicts, taskCount, claims, adjudicator)
    }

    /// Whether an InProgress loop has a verdict in every slot, or a lead settled it and no claim is left out.
    var isDueToFinish: Bool {
        status == .inProgress && (verdicts >= taskCount || (adjudicator != nil && claims == 0))
    }
}
