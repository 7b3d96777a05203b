import Foundation
import JuryConsensus

/// The engine's completion policy: aggregates a loop's verdicts with the consensus library, following
/// the flow's `Jury.Consensus` setting, and escalates when that setting asks for it.
///
/// Deterministic and free of I/O, as `CompletionPolicy` requires: the same verdicts give the same block.
public struct ConsensusCompletion: CompletionPolicy {
    public init() {}

    public func decide(_ loop: FinishedLoop) -> CompletionDecision {
        let block = consensusBlock(for: loop)
        var json = block.jsonValue
        if let adjudicator = loop.adjudicator, let answer = loop.answers.first(where: { $0.workerId == adjudicator }) {
            json = json.adding("adjudication", ["by": .string(adjudicator), "answerContent": answer.answerContent])
            return .complete(consensus: json)
        }
        switch block.escalation {
        case .addReviewer(let reason)?: return .addReviewer(reason: reason.rawValue)
        case .handToLead(let reason)?: return .handToLead(reason: reason.rawValue)
        case .accept?, nil: return .complete(consensus: json)
        }
    }

    /// The consensus block of a loop, by task type; adjudicated loops are not escalated again.
    func consensusBlock(for loop: FinishedLoop) -> ConsensusBlock {
        let settings = loop.flow.consensus
        let method = AggregationMethod(rawValue: settings.method) ?? .mv
        let policy = loop.adjudicator == nil ? settings.escalation.map {
            EscalationPolicy(threshold: $0.threshold, maxExtraReviewers: $0.maxExtraReviewers, minAnswers: $0.minAnswers)
        } : nil
        let reviews = LoopReviews(loop: loop)
        switch loop.flow.taskType {
        case .classification:
            let item = classification(reviews, method: method, settings: settings, skills: loop.storedSkills)
            return .classification(item, method: method, policy: policy, extraReviewers: loop.extraReviewers)
        case .imageModeration:
            let item = ModerationAggregator(vocabulary: reviews.moderationVocabulary, method: method).aggregate(reviews.moderation)
            return .moderation(item[0], method: method, policy: policy, extraReviewers: loop.extraReviewers)
        case .documentForm:
            let item = FormAggregator(fields: reviews.formFieldNames).aggregate(reviews.forms)
            return .form(item[0], policy: policy, extraReviewers: loop.extraReviewers)
        case .freeText:
            let item = FreeTextAggregator().aggregate(reviews.freeTexts)
            return .freeText(item[0], policy: policy, extraReviewers: loop.extraReviewers)
        }
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

    private var task: String { loop.name }

    var labels: [Answer] {
        loop.answers.compactMap { answer in
            answer.answerContent[loop.flow.answerName]?["label"]?.stringValue.map { Answer(worker: answer.workerId, task: task, label: $0) }
        }
    }

    var moderation: [ModerationAnswer] {
        loop.answers.map { answer in
            let labels = answer.answerContent[AnswerContent.mainKey(for: loop.flow)]?["moderationLabels"]?.arrayValue ?? []
            return ModerationAnswer(worker: answer.workerId, task: task, labels: Set(labels.compactMap { $0["name"]?.stringValue }))
        }
    }

    /// Every label the model proposed or a reviewer chose, so "not chosen" counts as a vote against it.
    var moderationVocabulary: [String] {
        let proposed = ModerationLabel.labels(in: loop.input["aiServiceResponse"] ?? .null).map(\.name)
        return Array(Set(proposed + moderation.flatMap(\.labels))).sorted()
    }

    var forms: [JuryConsensus.FormAnswer] {
        loop.answers.map { answer in
            let blocks = answer.answerContent[AnswerContent.mainKey(for: loop.flow)]?["blocks"]?.arrayValue ?? []
            let pairs = FormAnswer.pairs(inBlocks: blocks)
            return JuryConsensus.FormAnswer(
                worker: answer.workerId, task: task, fields: Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// The keys Textract found plus any a reviewer added: a key a reviewer left out counts as "missing".
    var formFieldNames: [String] {
        let found = TextractForm.fields(in: loop.input["aiServiceResponse"] ?? .null).map(\.key)
        return Array(Set(found + forms.flatMap(\.fields.keys))).sorted()
    }

    var freeTexts: [FreeTextAnswer] {
        loop.answers.compactMap { answer in
            answer.answerContent["freeText"]?["text"]?.stringValue.map { FreeTextAnswer(worker: answer.workerId, task: task, text: $0) }
        }
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

extension ConsensusBlock {
    /// The block as the `consensus` member of output.json.
    var jsonValue: JSONValue { (try? JSONValue.parse(jsonData())) ?? .null }
}
