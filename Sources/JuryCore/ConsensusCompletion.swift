import Foundation
import JuryConsensus
import JuryJSON

/// The engine's completion policy: aggregates a loop's verdicts with the consensus library, following
/// the flow's `Jury.Consensus` setting, and escalates when that setting asks for it.
///
/// Deterministic and free of I/O, as `CompletionPolicy` requires: the same verdicts give the same block.
public struct ConsensusCompletion: CompletionPolicy {
    public init() {}

    public func decide(_ loop: FinishedLoop) -> CompletionDecision {
        if let adjudicator = loop.adjudicator, let answer = loop.answers.first(where: { $0.workerId == adjudicator }) {
            return .complete(consensus: adjudicated(loop, by: answer))
        }
        let block = consensusBlock(for: loop)
        switch block.escalation {
        case .addReviewer(let reason)?: return .addReviewer(reason: reason.rawValue)
        case .handToLead(let reason)?: return .handToLead(reason: reason.rawValue)
        case .accept?, nil: return .complete(consensus: block.jsonValue)
        }
    }

    /// The consensus block of a loop, by task type; `escalating` false leaves the flow's escalation policy out.
    func consensusBlock(for loop: FinishedLoop, escalating: Bool = true) -> ConsensusBlock {
        let settings = loop.flow.consensus
        let method = AggregationMethod(rawValue: settings.method) ?? .mv
        let policy = escalating ? settings.escalation.map {
            EscalationPolicy(threshold: $0.threshold, maxExtraReviewers: $0.maxExtraReviewers, minAnswers: $0.minAnswers)
        } : nil
        let reviews = LoopReviews(loop: loop)
        switch loop.flow.taskType {
        case .classification where reviews.isMultiSelect:
            let item = ModerationAggregator(vocabulary: loop.flow.categories, method: method, options: settings.aggregationOptions(labels: []))
                .aggregate(reviews.selections)
            return .multiSelect(item[0], method: method, policy: policy, extraReviewers: loop.extraReviewers)
        case .classification:
            var item = classification(reviews, method: method, settings: settings, skills: loop.storedSkills)
            if !settings.breakTiesByCategoryOrder { item = TieCheck.classification(item, labels: reviews.labels) }
            return .classification(item, method: method, policy: policy, extraReviewers: loop.extraReviewers)
        case .imageModeration:
            let item = ModerationAggregator(vocabulary: reviews.moderationVocabulary, method: method,
                                            options: settings.aggregationOptions(labels: [])).aggregate(reviews.moderation)
            return .moderation(item[0], method: method, policy: policy, extraReviewers: loop.extraReviewers)
        case .documentForm:
            let item = FormAggregator(fields: reviews.shownFormFields, keyTexts: reviews.formKeyTexts).aggregate(reviews.forms)
            return .form(item[0], policy: policy, extraReviewers: loop.extraReviewers)
        case .freeText:
            let item = FreeTextAggregator().aggregate(reviews.freeTexts)
            return .freeText(item[0], policy: policy, extraReviewers: loop.extraReviewers)
        }
    }

    /// The consensus of a loop a lead settled: the lead's answer is the value, final (confidence 1,
    /// resolved); `agreement` is the share of all verdicts whose answer equals the lead's; the
    /// reviewers' own consensus stays beside it in `adjudication.reviewersConsensus`.
    func adjudicated(_ loop: FinishedLoop, by lead: HumanAnswer) -> JSONValue {
        var block = consensusBlock(for: loop.with(answers: [lead]), escalating: false)
        let reviews = LoopReviews(loop: loop)
        let leadBody = reviews.answers.first { $0.worker == lead.workerId }?.answer.body
        let agreeing = reviews.answers.filter { $0.answer.body == leadBody }.count
        (block.confidence, block.unresolved, block.reason, block.escalation) = (1, false, nil, nil)
        (block.answers, block.agreement) = (loop.answers.count, ConsensusBlock.rounded(Double(agreeing) / Double(loop.answers.count)))
        var adjudication: JSONValue = ["by": .string(lead.workerId), "answerContent": lead.answerContent]
        let others = loop.answers.filter { $0.workerId != lead.workerId }
        if !others.isEmpty {
            adjudication = adjudication.adding("reviewersConsensus", consensusBlock(for: loop.with(answers: others), escalating: false).jsonValue)
        }
        return block.jsonValue.adding("adjudication", adjudication)
    }

    private func classification(
        _ reviews: LoopReviews, method: AggregationMethod, settings: ConsensusSettings, skills: JSONValue?
    ) -> ItemConsensus {
        let prior = skills.flatMap { try? JSONDecoder().decode(ReviewerSkills.self, from: $0.encoded()) }
        let options = settings.aggregationOptions(labels: reviews.loop.flow.categories, priorSkills: prior?.method == method ? prior : nil)
        return Aggregator(options: options).aggregate(reviews.labels, method: method).items[0]
    }
}

/// A finished loop's verdicts in the consensus library's terms.
struct LoopReviews {
    let loop: FinishedLoop
    /// Each reviewer's answer as a value, in verdict order; a stored answer not of the flow's shape is left out.
    let answers: [(worker: String, answer: ReviewAnswer)]

    init(loop: FinishedLoop) {
        self.loop = loop
        answers = loop.answers.compactMap { answer in
            (try? ReviewAnswer(stored: answer.answerContent, flow: loop.flow, loop: loop.name)).map { (answer.workerId, $0) }
        }
    }

    private var task: String { loop.name }

    var labels: [Answer] {
        answers.compactMap { worker, answer in
            guard case .category(let label) = answer.body else { return nil }
            return Answer(worker: worker, task: task, label: label)
        }
    }

    /// Whether any reviewer answered with `labels` (a multi-select classifier).
    var isMultiSelect: Bool {
        answers.contains { _, answer in
            if case .categories = answer.body { return true }
            return false
        }
    }

    /// Each reviewer's classes as a set: their `labels`, or their one `label`.
    var selections: [ModerationAnswer] {
        answers.map { ModerationAnswer(worker: $0.worker, task: task, labels: Set($0.answer.classes ?? [])) }
    }

    var moderation: [ModerationAnswer] {
        answers.map { ModerationAnswer(worker: $0.worker, task: task, labels: Set($0.answer.moderationLabelNames)) }
    }

    /// Every label the model proposed or a reviewer chose, so "not chosen" counts as a vote against it.
    var moderationVocabulary: [String] {
        let proposed = ModerationLabel.labels(in: loop.input["aiServiceResponse"] ?? .null).map(\.name)
        return Array(Set(proposed + moderation.flatMap(\.labels))).sorted()
    }

    /// Each reviewer's pairs, by field (`FormAnswer.Pair.fieldId`: Textract's KEY block id, so two keys
    /// with one text stay two fields).
    var forms: [JuryConsensus.FormAnswer] {
        formPairs.map { worker, pairs in
            JuryConsensus.FormAnswer(worker: worker, task: task, fields: Dictionary(pairs.map { ($0.fieldId, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    private var formPairs: [(worker: String, pairs: [FormAnswer.Pair])] {
        answers.map { ($0.worker, $0.answer.formPairs) }
    }

    /// The fields of A2I's task screen, the key-value pairs of the selected response: a reviewer who
    /// leaves one out says the key is missing. A key the screen never showed is counted only where given.
    var shownFormFields: [String] { shownFields.map(\.keyBlockId) }

    /// The key text of every field shown or answered, by field id.
    var formKeyTexts: [String: String] {
        let answered = formPairs.flatMap(\.pairs).map { ($0.fieldId, $0.key) }
        return Dictionary(shownFields.map { ($0.keyBlockId, $0.key) } + answered, uniquingKeysWith: { first, _ in first })
    }

    private var shownFields: [FormField] {
        let activation = loop.input["humanTaskActivationConditionResults"] ?? loop.flow.evaluateActivation(
            ActivationEvidence(inputContent: loop.input, source: loop.flow.requestSource, samplingKey: loop.name)).results
        return TextractForm.fields(in: AIServiceContent.shownResponse(loop.input, activation: activation, source: .textractForms))
    }

    var freeTexts: [FreeTextAnswer] {
        answers.compactMap { worker, answer in answer.text.map { FreeTextAnswer(worker: worker, task: task, text: $0) } }
    }
}

extension JSONValue {
    /// The object with `key` set to `value` (a non-object becomes an object).
    func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        var members = objectValue ?? [:]
        members[key] = value
        return .object(members)
    }
}
