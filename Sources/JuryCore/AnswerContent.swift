/// Checks a reviewer's `answerContent` against the loop's task type and returns its stored form.
///
/// Shapes (see docs/answers.md): Rekognition flows `{"AWS/Rekognition/…/V3": {"moderationLabels":
/// [{"name", "parentName"}]}}`; Textract flows `{"AWS/Textract/…/V1": {"blocks": [...]}}` (or
/// `{"keyValuePairs": [{"key", "value"}]}`, stored as blocks); classification `{"category": {"label": "…"}}`;
/// free text `{"freeText": {"decision": "approved" | "edited", "text": "…"}}`. Any shape may add
/// `"comment": "…"`.
public enum AnswerContent {
    /// The validated answer in its stored form.
    /// - Throws: `JuryError.invalidInput` naming the JSON path and what was expected, or the size limit
    ///   the answer or one of its free-text members is over (see `maximumBytes`).
    public static func validated(_ answer: JSONValue, for flow: FlowDefinition) throws -> JSONValue {
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
            case .imageModeration: try moderationLabels(body, at: path)
            case .documentForm: try formBlocks(body, at: path)
            case .classification: try category(body, at: path, categories: flow.categories)
            case .freeText: try freeText(body, at: path)
            }
        return .object(members)
    }

    /// The member holding the answer for a flow's task type.
    public static func mainKey(for flow: FlowDefinition) -> String {
        switch flow.taskType {
        case .documentForm, .imageModeration: flow.requestSource?.rawValue ?? flow.taskType.rawValue
        case .classification: flow.answerName
        case .freeText: "freeText"
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

    private static func moderationLabels(_ body: JSONValue, at path: JSONPath) throws -> JSONValue {
        let listPath = path.appending("moderationLabels")
        guard let labels = body["moderationLabels"]?.arrayValue else {
            throw invalid(listPath, "required: an array of {\"name\", \"parentName\"} (empty when no label applies)")
        }
        for (index, label) in labels.enumerated() {
            guard label["name"]?.stringValue?.isEmpty == false, label["parentName"]?.stringValue != nil else {
                throw invalid(listPath.appending(index), "needs a non-empty name and a parentName (\"\" for a top-level label)")
            }
        }
        return body
    }

    private static func category(_ body: JSONValue, at path: JSONPath, categories: [String]) throws -> JSONValue {
        guard let label = body["label"]?.stringValue else { throw invalid(path.appending("label"), "required: a string") }
        guard categories.contains(label) else {
            throw invalid(path.appending("label"), "\"\(label)\" is not a category of this flow (\(categories.joined(separator: ", ")))")
        }
        return body
    }

    private static func freeText(_ body: JSONValue, at path: JSONPath) throws -> JSONValue {
        guard let decision = body["decision"]?.stringValue, ["approved", "edited"].contains(decision) else {
            throw invalid(path.appending("decision"), "required: \"approved\" or \"edited\"")
        }
        guard body["text"]?.stringValue != nil else { throw invalid(path.appending("text"), "required: the approved or edited text") }
        return body
    }

    private static func formBlocks(_ body: JSONValue, at path: JSONPath) throws -> JSONValue {
        if let pairs = body["keyValuePairs"] {
            return .object(["blocks": .array(try FormAnswer.blocks(fromPairs: pairs, at: path.appending("keyValuePairs")))])
        }
        guard let blocks = body["blocks"]?.arrayValue else {
            throw invalid(path.appending("blocks"), "required: Textract blocks (or keyValuePairs [{\"key\", \"value\"}])")
        }
        for (index, block) in blocks.enumerated() where block["blockType"]?.stringValue == nil || block["id"]?.stringValue == nil {
            throw invalid(path.appending("blocks").appending(index), "a block needs blockType and id")
        }
        return body
    }
}

/// Textract answers as reviewers think of them: key-value pairs, and back.
public enum FormAnswer {
    /// A2I-style answer blocks (KEY_VALUE_SET KEY and VALUE, and WORD children) for `{"key", "value"}` pairs.
    /// A key missing from the document is simply not among the pairs.
    static func blocks(fromPairs pairs: JSONValue, at path: JSONPath) throws -> [JSONValue] {
        guard let list = pairs.arrayValue else { throw AnswerContent.invalid(path, "must be an array of {\"key\", \"value\"}") }
        return try list.enumerated().flatMap { index, pair -> [JSONValue] in
            guard let key = pair["key"]?.stringValue, !key.isEmpty, let value = pair["value"]?.stringValue else {
                throw AnswerContent.invalid(path.appending(index), "needs a non-empty key and a value string")
            }
            return blocks(key: key, value: value, index: index)
        }
    }

    private static func blocks(key: String, value: String, index: Int) -> [JSONValue] {
        let keyWords = words(key, prefix: "kv\(index)-key")
        let valueWords = words(value, prefix: "kv\(index)-value")
        let ids = { (blocks: [JSONValue]) in JSONValue.array(blocks.compactMap { $0["id"] }) }
        let keyBlock: JSONValue = [
            "blockType": "KEY_VALUE_SET", "entityTypes": ["KEY"], "id": .string("kv\(index)-key"),
            "relationships": [["type": "VALUE", "ids": [.string("kv\(index)-value")]], ["type": "CHILD", "ids": ids(keyWords)]],
        ]
        let valueBlock: JSONValue = [
            "blockType": "KEY_VALUE_SET", "entityTypes": ["VALUE"], "id": .string("kv\(index)-value"),
            "relationships": [["type": "CHILD", "ids": ids(valueWords)]],
        ]
        return [keyBlock, valueBlock] + keyWords + valueWords
    }

    private static func words(_ text: String, prefix: String) -> [JSONValue] {
        text.split(whereSeparator: \.isWhitespace).enumerated().map { index, word in
            ["blockType": "WORD", "id": .string("\(prefix)-w\(index)"), "text": .string(String(word))]
        }
    }

    /// The key-value pairs of answer blocks, in KEY block order (the inverse of `keyValuePairs` input).
    public static func pairs(inBlocks blocks: [JSONValue]) -> [(key: String, value: String)] {
        var byId: [String: JSONValue] = [:]
        for block in blocks { if let id = block["id"]?.stringValue { byId[id] = block } }
        func related(_ block: JSONValue, _ type: String) -> [JSONValue] {
            (block["relationships"]?.arrayValue ?? []).filter { $0["type"]?.stringValue == type }
                .flatMap { $0["ids"]?.arrayValue ?? [] }.compactMap { $0.stringValue.flatMap { byId[$0] } }
        }
        func text(_ words: [JSONValue]) -> String { words.compactMap { $0["text"]?.stringValue }.joined(separator: " ") }
        return blocks.filter { $0["entityTypes"]?.arrayValue?.contains("KEY") ?? false }.map { key in
            (text(related(key, "CHILD")), text(related(key, "VALUE").flatMap { related($0, "CHILD") }))
        }
    }
}
