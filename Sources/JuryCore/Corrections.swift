import JuryConsensus
import JuryJSON

/// What changed in a completed loop: its consensus against the model's answer, one rule per task type.
///
/// People's answers are read as the consensus reads them (`LoopReviews`), the consensus from its stored block,
/// and the model's answer as the task screens read the input (`prediction.label`, `ModerationLabel`,
/// `TextractForm`, `modelOutput`). Items the consensus left unresolved (a tie) change nothing.
enum Corrections {
    /// The export record of `loop`, whose consensus block is `consensus`.
    static func record(_ loop: FinishedLoop, consensus: JSONValue, createdAt: Int64, completedAt: Int64) -> CorrectionRecord {
        let reviews = LoopReviews(loop: loop)
        let comparison =
            switch loop.flow.taskType {
            case .classification where reviews.isMultiSelect: multiSelect(reviews, consensus: consensus)
            case .classification: classification(reviews, consensus: consensus)
            case .imageModeration: moderation(reviews, consensus: consensus)
            case .documentForm: form(reviews, consensus: consensus)
            case .freeText: freeText(reviews, consensus: consensus)
            }
        return CorrectionRecord(
            loop: loop.name, flow: loop.flow.name, taskType: loop.flow.taskType, createdAt: createdAt, completedAt: completedAt,
            inputContent: loop.input, prediction: comparison.prediction, consensus: consensus, answer: comparison.answer,
            changes: comparison.changes, agreement: consensus["agreement"]?.numberValue, votes: comparison.votes,
            sourceReference: sourceReference(loop), sourceText: sourceText(loop))
    }

    /// The model's answer, people's, their differences and each reviewer's votes.
    struct Comparison {
        var prediction: JSONValue
        var answer: JSONValue
        var changes: [CorrectionChange]
        var votes: [CrowdVote]
    }

    static func classification(_ reviews: LoopReviews, consensus: JSONValue) -> Comparison {
        let loop = reviews.loop
        let predicted = loop.input["prediction"]?["label"]?.stringValue
        let human = consensus["value"]?.stringValue
        let answer: JSONValue = human.map { label in
            ["label": .string(label), "index": loop.flow.categories.firstIndex(of: label).map { .number(Double($0)) } ?? .null,
             "confidence": consensus["confidence"] ?? .null]
        } ?? .null
        let changes = human.flatMap { $0 == predicted ? nil : CorrectionChange(item: "label", kind: .changed, model: predicted, human: $0) }
        return Comparison(
            prediction: ["label": predicted.map(JSONValue.string) ?? .null, "confidence": modelConfidence(loop) ?? .null],
            answer: answer, changes: changes.map { [$0] } ?? [],
            votes: reviews.labels.map { CrowdVote(worker: $0.worker, task: loop.name, label: $0.label) })
    }

    static func moderation(_ reviews: LoopReviews, consensus: JSONValue) -> Comparison {
        let reported = ModerationLabel.labels(in: reviews.loop.input["aiServiceResponse"] ?? .null)
        let prediction: JSONValue = [
            "labels": .array(reported.map { .string($0.name) }),
            "confidence": .object(Dictionary(reported.map { ($0.name, .number($0.confidence)) }, uniquingKeysWith: { first, _ in first })),
        ]
        return labelSet(reviews, selections: reviews.moderation, vocabulary: reviews.moderationVocabulary,
                        predicted: Set(reported.map(\.name)), prediction: prediction, consensus: consensus)
    }

    /// A multi-select classification: the model's `prediction.labels` (or its one `prediction.label`)
    /// against the classes decided yes, one yes/no vote per reviewer and class, as for moderation.
    static func multiSelect(_ reviews: LoopReviews, consensus: JSONValue) -> Comparison {
        let loop = reviews.loop
        let model = loop.input["prediction"]
        let predicted = model?["labels"]?.arrayValue?.compactMap(\.stringValue) ?? model?["label"]?.stringValue.map { [$0] } ?? []
        let chosen = Set(reviews.selections.flatMap(\.labels)).subtracting(loop.flow.categories).sorted()
        return labelSet(reviews, selections: reviews.selections, vocabulary: loop.flow.categories + chosen, predicted: Set(predicted),
                        prediction: ["labels": .array(predicted.map(JSONValue.string)), "confidence": modelConfidence(loop) ?? .null],
                        consensus: consensus)
    }

    /// A set of labels decided as yes/no questions (`labels`, `labelSet` of the block): each settled label
    /// the model had and people did not is removed, and the reverse added; votes are `LOOP/LABEL` yes or no.
    private static func labelSet(_ reviews: LoopReviews, selections: [ModerationAnswer], vocabulary: [String], predicted: Set<String>,
                                 prediction: JSONValue, consensus: JSONValue) -> Comparison {
        let loop = reviews.loop
        let applied = Set((consensus["labelSet"]?.arrayValue ?? []).compactMap(\.stringValue))
        let settled = vocabulary.filter { resolved(consensus["labels"]?[$0]) }
        let changes = settled.compactMap { name -> CorrectionChange? in
            switch (predicted.contains(name), applied.contains(name)) {
            case (false, true): CorrectionChange(item: name, kind: .added, model: "no", human: "yes")
            case (true, false): CorrectionChange(item: name, kind: .removed, model: "yes", human: "no")
            default: nil
            }
        }
        let votes = selections.flatMap { answer in
            vocabulary.map { CrowdVote(worker: answer.worker, task: loop.name + "/" + $0, label: answer.labels.contains($0) ? "yes" : "no") }
        }
        let confidences = settled.map { ($0, consensus["labels"]?[$0]?["confidence"] ?? .null) }
        return Comparison(
            prediction: prediction,
            answer: ["labels": .array(settled.filter(applied.contains).map(JSONValue.string)),
                     "confidence": .object(Dictionary(uniqueKeysWithValues: confidences))],
            changes: changes, votes: votes)
    }

    static func form(_ reviews: LoopReviews, consensus: JSONValue) -> Comparison {
        let loop = reviews.loop
        var predicted: [String: FormField] = [:]
        for field in TextractForm.fields(in: loop.input["aiServiceResponse"] ?? .null) where predicted[field.keyBlockId] == nil {
            predicted[field.keyBlockId] = field
        }
        let decided = consensus["fields"]?.objectValue ?? [:]
        let names = fieldNames(Set(decided.keys).union(predicted.keys), keyTexts: reviews.formKeyTexts.merging(predicted.mapValues(\.key)) { first, _ in first })
        let ids = names.keys.sorted { names[$0]! < names[$1]! }
        let settled = ids.filter { resolved(decided[$0]) }
        let changes = settled.compactMap { id in formChange(names[id]!, model: predicted[id]?.value, decision: decided[id] ?? .null) }
        let votes = reviews.forms.flatMap { form in
            ids.filter { decided[$0] != nil }.map { id in
                CrowdVote(worker: form.worker, task: loop.name + "/" + names[id]!, label: form.fields[id] ?? NormalizedValue.missing.key)
            }
        }
        let shown = { (pairs: [(String, JSONValue)]) in JSONValue.object(Dictionary(uniqueKeysWithValues: pairs)) }
        return Comparison(
            prediction: ["fields": shown(predicted.map { (names[$0.key]!, .string($0.value.value)) }),
                         "confidence": shown(predicted.map { (names[$0.key]!, .number($0.value.confidence)) })],
            answer: ["fields": shown(settled.map { (names[$0]!, decided[$0]?["value"] ?? .null) }),
                     "confidence": shown(settled.map { (names[$0]!, decided[$0]?["confidence"] ?? .null) })],
            changes: changes, votes: votes)
    }

    /// A name for each form field (by KEY block id): its key text, or, for a key text several fields
    /// share, the text and the id (`First Name: [id]`), so names are unique.
    private static func fieldNames(_ ids: Set<String>, keyTexts: [String: String]) -> [String: String] {
        let texts = Dictionary(uniqueKeysWithValues: ids.map { ($0, keyTexts[$0] ?? $0) })
        let counts = Dictionary(texts.values.map { ($0, 1) }, uniquingKeysWith: +)
        return texts.mapValues { $0 }.reduce(into: [:]) { names, entry in
            names[entry.key] = counts[entry.value]! > 1 ? "\(entry.value) [\(entry.key)]" : entry.value
        }
    }

    /// A form key's change: values compare as the form consensus compares them (`ValueNormalizer`), so
    /// "1,240.00" and "1240" are the same value; a key the model read blank and people left out is no change.
    private static func formChange(_ name: String, model: String?, decision: JSONValue) -> CorrectionChange? {
        let human = decision["value"]?.stringValue
        let modelKey = FormAggregator().normalizer.normalize(model).key
        guard modelKey != decision["normalized"]?.stringValue else { return nil }
        switch (model, human) {
        case (nil, let value?): return CorrectionChange(item: name, kind: .added, model: nil, human: value)
        case (let value?, nil): return CorrectionChange(item: name, kind: .missing, model: value, human: nil)
        default: return CorrectionChange(item: name, kind: .changed, model: model, human: human)
        }
    }

    static func freeText(_ reviews: LoopReviews, consensus: JSONValue) -> Comparison {
        let loop = reviews.loop
        let predicted = loop.input[AnswerContent.modelTextMember]?.stringValue ?? ""
        let human = consensus["value"]?.stringValue
        let changes = human.flatMap { $0 == predicted ? nil : CorrectionChange(item: "text", kind: .changed, model: predicted, human: $0) }
        return Comparison(
            prediction: ["text": .string(predicted), "confidence": modelConfidence(loop) ?? .null],
            answer: human.map { ["text": .string($0), "confidence": consensus["confidence"] ?? .null] } ?? .null,
            changes: changes.map { [$0] } ?? [],
            votes: reviews.freeTexts.map { CrowdVote(worker: $0.worker, task: loop.name, label: $0.text) })
    }

    /// Whether a consensus decision (a label's or a field's) is settled: present and not a tie.
    private static func resolved(_ decision: JSONValue?) -> Bool {
        guard let decision, decision.objectValue != nil else { return false }
        return decision["unresolved"] == nil || decision["unresolved"] == .null
    }

    /// The model's confidence as the input gives it: the lowest value at the flow's `ConfidencePath`, else
    /// `prediction.confidence`, else the input's `confidence`.
    private static func modelConfidence(_ loop: FinishedLoop) -> JSONValue? {
        let atPath = loop.flow.confidencePath?.values(in: loop.input).compactMap(\.numberValue).min()
        return atPath.map(JSONValue.number) ?? loop.input["prediction"]?["confidence"] ?? loop.input["confidence"]
    }

    /// The task's image or document as the task screens find it (`TaskMaterial.mediaValue`): a path as given,
    /// an `S3Object` as `s3://BUCKET/NAME`.
    private static func sourceReference(_ loop: FinishedLoop) -> String? {
        let material = TaskMaterial(loopName: loop.name, flow: loop.flow, input: loop.input, activationResults: .null, createdAt: 0,
                                    deadline: 0, minimumConfidence: nil)
        guard let value = material.mediaValue else { return nil }
        if let path = value.stringValue { return path }
        guard let bucket = value["S3Object"]?["Bucket"]?.stringValue, let name = value["S3Object"]?["Name"]?.stringValue else { return nil }
        return "s3://\(bucket)/\(name)"
    }

    private static func sourceText(_ loop: FinishedLoop) -> String? {
        switch loop.flow.taskType {
        case .classification: loop.input["text"]?.stringValue
        case .freeText: loop.input["prompt"]?.stringValue ?? loop.input[AnswerContent.modelTextMember]?.stringValue
        case .documentForm, .imageModeration: nil
        }
    }
}
