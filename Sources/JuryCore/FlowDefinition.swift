import JuryConsensus
import JuryJSON

/// The AWS services whose raw responses A2I (and Jury) read directly.
public enum RequestSource: String, Sendable, Codable, CaseIterable {
    case textractForms = "AWS/Textract/AnalyzeDocument/Forms/V1"
    case rekognitionModeration = "AWS/Rekognition/DetectModerationLabels/Image/V3"
}

/// What reviewers are asked to do; it decides the task screen and the answer's shape.
public enum TaskType: String, Sendable, Codable, CaseIterable {
    case documentForm = "document-form"
    case imageModeration = "image-moderation"
    case classification
    case freeText = "free-text"

    /// The task type an AWS request source implies.
    public init(source: RequestSource) {
        self = source == .textractForms ? .documentForm : .imageModeration
    }
}

/// How a custom model writes its confidence: as 0-1 or as 0-100.
public enum ConfidenceScale: String, Sendable, Codable {
    case fraction
    case percent

    /// `value` on the 0-100 scale Jury uses for ordering and display.
    public func percent(_ value: Double) -> Double { self == .fraction ? value * 100 : value }
}

/// A flow definition: A2I's CreateFlowDefinition shape plus Jury's own `Jury` block.
///
/// Loops copy the settings they need (task count, time limits, team) when they are created, so
/// editing a flow file later changes only loops created after the edit.
public struct FlowDefinition: Sendable, Equatable {
    public var name: String
    public var requestSource: RequestSource?
    /// Top-level conditions; nil when the flow has none (every request then gets a loop).
    public var activationConditions: [ActivationCondition]?
    public var taskTitle: String
    public var taskDescription: String
    /// Distinct reviewers each loop needs (A2I allows 1-3; Jury allows more).
    public var taskCount: Int
    public var taskAvailabilityLifetimeSeconds: Int
    public var taskTimeLimitSeconds: Int
    public var taskKeywords: [String]
    /// The local team whose members may claim this flow's tasks (from `WorkteamArn`).
    public var team: String
    /// The local task template's name (from `HumanTaskUiArn`), if any.
    public var taskTemplate: String?
    /// Where outputs go: `OutputConfig.S3OutputPath` as written (see `QueueDirectory.outputFolder(for:)`).
    public var outputPath: String?
    public var taskType: TaskType
    /// The classes reviewers choose from (classification).
    public var categories: [String]
    /// Image moderation: labels reviewers may mark beside those the model reported (`Jury.Labels`).
    public var moderationLabels: [ModerationLabelName]
    /// Model confidence, 0-100, below which fields are highlighted and consensus escalates.
    public var confidenceThreshold: Double
    /// Where a custom model's confidence sits inside the input content.
    public var confidencePath: JSONPath?
    public var confidenceScale: ConfidenceScale
    /// The answer's member: classification `{"category": {"label": ...}}` (or `{"labels": [...]}`), free
    /// text `{"freeText": {"decision", "text"}}` or, under another name, a named free field `{"transcription": "…"}`.
    public var answerName: String
    /// How verdicts are aggregated and when a loop escalates (`Jury.Consensus`).
    public var consensus: ConsensusSettings
    /// The flow file's document as read; the ledger keeps it so loops outlive edits to the file.
    public var storedForm: JSONValue
    /// The worker template the task screen is built from (`Jury.Template`); nil for a flow without one.
    public var workerTemplate: WorkerTemplate? = nil

    /// A2I's limit on TaskCount; Jury accepts more and says so.
    public static let a2iMaximumTaskCount = 3
    static let defaultLifetimeSeconds = 864_000
    static let defaultTimeLimitSeconds = 3_600
    static let defaultConfidenceThreshold = 80.0
    /// The free-text answer member whose value is `{"decision", "text"}`; any other name holds the text itself.
    public static let freeTextAnswerName = "freeText"

    /// Whether the flow's free-text answers are named free fields (`{"transcription": "…"}`), as custom
    /// templates' `crowd-text-area` and `crowd-input` submit them.
    public var hasNamedFreeField: Bool { taskType == .freeText && answerName != Self.freeTextAnswerName }
}

/// A flow's consensus setting, from `"Jury": {"Consensus": {...}}` (see docs/consensus.md).
public struct ConsensusSettings: Sendable, Equatable {
    /// An aggregation method name: mv, wmv, wawa, zbs, ds, onecoin-ds, glad, mace, ibcc, ebcc.
    public var method: String
    /// Whether a tie is settled by the order of the flow's categories (else it stays unresolved).
    public var breakTiesByCategoryOrder: Bool
    /// When set, a consensus below `threshold` (0-1) or unresolved asks up to `maxExtraReviewers` more
    /// reviewers, then hands the loop to a lead of its team.
    public var escalation: Escalation?

    /// Rounds limit of the iterative methods; nil for each method's default (`MaxIterations`).
    public var maxIterations: Int? = nil
    /// Convergence tolerance of the iterative methods; nil for each method's default (`Tolerance`).
    public var tolerance: Double? = nil
    /// Hyperparameters of ibcc and ebcc (`Bayesian`); the authors' defaults when not given.
    public var bayesian = BayesianCombinationOptions()

    public struct Escalation: Sendable, Equatable {
        public var threshold: Double
        public var maxExtraReviewers: Int
        public var minAnswers: Int
    }

    /// The consensus library's options for these settings, with the flow's `labels` and stored skills.
    public func aggregationOptions(labels: [String], priorSkills: ReviewerSkills? = nil) -> AggregationOptions {
        AggregationOptions(tieBreaker: breakTiesByCategoryOrder ? .labelOrder : .unresolved, priorSkills: priorSkills,
                           labels: labels, maxIterations: maxIterations, tolerance: tolerance, bayesian: bayesian)
    }

    public static let standard = ConsensusSettings(method: "mv", breakTiesByCategoryOrder: false, escalation: nil)
}
