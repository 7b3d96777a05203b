import GRDB

/// A row of `loop_count` (migration 2): how many loops of a flow are in one dashboard state, kept by triggers.
struct LoopCountRecord: Codable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "loop_count"

    let flow: String
    /// `unclaimed`, `claimed`, or a status other than InProgress.
    let state: String
    let count: Int
}
