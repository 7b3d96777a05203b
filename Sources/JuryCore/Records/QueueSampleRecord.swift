import GRDB

/// A row of `queue_sample` (migration 2): one point of the dashboard's depth and completion history.
struct QueueSampleRecord: Codable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "queue_sample"

    /// ms since 1970.
    let at: Int64
    let depth: Int
    let completed: Int

    var sample: QueueStatistics.Sample { QueueStatistics.Sample(at: at, depth: depth, completed: completed) }
}
