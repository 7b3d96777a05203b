import JuryJSON

/// Checks a reviewer's `answerContent` against the loop's task type and returns its stored form.
///
/// Shapes (see docs/answers.md): Rekognition flows `{"AWS/Rekognition/…/V3": {"moderationLabels":
/// [{"name", "parentName"}]}}`; Textract flows `{"AWS/Textract/…/V1": {"blocks": [...]}}` (or
/// `{"keyValuePairs": [{"key", "value", "keyBlockId"?}]}`, stored as blocks made from the loop's response);
/// classification `{"category": {"label": "…"}}` or, multi-select, `{"category": {"labels": ["…"]}}`;
/// free text `{"freeText": {"decision": "approved" | "edited", "text": "…"}}` or a named free field
/// `{"transcription": "…"}`. Any shape may add `"comment": "…"`.
///
/// It is the one check of what a reviewer may answer, whoever sends it (the workstation, `jury answer`,
/// a script over the socket), and it checks the answer against the task as the workstation offers it:
/// a category of the flow (of the loop, when its worker template's categories are Liquid); a moderation label the model reported or the flow lists, with its parent
/// label when that is one of them too; an approved free text that is the model's text (`modelOutput`).
public enum AnswerContent {
    /// The member of a free-text task's InputContent that holds the model's text.
    public static let modelTextMember = "modelOutput"

    /// The validated answer in its stored form, for a task of `flow` with the producer's `input` (its
    /// InputContent, read only for the task types that check against it: moderation, forms, whose
    /// `keyValuePairs` become blocks with the ids and confidences of its `aiServiceResponse`, and free text).
    /// - Throws: `JuryError.invalidInput` naming the JSON path and what was expected, or the size limit
    ///   the answer or one of its free-text members is over (see `maximumBytes`); what reading `input` throws.
    public static func validated(_ answer: JSONValue, for flow: FlowDefinition, input: @autoclosure () throws -> JSONValue) throws -> JSONValue {
        guard var members = answer.objectValue else { throw invalid(.root, "an answer is a JSON object") }
        if let comment = members["comment"], comment.stringValue == nil {
            throw invalid(JSONPath.root.appending("comment"), "must be a string")
        }
        let key = mainKey(for: flow)
        try checkSize(answer, mainKey: key)
        guard let body = members[key] else { throw invalid(JSONPath.root.appending(key), "required for a \(flow.taskType.rawValue) task") }
        if let extra = members.keys.sorted().first(where: { $0 != key && $0 != "comment" }) {
            throw invalid(JSONPath.root.appending(extra), "unexpected member; a \(flow.taskType.rawValue) answer has \(key) (and comment)")
        }
        let path = JSONPath.root.appending(key)
        members[key] =
            switch flow.taskType {
            case .imageModeration: try moderationLabels(body, at: path, offered: offeredLabels(flow, input: try input()))
            case .documentForm: try formBlocks(body, at: path, response: try input()["aiServiceResponse"] ?? .null)
            case .classification:
                try category(body, at: path, categories: flow.workerTemplate?.hasCategoriesPerLoop == true
                    ? flow.forLoop(input: try input()).categories : flow.categories)
            case .freeText:
                flow.hasNamedFreeField
                    ? try namedField(body, at: path) : try freeText(body, at: path, modelText: try input()[modelTextMember]?.stringValue ?? "")
            }
        return .object(members)
    }

    /// The member holding the answer for a flow's task type.
    public static func mainKey(for flow: FlowDefinition) -> String {
        switch flow.taskType {
        case .documentForm, .imageModeration: flow.requestSource?.rawValue ?? flow.taskType.rawValue
        case .classification, .freeText: flow.answerName
        }
    }

    /// Whether `answer` is an image-moderation reviewer's "no content" (no label applies): A2I leaves such
    /// answers out of an output's `humanAnswers`, which holds only positive responses.
    public static func isNoContent(_ answer: JSONValue, for flow: FlowDefinition) -> Bool {
        flow.taskType == .imageModeration && answer[mainKey(for: flow)]?["moderationLabels"]?.arrayValue?.isEmpty == true
    }

    static func invalid(_ path: JSONPath, _ reason: String) -> JuryError {
        JuryError.invalidInput("answer \(path): \(reason)")
    }

    /// The labels a moderation task offers: those the model reported, then the flow's `Labels` (with its
    /// worker template's `categories` for this loop).
    static func offeredLabels(_ flow: FlowDefinition, input: JSONValue) -> [String] {
        ModerationLabel.labels(in: input["aiServiceResponse"] ?? .null).map(\.name) + flow.forLoop(input: input).moderationLabels.map(\.name)
    }

    private static func moderationLabels(_ body: JSONValue, at path: JSONPath, offered: [String]) throws -> JSONValue {
        let listPath = path.appending("moderationLabels")
        guard let labels = body["moderationLabels"]?.arrayValue else {
            throw invalid(listPath, "required: an array of {\"name\", \"parentName\"} (empty when no label applies)")
        }
        let chosen = Set(labels.compactMap { $0["name"]?.stringValue })
        for (index, label) in labels.enumerated() {
            guard let name = label["name"]?.stringValue, !name.isEmpty, let parent = label["parentName"]?.stringValue else {
                throw invalid(listPath.appending(index), "needs a non-empty name and a parentName (\"\" for a top-level label)")
            }
            guard offered.contains(name) else {
                throw invalid(listPath.appending(index), "\"\(name)\" is neither a label the model reported nor one of the flow's Labels")
            }
            if offered.contains(parent), !chosen.contains(parent) {
                throw invalid(listPath.appending(index), "\"\(name)\" applies only with its parent label \"\(parent)\"; add it too")
            }
        }
        return body
    }

    /// `{"label": "…"}` (crowd-classifier) or `{"labels": [...]}` (crowd-classifier-multi-select, distinct
    /// labels; empty when none applies), each label a category of the flow.
    private static func category(_ body: JSONValue, at path: JSONPath, categories: [String]) throws -> JSONValue {
        let labeled: [(JSONValue?, JSONPath)]
        if let list = body["labels"] {
            guard let labels = list.arrayValue, Set(labels).count == labels.count, body["label"] == nil else {
                throw invalid(path.appending("labels"), "must be an array of distinct categories (and no label beside it)")
            }
            labeled = labels.enumerated().map { ($1, path.appending("labels").appending($0)) }
        } else {
            labeled = [(body["label"], path.appending("label"))]
        }
        for (value, at) in labeled {
            guard let label = value?.stringValue else { throw invalid(at, "required: a string (or labels, an array of strings)") }
            guard categories.contains(label) else {
                throw invalid(at, "\"\(label)\" is not a category of this flow (\(categories.joined(separator: ", ")))")
            }
        }
        return body
    }

    /// A named free field holds the reviewer's text itself.
    private static func namedField(_ body: JSONValue, at path: JSONPath) throws -> JSONValue {
        guard body.stringValue != nil else { throw invalid(path, "required: the reviewer's text, a string") }
        return body
    }

    private static func freeText(_ body: JSONValue, at path: JSONPath, modelText: String) throws -> JSONValue {
        guard let decision = body["decision"]?.stringValue, ["approved", "edited"].contains(decision) else {
            throw invalid(path.appending("decision"), "required: \"approved\" or \"edited\"")
        }
        guard let text = body["text"]?.stringValue else { throw invalid(path.appending("text"), "required: the approved or edited text") }
        if decision == "approved", text != modelText {
            throw invalid(path.appending("text"), "an approved answer carries the model's text unchanged; send \"edited\" with a changed text")
        }
        return body
    }

    private static func formBlocks(_ body: JSONValue, at path: JSONPath, response: JSONValue) throws -> JSONValue {
        if let pairs = body["keyValuePairs"] {
            return .object(["blocks": .array(try FormAnswer.blocks(fromPairs: pairs, at: path.appending("keyValuePairs"), response: response))])
        }
        guard let blocks = body["blocks"]?.arrayValue else {
            throw invalid(path.appending("blocks"), "required: Textract blocks (or keyValuePairs [{\"key\", \"value\", \"keyBlockId\"?}])")
        }
        for (index, block) in blocks.enumerated() where block["blockType"]?.stringValue == nil || block["id"]?.stringValue == nil {
            throw invalid(path.appending("blocks").appending(index), "a block needs blockType and id")
        }
        return body
    }
}
