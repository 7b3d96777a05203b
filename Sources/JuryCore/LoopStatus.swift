/// A2I's human loop statuses.
public enum LoopStatus: String, Sendable, Codable, CaseIterable {
    case inProgress = "InProgress"
    case completed = "Completed"
    case failed = "Failed"
    case stopping = "Stopping"
    case stopped = "Stopped"
}
