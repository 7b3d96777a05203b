import JuryJSON

/// One verdict as given: who gave it, when, and the stored `answerContent`.
public struct GivenVerdict: Sendable, Equatable, Codable {
    public let reviewer: String
    /// ms since 1970 (the latest amendment's time, if amended).
    public let submittedAt: Int64
    /// The answer as stored (for forms: A2I's answer blocks).
    public let answer: JSONValue

    public init(reviewer: String, submittedAt: Int64, answer: JSONValue) {
        (self.reviewer, self.submittedAt, self.answer) = (reviewer, submittedAt, answer)
    }
}

/// A loop's verdicts as a reader may see them: all of them for a lead of its team, only their own for a reviewer.
public struct LoopVerdicts: Sendable, Equatable, Codable {
    public let loopName: String
    public let flow: String
    public let status: LoopStatus
    /// Whether the loop waits for a lead's verdict (escalated or sent to adjudication, and no lead settled it).
    public let awaitsLead: Bool
    /// In submission order (reviewer name breaks ties).
    public let verdicts: [GivenVerdict]

    public init(loopName: String, flow: String, status: LoopStatus, awaitsLead: Bool, verdicts: [GivenVerdict]) {
        (self.loopName, self.flow, self.status, self.awaitsLead, self.verdicts) = (loopName, flow, status, awaitsLead, verdicts)
    }
}
