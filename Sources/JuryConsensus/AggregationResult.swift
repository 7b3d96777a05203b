/// Why an item's consensus should not be taken as final.
public enum UnresolvedReason: String, Sendable, Codable, Equatable {
    /// Two or more labels share the top score and the tie policy did not settle it.
    case tie
    /// The confidence is below the flow's threshold (set by `EscalationPolicy`).
    case lowConfidence = "low-confidence"
    /// Fewer answers than the flow requires (set by `EscalationPolicy`), or none at all.
    case tooFewAnswers = "too-few-answers"
    /// Moderation only: the per-label decisions contradict the "no label applies" vote.
    case conflict
}

/// The consensus for one item.
public struct ItemConsensus: Sendable, Equatable, Codable {
    /// Item identifier.
    public var task: String
    /// The consensus label (for a tie: the first tied label in the label order).
    public var label: String
    /// The label's posterior probability, or its vote share for vote methods, in [0, 1].
    public var confidence: Double
    /// Posterior (or share) of every class, in `AggregationResult.labels` order.
    public var probabilities: [Double]
    /// Number of answers the item received.
    public var answers: Int
    /// Share of the item's answers that chose `label` (raw agreement, unweighted).
    public var agreement: Double
    /// Labels tied at the top when there is a tie, in label order; nil otherwise.
    public var tiedLabels: [String]?
    /// Set when the consensus is not final.
    public var unresolved: UnresolvedReason?
}

/// The output of one categorical aggregation run.
public struct AggregationResult: Sendable, Equatable, Codable {
    /// The method that produced it.
    public var method: AggregationMethod
    /// Class labels in label order (the columns of every `probabilities`).
    public var labels: [String]
    /// One entry per item, in order of the item's first answer in the input.
    public var items: [ItemConsensus]
    /// What the method learned about each reviewer.
    public var skills: ReviewerSkills
    /// EM / optimisation rounds run (0 for single-pass methods).
    public var iterations: Int

    /// Consensus label per item id.
    public var labelsByTask: [String: String] {
        Dictionary(uniqueKeysWithValues: items.map { ($0.task, $0.label) })
    }

    /// Accuracy of the consensus against gold answers (`task -> true label`).
    ///
    /// Every gold item counts: one without a consensus counts as wrong (Crowd-Kit's
    /// `reindex` then compare). Items without gold are ignored.
    public func accuracy(gold: [String: String]) -> GoldAccuracy {
        GoldAccuracy(predicted: labelsByTask, gold: gold)
    }
}

/// Agreement of predicted labels with gold labels.
public struct GoldAccuracy: Sendable, Equatable, Codable {
    /// Gold items whose predicted label equals the gold label.
    public var correct: Int
    /// Number of gold items.
    public var total: Int
    /// Gold items with no prediction (counted as wrong).
    public var missing: Int
    /// `correct / total`, or 0 when there is no gold.
    public var accuracy: Double { total > 0 ? Double(correct) / Double(total) : 0 }

    /// Compares `predicted` with `gold`, both keyed by item id.
    public init(predicted: [String: String], gold: [String: String]) {
        correct = gold.reduce(0) { $0 + (predicted[$1.key] == $1.value ? 1 : 0) }
        missing = gold.keys.reduce(0) { $0 + (predicted[$1] == nil ? 1 : 0) }
        total = gold.count
    }
}
