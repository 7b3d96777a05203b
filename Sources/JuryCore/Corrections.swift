import JuryConsensus

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
        let loop = reviews.loop
        let reported = ModerationLabel.labels(in: loop.input["aiServiceResponse"] ?? .null)
        let predicted = Set(reported.map(\.name))
        let applied = Set((consensus["labelSet"]?.arrayValue ?? []).compactMap(\.stringValue))
        let vocabulary = reviews.moderationVocabulary
        let settled = vocabulary.filter { resolved(consensus["labels"]?[$0]) }
        let changes = settled.compactMap { name -> CorrectionChange? in
            switch (predicted.contains(name), applied.contains(name)) {
            case (false, true): CorrectionChange(item: name, kind: .added, model: "no", human: "yes")
            case (true, false): CorrectionChange(item: name, kind: .removed, model: "yes", human: "no")
            default: nil
            }
        }
        let votes = reviews.moderation.flatMap { answer in
            vocabulary.map { CrowdVote(worker: answer.worker, task: loop.name + "/" + $0, label: answer.labels.contains($0) ? "yes" : "no") }
        }
        let confidences = settled.map { ($0, consensus["labels"]?[$0]?["confidence"] ?? .null) }
        return Comparison(
            prediction: ["labels": .array(reported.map { .string($0.name) }),
                         "confidence": .object(Dictionary(reported.map { ($0.name, .number($0.confidence)) }, uniquingKeysWith: { first, _ in first }))],
            answer: ["labels": .array(settled.filter(applied.contains).map(JSONValue.string)),
                     "confidence": .object(Dictionary(uniqueKeysWithValues: confidences))],
            changes: changes, votes: votes)
    }

    static func form(_ reviews: LoopReviews, consensus: JSONValue) -> Comparison {
        let loop = reviews.loop
        var predicted: [String: FormField] = [:]
        for field in TextractForm.fields(in: loop.input["aiServiceResponse"] ?? .null) where predicted[field.key] == nil { predicted[field.key] = field }
        let names = reviews.formFieldNames
        let settled = names.filter { resolved(consensus["fields"]?[$0]) }
        let changes = settled.compactMap { name in
            formChange(name, model: predicted[name]?.value, decision: consensus["fields"]?[name] ?? .null)
        }
        let votes = reviews.forms.flatMap { form in
            names.map { CrowdVote(worker: form.worker, task: loop.name + "/" + $0, label: form.fields[$0] ?? NormalizedValue.missing.key) }
        }
        return Comparison(
            prediction: ["fields": .object(predicted.mapValues { .string($0.value) }), "confidence": .object(predicted.mapValues { .number($0.confidence) })],
            answer: ["fields": .object(Dictionary(uniqueKeysWithValues: settled.map { ($0, consensus["fields"]?[$0]?["value"] ?? .null) })),
                     "confidence": .object(Dictionary(uniqueKeysWithValues: settled.map { ($0, consensus["fields"]?[$0]?["confidence"] ?? .null) }))],
            changes: changes, votes: votes)
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
