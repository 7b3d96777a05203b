import JuryCore
import JuryJSON

extension Verdict {
    /// The `answerContent` for `content` in the shape `AnswerContent` documents; nil when the verdict
    /// is incomplete (a classification with no category to fall back on).
    public func answer(for content: TaskContent) -> JSONValue? {
        var members: [String: JSONValue] = [:]
        let key = AnswerContent.mainKey(for: content.flow)
        switch content.body {
        case .form(let form): members[key] = ["keyValuePairs": .array(pairs(form.withAddedKeys(addedKeys)))]
        case .moderation(let moderation): members[key] = ["moderationLabels": .array(labels(moderation))]
        case .classification(let classification) where classification.modelLabels != nil:
            let model = classification.modelLabels ?? []
            members[key] = ["labels": .array(content.flow.categories.filter { appliesClass($0, model: model) }.map(JSONValue.string))]
        case .classification(let classification):
            guard let label = category ?? classification.predicted.flatMap({ content.flow.categories.contains($0) ? $0 : nil }) else {
                return nil
            }
            members[key] = ["label": .string(label)]
        case .freeText(let text):
            let edited = text.text(with: paragraphs)
            members[key] = content.flow.hasNamedFreeField
                ? .string(edited) : ["decision": paragraphs.isEmpty ? "approved" : "edited", "text": .string(edited)]
        }
        if !comment.isEmpty { members["comment"] = .string(comment) }
        return .object(members)
    }

    private func pairs(_ form: FormTask) -> [JSONValue] {
        form.fields.compactMap { item -> JSONValue? in
            guard !item.key.isEmpty else { return nil }
            switch fields[item.id] {
            case .missing: return nil
            case .value(let value): return pair(item, value: value)
            case nil:
                guard item.hasTextractKey else { return nil }
                return pair(item, value: item.value)
            }
        }
    }

    /// A reviewed pair; a key Textract found names its KEY block, so the answer keeps Textract's ids. A missing
    /// important key or an added one names none: the stored blocks get ids derived from the key text.
    private func pair(_ item: FormItem, value: String) -> JSONValue {
        var pair: [String: JSONValue] = ["key": .string(item.key), "value": .string(value)]
        if item.hasTextractKey { pair["keyBlockId"] = .string(item.id) }
        return .object(pair)
    }

    private func labels(_ moderation: ModerationTask) -> [JSONValue] {
        moderation.labels.filter(applies).map {
            ["name": .string($0.name), "parentName": .string($0.parentName)]
        }
    }
}
