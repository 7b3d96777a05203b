import JuryCore
import JuryJSON

extension Verdict {
    /// The `answerContent` for `content` in the shape `AnswerContent` documents; nil when the verdict
    /// is incomplete (a classification with no category to fall back on). A form is sent as its
    /// `keyValuePairs`, which the answer check stores as blocks with the loop's Textract ids and confidences.
    public func answer(for content: TaskContent) -> JSONValue? {
        let member = AnswerContent.mainKey(for: content.flow)
        let comment = comment.isEmpty ? nil : comment
        guard case .form(let form) = content.body else {
            return answerBody(for: content).map { ReviewAnswer(member: member, body: $0, comment: comment).jsonValue }
        }
        var members: [String: JSONValue] = [member: ["keyValuePairs": .array(pairs(form.withAddedKeys(addedKeys)))]]
        members["comment"] = comment.map(JSONValue.string)
        return .object(members)
    }

    /// The typed answer of a task other than a form; nil for an incomplete classification.
    private func answerBody(for content: TaskContent) -> ReviewAnswer.Body? {
        switch content.body {
        case .form: nil
        case .moderation(let moderation):
            .moderationLabels(moderation.labels.filter(applies).map { ModerationLabelName(name: $0.name, parentName: $0.parentName) })
        case .classification(let classification) where classification.modelLabels != nil:
            .categories(content.flow.categories.filter { appliesClass($0, model: classification.modelLabels ?? []) })
        case .classification(let classification):
            (category ?? classification.predicted.flatMap { content.flow.categories.contains($0) ? $0 : nil }).map(ReviewAnswer.Body.category)
        case .freeText(let text):
            content.flow.hasNamedFreeField
                ? .namedField(text.text(with: paragraphs)) : .freeText(paragraphs.isEmpty ? .approved : .edited, text: text.text(with: paragraphs))
        }
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
}
