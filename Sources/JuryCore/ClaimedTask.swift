/// A slot of a loop held by one reviewer until `expiresAt`.
public struct ClaimedTask: Sendable, Equatable, Codable {
    public let loopName: String
    public let flow: String
    public let taskType: TaskType
    public let reviewer: String
    public let claimedAt: Int64
    public let expiresAt: Int64
    /// True when the reviewer already held this claim (claiming again resumes it).
    public let resumed: Bool

    public init(loopName: String, flow: String, taskType: TaskType, reviewer: String, claimedAt: Int64, expiresAt: Int64, resumed: Bool) {
        (self.loopName, self.flow, self.taskType, self.reviewer) = (loopName, flow, taskType, reviewer)
        (self.claimedAt, self.expiresAt, self.resumed) = (claimedAt, expiresAt, resumed)
    }
}
