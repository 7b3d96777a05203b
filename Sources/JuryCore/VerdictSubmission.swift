import JuryJSON

/// One reviewer's verdict to store (see `Ledger.submit(_:)`).
public struct VerdictSubmission: Sendable {
    public let loop: String
    public let reviewer: String
    public let answer: JSONValue
    /// Seconds the reviewer spent; nil means since the claim, by the ledger's clock.
    public let timeSpentSeconds: Double?
    /// When the service received it, ms since 1970 by the ledger's clock; nil means when it is stored.
    /// Leases are swept as of the earliest arrival of a transaction's verdicts, so a verdict that arrived
    /// while its lease held is not refused because its transaction waited for the lock past the lease.
    public let arrivedAt: Int64?

    public init(loop: String, reviewer: String, answer: JSONValue, timeSpentSeconds: Double? = nil, arrivedAt: Int64? = nil) {
        (self.loop, self.reviewer, self.answer, self.timeSpentSeconds, self.arrivedAt) = (loop, reviewer, answer, timeSpentSeconds, arrivedAt)
    }
}
