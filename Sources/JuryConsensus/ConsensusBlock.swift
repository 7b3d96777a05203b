import Foundation
import JuryJSON

/// The kind of human-loop task a consensus belongs to.
public enum TaskType: String, Sendable, Codable, Equatable {
    /// One label per item (classification, a single moderation label, yes/no).
    case classification
    /// A set of labels per item (image moderation); an empty set means "no label applies".
    case moderation
    /// A set of classes per item (a multi-select classifier), decided as moderation sets are.
    case multiSelect = "multi-select"
    /// Named fields per item (document forms).
    case form = "document-form"
    /// One free-text answer per item.
    case freeText = "free-text"
}

/// Moderation: the decision for one label.
public struct LabelDecision: Sendable, Equatable, Codable {
    /// Whether the label applies.
    public var applies: Bool
    /// Posterior (or vote share) of the decision, in [0, 1].
    public var confidence: Double
    /// Share of reviewers whose selection agrees with the decision.
    public var agreement: Double
    /// Set when the decision is a tie.
    public var unresolved: UnresolvedReason?
}

/// Document forms: the consensus for one field.
public struct FieldDecision: Sendable, Equatable, Codable {
    /// The field's key as the document shows it, when the field is named by an id (a Textract KEY block).
    public var key: String? = nil
    /// The winning value in a reviewer's original spelling; nil when the consensus is that
    /// the key is missing.
    public var value: String?
    /// The normalised form the votes were compared on (`"#missing"` for a missing key).
    public var normalized: String
    /// Share of reviewers in the winning group, in [0, 1].
    public var confidence: Double
    /// Reviewers in the winning group.
    public var votes: Int
    /// Set when two groups tie for the most votes.
    public var unresolved: UnresolvedReason?
}

/// The `consensus` block that sits beside A2I's `humanAnswers` in a loop's output.json.
///
/// Encode it with `jsonData()` for byte-stable output: sorted keys, no escaped slashes,
/// figures rounded to 6 decimals by the factories, nil members omitted.
public struct ConsensusBlock: Sendable, Equatable, Codable {
    /// The task type, which says which of `value`, `labels`, `fields` is set.
    public var taskType: TaskType
    /// Method name: an `AggregationMethod` raw value, or `edit-similarity` for free text.
    public var method: String
    /// Classification label or chosen free-text answer (verbatim); nil for a tie.
    public var value: String?
    /// Moderation: decision per label, plus `labelSet` below.
    public var labels: [String: LabelDecision]?
    /// Moderation: the labels that apply, sorted; empty = "no label applies".
    public var labelSet: [String]?
    /// Document forms: decision per field.
    public var fields: [String: FieldDecision]?
    /// Overall confidence in [0, 1]; for sets and forms the weakest label or field.
    public var confidence: Double
    /// True when the consensus is not final (see `reason`).
    public var unresolved: Bool
    /// Why the consensus is not final.
    public var reason: UnresolvedReason?
    /// Raw agreement in [0, 1]: share of answers matching the consensus (mean over labels
    /// or fields; mean edit similarity for free text).
    public var agreement: Double
    /// Answers the consensus is built from.
    public var answers: Int
    /// What the engine should do next, when the flow has an escalation policy.
    public var escalation: EscalationDecision?

    /// Deterministic JSON: sorted keys, slashes unescaped.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The block as a JSON value (output.json's `consensus` member), built directly by `JSONValueEncoder`
    /// (integral figures as digits, others in their shortest round-trip form, as `jsonData()` writes them);
    /// null in the case the block cannot be encoded (a figure that is not finite).
    public var jsonValue: JSONValue { (try? JSONValueEncoder().encode(self)) ?? .null }

    /// Rounds a figure to 6 decimals so the JSON does not change with float noise.
    public static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

    /// Sets `unresolved`, `reason` and `escalation` from `policy` (if any).
    mutating func applyPolicy(_ policy: EscalationPolicy?, extraReviewers: Int, known: UnresolvedReason?) {
        reason = known
        if let policy {
            let decision = policy.decide(confidence: confidence, answers: answers, unresolved: known,
                                         extraReviewers: extraReviewers)
            escalation = decision
            reason = decision.reason
        }
        unresolved = reason != nil
    }

    /// The block for a categorical item consensus; a tied item has no `value` (no reviewer's label is
    /// passed off as the consensus).
    public static func classification(_ item: ItemConsensus, method: AggregationMethod,
                                      policy: EscalationPolicy? = nil,
                                      extraReviewers: Int = 0) -> ConsensusBlock {
        var block = ConsensusBlock(
            taskType: .classification, method: method.rawValue, value: item.unresolved == .tie ? nil : item.label,
            confidence: rounded(item.confidence), unresolved: false,
            agreement: rounded(item.agreement), answers: item.answers)
        block.applyPolicy(policy, extraReviewers: extraReviewers, known: item.unresolved)
        return block
    }
}
