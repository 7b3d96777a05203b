/// A reviewer's own figures for the day.
public struct ReviewerDay: Sendable, Equatable, Codable {
    public let verdicts: Int
    /// Median seconds per verdict; nil with no verdicts.
    public let medianSeconds: Double?
    /// Share of their verdicts on loops completed in the last 24 hours that match the consensus; nil
    /// when none of their loops completed yet.
    public let agreement: Double?

    public init(verdicts: Int, medianSeconds: Double?, agreement: Double? = nil) {
        self.verdicts = verdicts
        self.medianSeconds = medianSeconds
        self.agreement = agreement
    }
}
