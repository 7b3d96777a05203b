import GRDB

/// A row of `loop_count` (migration 2): how many loops of a flow are in one dashboard state, kept by triggers.
struct LoopCountRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "loop_count"

    let flow: String
    /// `unclaimed`, `claimed`, or a status other than InProgress.
    let state: String
    let count: Int

    init(columns source: some ColumnSource) throws {
        (flow, state, count) = (try source.value("flow"), try source.value("state"), try source.value("count"))
    }

    init(row: Row) throws { try self.init(columns: row) }
}
