/// How a tie between the top labels of an item is settled.
public enum TieBreaker: Sendable, Equatable, Codable {
    /// Report the item unresolved (reason `.tie`); its label is the first tied label in the
    /// label order (see `AnswerMatrix`), which is also Crowd-Kit's answer. The default.
    case unresolved
    /// Take the first tied label in the label order and report the item resolved.
    case labelOrder
    /// Take the first tied label that appears in this list; if none does, stay unresolved.
    case preference([String])
}

/// Settings shared by every method. The defaults reproduce Crowd-Kit 1.4.2 (and, for ibcc and
/// ebcc, the authors' code).
public struct AggregationOptions: Sendable, Equatable {
    /// Tie policy; see `TieBreaker`.
    public var tieBreaker: TieBreaker
    /// Skills from earlier runs of the same flow, reused where the method allows
    /// (see `docs/consensus.md`); nil to learn everything from the answers.
    public var priorSkills: ReviewerSkills?
    /// The flow's class labels in preference order: they lead the label order (and so win
    /// ties under `.labelOrder`) and are classes even if nobody chose them. May be empty.
    public var labels: [String]
    /// Maximum EM / optimisation rounds; nil for each method's default
    /// (Crowd-Kit's 100 for ds, onecoin-ds, zbs, glad and 50 for mace; 500 for ibcc, ebcc).
    public var maxIterations: Int?
    /// Convergence tolerance; nil for the method's default: Crowd-Kit's 1e-5 on the
    /// per-answer objective, or for ibcc and ebcc 1e-3 on the largest change of a posterior.
    public var tolerance: Double?
    /// Two scores closer than this fraction of the larger count as a tie (0 for exact).
    public var tieTolerance: Double
    /// Hyperparameters of ibcc and ebcc.
    public var bayesian: BayesianCombinationOptions

    /// Creates options; every argument defaults to Crowd-Kit's behaviour plus the
    /// unresolved-tie policy.
    public init(tieBreaker: TieBreaker = .unresolved, priorSkills: ReviewerSkills? = nil,
                labels: [String] = [], maxIterations: Int? = nil,
                tolerance: Double? = nil, tieTolerance: Double = 1e-9,
                bayesian: BayesianCombinationOptions = BayesianCombinationOptions()) {
        self.tieBreaker = tieBreaker
        self.priorSkills = priorSkills
        self.labels = labels
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.tieTolerance = tieTolerance
        self.bayesian = bayesian
    }
}
