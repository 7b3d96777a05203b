import GRDB

/// A row of `queue_sample` (migration 2): one point of the dashboard's depth and completion history.
struct QueueSampleRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "queue_sample"

    /// ms since 1970.
    let at: Int64
    let depth: Int
    let completed: Int

    init(columns source: some ColumnSource) throws {
        (at, depth, completed) = (try source.value("at"), try source.value("depth"), try source.value("completed"))
    }

    init(row: Row) throws { try self.init(columns: row) }

    var sample: QueueStatistics.Sample { QueueStatistics.Sample(at: at, depth: depth, completed: completed) }
}
