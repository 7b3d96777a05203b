import JuryJSON

extension ReviewAnswer {
    /// Reads the stored answer of `loop`, a loop of `flow`.
    /// - Throws: `AnswerShapeError` naming the loop, the JSON path and what the flow's shape expects there.
    public init(stored: JSONValue, flow: FlowDefinition, loop: String) throws(AnswerShapeError) {
        do {
            try self.init(shapeOf: stored, flow: flow)
        } catch {
            var located = error
            located.loop = loop
            throw located
        }
    }

    /// Reads `answer` as an answer of `flow`'s shape (the shape only, nothing against the task itself).
    /// - Throws: `AnswerShapeError` with the JSON path of the first member that does not fit.
    init(shapeOf answer: JSONValue, flow: FlowDefinition) throws(AnswerShapeError) {
        guard let members = answer.objectValue else { throw AnswerShapeError(.root, "an answer is a JSON object") }
        var comment: String?
        if let value = members["comment"] {
            guard let text = value.stringValue else { throw AnswerShapeError(JSONPath.root.appending("comment"), "must be a string") }
            comment = text
        }
        let member = AnswerContent.mainKey(for: flow)
        guard let body = members[member] else {
            throw AnswerShapeError(JSONPath.root.appending(member), "required for a \(flow.taskType.rawValue) task")
        }
        if let extra = members.keys.sorted().first(where: { $0 != member && $0 != "comment" }) {
            throw AnswerShapeError(JSONPath.root.appending(extra), "unexpected member; a \(flow.taskType.rawValue) answer has \(member) (and comment)")
        }
        let path = JSONPath.root.appending(member)
        let read: Body =
            switch flow.taskType {
            case .imageModeration: try Self.moderationLabels(body, at: path)
            case .documentForm: try Self.formBlocks(body, at: path)
            case .classification: try Self.category(body, at: path)
            case .freeText: flow.hasNamedFreeField ? try Self.namedField(body, at: path) : try Self.freeText(body, at: path)
            }
        self.init(member: member, body: read, comment: comment)
    }

    private static func moderationLabels(_ body: JSONValue, at path: JSONPath) throws(AnswerShapeError) -> Body {
        let listPath = path.appending("moderationLabels")
        guard let labels = body["moderationLabels"]?.arrayValue else {
            throw AnswerShapeError(listPath, "required: an array of {\"name\", \"parentName\"} (empty when no label applies)")
        }
        try onlyMembers(["moderationLabels"], of: body, at: path)
        var read: [ModerationLabelName] = []
        for (index, label) in labels.enumerated() {
            guard let name = label["name"]?.stringValue, !name.isEmpty, let parent = label["parentName"]?.stringValue else {
                throw AnswerShapeError(listPath.appending(index), "needs a non-empty name and a parentName (\"\" for a top-level label)")
            }
            try onlyMembers(["name", "parentName"], of: label, at: listPath.appending(index))
            read.append(ModerationLabelName(name: name, parentName: parent))
        }
        return .moderationLabels(read)
    }

    private static func formBlocks(_ body: JSONValue, at path: JSONPath) throws(AnswerShapeError) -> Body {
        let listPath = path.appending("blocks")
        guard let blocks = body["blocks"]?.arrayValue else {
            throw AnswerShapeError(listPath, "required: Textract blocks (or keyValuePairs [{\"key\", \"value\", \"keyBlockId\"?}])")
        }
        try onlyMembers(["blocks"], of: body, at: path)
        var read: [AnswerBlock] = []
        for (index, block) in blocks.enumerated() {
            read.append(try AnswerBlock(block, at: listPath.appending(index)))
        }
        return .formBlocks(read)
    }

    /// `{"label": "…"}` (crowd-classifier) or `{"labels": [...]}` (crowd-classifier-multi-select, distinct labels).
    private static func category(_ body: JSONValue, at path: JSONPath) throws(AnswerShapeError) -> Body {
        guard let list = body["labels"] else {
            guard let label = body["label"]?.stringValue else {
                throw AnswerShapeError(path.appending("label"), "required: a string (or labels, an array of strings)")
            }
            try onlyMembers(["label"], of: body, at: path)
            return .category(label)
        }
        guard let elements = list.arrayValue, Set(elements).count == elements.count, body["label"] == nil else {
            throw AnswerShapeError(path.appending("labels"), "must be an array of distinct categories (and no label beside it)")
        }
        try onlyMembers(["labels"], of: body, at: path)
        var labels: [String] = []
        for (index, element) in elements.enumerated() {
            guard let label = element.stringValue else {
                throw AnswerShapeError(path.appending("labels").appending(index), "required: a string (or labels, an array of strings)")
            }
            labels.append(label)
        }
        return .categories(labels)
    }

    private static func freeText(_ body: JSONValue, at path: JSONPath) throws(AnswerShapeError) -> Body {
        guard let decision = body["decision"]?.stringValue.flatMap(FreeTextDecision.init(rawValue:)) else {
            throw AnswerShapeError(path.appending("decision"), "required: \"approved\" or \"edited\"")
        }
        guard let text = body["text"]?.stringValue else {
            throw AnswerShapeError(path.appending("text"), "required: the approved or edited text")
        }
        try onlyMembers(["decision", "text"], of: body, at: path)
        return .freeText(decision, text: text)
    }

    /// A named free field holds the reviewer's text itself.
    private static func namedField(_ body: JSONValue, at path: JSONPath) throws(AnswerShapeError) -> Body {
        guard let text = body.stringValue else { throw AnswerShapeError(path, "required: the reviewer's text, a string") }
        return .namedField(text)
    }

    /// - Throws: `AnswerShapeError` at the first member of `object` (in key order) not in `known`.
    static func onlyMembers(_ known: [String], of object: JSONValue, at path: JSONPath) throws(AnswerShapeError) {
        guard let extra = (object.objectValue ?? [:]).keys.sorted().first(where: { !known.contains($0) }) else { return }
        throw AnswerShapeError(path.appending(extra), "unexpected member; expected \(known.joined(separator: ", "))")
    }
}

extension AnswerBlock {
    /// Reads a stored answer block: `blockType` and `id` are required, the members Jury reads must have
    /// their types, and any other member is kept as it is.
    /// - Throws: `AnswerShapeError` at the block or at the member of the wrong type.
    init(_ block: JSONValue, at path: JSONPath) throws(AnswerShapeError) {
        guard var members = block.objectValue, let blockType = members["blockType"]?.stringValue, let id = members["id"]?.stringValue else {
            throw AnswerShapeError(path, "a block needs blockType and id")
        }
        members["blockType"] = nil
        members["id"] = nil
        func take<T>(_ key: String, as expected: String, _ read: (JSONValue) -> T?) throws(AnswerShapeError) -> T? {
            guard let value = members.removeValue(forKey: key) else { return nil }
            guard let typed = read(value) else { throw AnswerShapeError(path.appending(key), "must be \(expected)") }
            return typed
        }
        let entityTypes = try take("entityTypes", as: "an array of strings", Self.strings)
        let relationships = try take("relationships", as: "an array of {\"type\", \"ids\"}") { value -> [Relationship]? in
            guard let links = value.arrayValue else { return nil }
            let read = links.compactMap { link -> Relationship? in
                guard link.objectValue?.count == 2, let type = link["type"]?.stringValue, let ids = link["ids"].flatMap(Self.strings) else { return nil }
                return Relationship(type: type, ids: ids)
            }
            return read.count == links.count ? read : nil
        }
        let confidence = try take("confidence", as: "a number") { value -> JSONNumber? in
            if case .number(let number) = value { return number }
            return nil
        }
        let text = try take("text", as: "a string", \.stringValue)
        let selectionStatus = try take("selectionStatus", as: "a string", \.stringValue)
        self.init(blockType: blockType, id: id, entityTypes: entityTypes, relationships: relationships, confidence: confidence,
                  text: text, selectionStatus: selectionStatus, otherMembers: members)
    }

    private static func strings(_ value: JSONValue) -> [String]? {
        value.arrayValue.flatMap { elements in
            let strings = elements.compactMap(\.stringValue)
            return strings.count == elements.count ? strings : nil
        }
    }
}
