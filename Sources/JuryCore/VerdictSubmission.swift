import JuryJSON

/// One reviewer's verdict to store (see `Ledger.submit(_:)`).
public struct VerdictSubmission: Sendable {
    public let loop: String
    public let reviewer: String
    public let answer: JSONValue
    /// Seconds the reviewer spent; nil means since the claim, by the ledger's clock.
    public let timeSpentSeconds: Double?

    public init(loop: String, reviewer: String, answer: JSONValue, timeSpentSeconds: Double? = nil) {
        (self.loop, self.reviewer, self.answer, self.timeSpentSeconds) = (loop, reviewer, answer, timeSpentSeconds)
    }
}
