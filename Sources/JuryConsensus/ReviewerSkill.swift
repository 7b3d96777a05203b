/// What one method learned about one reviewer; Codable so a flow can store and reuse it.
///
/// `accuracy` is always present: for vote methods it is the share of answers agreeing
/// with the consensus (the vote weight's source); for Dawid-Skene the prior-weighted
/// diagonal of the confusion matrix; for one-coin DS the coin; for GLAD sigmoid(ability);
/// for MACE the probability of answering knowingly rather than spamming.
public struct ReviewerSkill: Sendable, Equatable, Codable {
    /// Probability-like accuracy in [0, 1].
    public var accuracy: Double
    /// Number of answers the skill was estimated from.
    public var answers: Int
    /// Confusion matrix `confusion[true][given]` = P(reviewer says `given` | truth is
    /// `true`), labels in `ReviewerSkills.labels` order; rows sum to 1. ds and onecoin-ds.
    public var confusion: [[Double]]?
    /// GLAD ability (alpha): larger is better, 0 is guessing, negative is adversarial.
    public var ability: Double?
    /// MACE spamming strategy: P(label) when not answering knowingly, in label order.
    public var strategy: [Double]?

    /// Creates a skill; only `accuracy` and `answers` are required.
    public init(accuracy: Double, answers: Int, confusion: [[Double]]? = nil,
                ability: Double? = nil, strategy: [Double]? = nil) {
        self.accuracy = accuracy
        self.answers = answers
        self.confusion = confusion
        self.ability = ability
        self.strategy = strategy
    }
}

/// All reviewers' skills from one run, keyed by reviewer id, with the label order the
/// matrices use. Store it per flow and pass it back as `AggregationOptions.priorSkills`.
public struct ReviewerSkills: Sendable, Equatable, Codable {
    /// The method that estimated the skills.
    public var method: AggregationMethod
    /// Label order of `confusion` rows/columns and `strategy` entries.
    public var labels: [String]
    /// Skill per reviewer id.
    public var reviewers: [String: ReviewerSkill]

    /// Creates a skill set.
    public init(method: AggregationMethod, labels: [String], reviewers: [String: ReviewerSkill]) {
        self.method = method
        self.labels = labels
        self.reviewers = reviewers
    }
}
