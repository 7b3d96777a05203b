/// One reviewer's selection for one image: the labels they marked. An empty set is the
/// real answer "no label applies".
public struct ModerationAnswer: Sendable, Hashable, Codable {
    public var worker: String
    public var task: String
    public var labels: Set<String>

    /// Creates a selection.
    public init(worker: String, task: String, labels: Set<String>) {
        self.worker = worker
        self.task = task
        self.labels = labels
    }
}

/// The moderation consensus for one item.
public struct ModerationConsensus: Sendable, Equatable {
    /// Item id.
    public var task: String
    /// Decision per label of the vocabulary.
    public var decisions: [String: LabelDecision]
    /// The decision on "no label applies" (applies = reviewers agree nothing applies).
    public var noneApplies: LabelDecision
    /// Labels that apply, sorted.
    public var labelSet: [String] { decisions.filter(\.value.applies).map(\.key).sorted() }
    /// Answers (selections) received.
    public var answers: Int
    /// Set when a label decision is tied or contradicts the "no label applies" decision.
    public var unresolved: UnresolvedReason?
    /// The weakest decision's confidence.
    public var confidence: Double { (decisions.values.map(\.confidence) + [noneApplies.confidence]).min() ?? 0 }
}

/// Image moderation: each label (and "no label applies") is decided as a yes/no question
/// over all items with any categorical method, so reviewer skill per label is learned.
///
/// A reviewer's selection votes "yes" for each selected label and "no" for every other
/// label of the vocabulary; an empty selection votes "yes" on "no label applies".
/// The label set is the labels decided "yes"; if it is empty while "no label applies" is
/// decided "no" (or the reverse), the item is unresolved with reason `.conflict`.
public struct ModerationAggregator: Sendable {
    /// Every label a reviewer could select; labels met in the answers are added.
    public var vocabulary: [String]
    /// Method used for each yes/no question.
    public var method: AggregationMethod
    /// Options for each question (a yes/no tie stays unresolved by default).
    public var options: AggregationOptions

    /// Creates an aggregator.
    public init(vocabulary: [String], method: AggregationMethod = .mv,
                options: AggregationOptions = AggregationOptions()) {
        self.vocabulary = vocabulary
        self.method = method
        self.options = options
    }

    /// One consensus per item, in order of first answer.
    public func aggregate(_ answers: [ModerationAnswer]) -> [ModerationConsensus] {
        let none = decide(answers) { $0.labels.isEmpty }
        var perLabel: [String: [String: LabelDecision]] = [:]
        for label in allLabels(answers) {
            for (task, decision) in decide(answers, { $0.labels.contains(label) }) {
                perLabel[task, default: [:]][label] = decision
            }
        }
        return groupedByTask(answers, task: \.task).map { task, selections in
            var item = ModerationConsensus(task: task, decisions: perLabel[task] ?? [:],
                                           noneApplies: none[task]!, answers: selections.count)
            item.unresolved = problem(item)
            return item
        }
    }

    /// Vocabulary plus labels met in the answers, in first-seen order.
    func allLabels(_ answers: [ModerationAnswer]) -> [String] {
        var labels = vocabulary, seen = Set(vocabulary)
        for answer in answers {
            for label in answer.labels.sorted() where seen.insert(label).inserted { labels.append(label) }
        }
        return labels
    }

    /// Runs one yes/no question over all items. A question the answers split evenly on stays a tie
    /// whatever weights the method learns (confidence at most 1/2), unless ties go by label order.
    func decide(_ answers: [ModerationAnswer], _ says: (ModerationAnswer) -> Bool) -> [String: LabelDecision] {
        var questionOptions = options
        questionOptions.labels = ["no", "yes"]
        questionOptions.priorSkills = nil
        let votes = answers.map { Answer(worker: $0.worker, task: $0.task, label: says($0) ? "yes" : "no") }
        let result = Aggregator(options: questionOptions).aggregate(votes, method: method)
        var balance: [String: Int] = [:]
        for vote in votes { balance[vote.task, default: 0] += vote.label == "yes" ? 1 : -1 }
        return Dictionary(uniqueKeysWithValues: result.items.map { item in
            let split = options.tieBreaker != .labelOrder && balance[item.task] == 0
            return (item.task, LabelDecision(applies: item.label == "yes",
                                             confidence: ConsensusBlock.rounded(split ? min(item.confidence, 0.5) : item.confidence),
                                             agreement: ConsensusBlock.rounded(item.agreement),
                                             unresolved: item.unresolved ?? (split ? .tie : nil)))
        })
    }

    /// A tie on any question, else a contradiction with "no label applies", else nil.
    func problem(_ item: ModerationConsensus) -> UnresolvedReason? {
        if item.noneApplies.unresolved != nil || item.decisions.values.contains(where: { $0.unresolved != nil }) {
            return .tie
        }
        return item.labelSet.isEmpty == item.noneApplies.applies ? nil : .conflict
    }
}

extension ConsensusBlock {
    /// The block for a multi-select classification: decided as a moderation set (each class a yes/no
    /// question, the empty selection "none applies"), reported with task type `multi-select`.
    public static func multiSelect(_ item: ModerationConsensus, method: AggregationMethod,
                                   policy: EscalationPolicy? = nil, extraReviewers: Int = 0) -> ConsensusBlock {
        var block = moderation(item, method: method, policy: policy, extraReviewers: extraReviewers)
        block.taskType = .multiSelect
        return block
    }

    /// The block for a moderation consensus; `labels` holds every label's decision.
    public static func moderation(_ item: ModerationConsensus, method: AggregationMethod,
                                  policy: EscalationPolicy? = nil, extraReviewers: Int = 0) -> ConsensusBlock {
        let agreements = item.decisions.keys.sorted().map { item.decisions[$0]!.agreement } + [item.noneApplies.agreement]
        var block = ConsensusBlock(
            taskType: .moderation, method: method.rawValue, labels: item.decisions,
            labelSet: item.labelSet, confidence: rounded(item.confidence), unresolved: false,
            agreement: rounded(agreements.reduce(0, +) / Double(agreements.count)), answers: item.answers)
        block.applyPolicy(policy, extraReviewers: extraReviewers, known: item.unresolved)
        return block
    }
}
