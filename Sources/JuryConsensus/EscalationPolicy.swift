/// A flow's escalation setting: when a consensus is not good enough, ask more reviewers,
/// then hand the loop to a lead.
///
/// In a flow file: `escalation: { threshold: 0.7, maxExtraReviewers: 2, minAnswers: 2 }`.
/// The engine calls `decide` when a loop completes and after each extra answer.
public struct EscalationPolicy: Sendable, Equatable, Codable {
    /// Lowest acceptable confidence, in [0, 1]; a consensus below it escalates.
    public var threshold: Double
    /// How many reviewers may be added beyond the flow's normal count before handing off.
    public var maxExtraReviewers: Int
    /// Fewest answers a loop needs before it can be accepted (default 1).
    public var minAnswers: Int

    /// Creates a policy.
    public init(threshold: Double, maxExtraReviewers: Int, minAnswers: Int = 1) {
        self.threshold = threshold
        self.maxExtraReviewers = maxExtraReviewers
        self.minAnswers = minAnswers
    }

    /// Why a consensus is not acceptable, or nil when it is. Checked in this order:
    /// too few answers, a remaining tie (or other reason already on the result), low
    /// confidence.
    public func problem(confidence: Double, answers: Int, unresolved: UnresolvedReason?) -> UnresolvedReason? {
        if answers < max(minAnswers, 1) { return .tooFewAnswers }
        if let unresolved { return unresolved }
        return confidence < threshold ? .lowConfidence : nil
    }

    /// What the engine should do next for a loop.
    ///
    /// - Parameter extraReviewers: reviewers already added beyond the flow's normal count.
    public func decide(confidence: Double, answers: Int, unresolved: UnresolvedReason?,
                       extraReviewers: Int) -> EscalationDecision {
        guard let reason = problem(confidence: confidence, answers: answers, unresolved: unresolved) else {
            return .accept
        }
        return extraReviewers < maxExtraReviewers ? .addReviewer(reason) : .handToLead(reason)
    }
}

/// The engine's next step for a loop. Encodes as `{"action": "...", "reason": "..."}`.
public enum EscalationDecision: Sendable, Equatable, Codable {
    /// The consensus stands.
    case accept
    /// Ask one more reviewer, for this reason.
    case addReviewer(UnresolvedReason)
    /// Give the loop to the lead, for this reason.
    case handToLead(UnresolvedReason)

    private enum Key: String, CodingKey { case action, reason }

    /// The reason, nil for `.accept`.
    public var reason: UnresolvedReason? {
        switch self {
        case .accept: nil
        case .addReviewer(let reason), .handToLead(let reason): reason
        }
    }

    /// Stable action name: `accept`, `add-reviewer`, `hand-to-lead`.
    public var action: String {
        switch self {
        case .accept: "accept"
        case .addReviewer: "add-reviewer"
        case .handToLead: "hand-to-lead"
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(reason, forKey: .reason)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let action = try container.decode(String.self, forKey: .action)
        let reason = try container.decodeIfPresent(UnresolvedReason.self, forKey: .reason)
        switch (action, reason) {
        case ("accept", _): self = .accept
        case ("add-reviewer", let reason?): self = .addReviewer(reason)
        case ("hand-to-lead", let reason?): self = .handToLead(reason)
        default:
            throw DecodingError.dataCorruptedError(forKey: .action, in: container,
                                                   debugDescription: "unknown escalation \(action)")
        }
    }
}
