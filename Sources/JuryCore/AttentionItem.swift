/// A loop a lead may want to act on, and why.
public struct AttentionItem: Sendable, Equatable, Codable {
    public enum Reason: Sendable, Equatable, Codable {
        /// `reviewer`'s lease ends at `expiresAt` (or has ended): a stuck claim to release.
        case leaseEnding(reviewer: String, expiresAt: Int64)
        /// The availability lifetime ends at `deadline`: stop it, or get it done.
        case lifetimeEnding(deadline: Int64)
        /// The loop failed: reopen it.
        case failed(reason: String)
        /// The loop waits for a lead's verdict (escalated or sent to adjudication, and no lead answered yet).
        case awaitingLead
    }

    public let loopName: String
    public let flow: String
    public let status: LoopStatus
    public let reason: Reason

    public init(loopName: String, flow: String, status: LoopStatus, reason: Reason) {
        (self.loopName, self.flow, self.status, self.reason) = (loopName, flow, status, reason)
    }
}

extension AttentionItem {
    init(loop: LoopRecord, reason: Reason) {
        self.init(loopName: loop.name, flow: loop.flow, status: loop.status, reason: reason)
    }
}
