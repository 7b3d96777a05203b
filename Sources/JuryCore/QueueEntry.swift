/// A row of a reviewer's queue: a loop they may claim, or one they hold.
public struct QueueEntry: Sendable, Equatable, Codable {
    public let loopName: String
    public let flow: String
    public let taskType: TaskType
    /// Lowest model confidence in the input, 0-100; nil when the input has none.
    public let minimumConfidence: Double?
    public let createdAt: Int64
    /// End of the availability lifetime, ms since 1970.
    public let deadline: Int64
    public let verdicts: Int
    public let taskCount: Int
    /// When this reviewer holds the loop: the lease's end.
    public let leaseExpiresAt: Int64?
    /// The loop's place in both claim orders.
    public let position: QueuePosition

    public init(loopName: String, flow: String, taskType: TaskType, minimumConfidence: Double?, createdAt: Int64, deadline: Int64,
                verdicts: Int, taskCount: Int, leaseExpiresAt: Int64?, rowID: Int64) {
        (self.loopName, self.flow, self.taskType, self.minimumConfidence) = (loopName, flow, taskType, minimumConfidence)
        (self.createdAt, self.deadline, self.verdicts, self.taskCount, self.leaseExpiresAt) = (createdAt, deadline, verdicts, taskCount, leaseExpiresAt)
        position = QueuePosition(minimumConfidence: minimumConfidence, createdAt: createdAt, rowID: rowID)
    }
}
