import JuryJSON

extension ReviewAnswer {
    /// Checks a reviewer's `answerContent` for a task of `flow` with the producer's `input` (its InputContent,
    /// read only where the check needs it: moderation labels, forms, whose `keyValuePairs` become blocks with
    /// the ids and confidences of its `aiServiceResponse`, approved free text, per-loop categories).
    ///
    /// It is the one check of what a reviewer may answer, whoever sends it (the workstation, `jury answer`,
    /// a script over the socket), and it checks the answer against the task as the workstation offers it:
    /// a category of the flow (of the loop, when its worker template's categories are Liquid); a moderation
    /// label the model reported or the flow lists, with its parent label when that is one of them too; an
    /// approved free text that is the model's text (`modelOutput`).
    /// - Throws: `JuryError.invalidInput` naming the JSON path and what was expected, or the size limit
    ///   the answer or one of its free-text members is over (`AnswerContent.maximumBytes`); what reading `input` throws.
    public init(submitted answer: JSONValue, for flow: FlowDefinition, input: @autoclosure () throws -> JSONValue) throws {
        let member = AnswerContent.mainKey(for: flow)
        let path = JSONPath.root.appending(member)
        try AnswerContent.checkSize(answer, mainKey: member)
        var stored = answer
        if flow.taskType == .documentForm, let pairs = answer[member]?["keyValuePairs"] {
            let response = try input()["aiServiceResponse"] ?? .null
            stored = answer.adding(member, ["blocks": .array(try FormAnswer.blocks(fromPairs: pairs, at: path.appending("keyValuePairs"), response: response))])
        }
        do {
            try self.init(shapeOf: stored, flow: flow)
        } catch {
            throw JuryError.invalidInput(error.description)
        }
        switch body {
        case .moderationLabels(let labels): try Self.check(labels, at: path.appending("moderationLabels"), offered: AnswerContent.offeredLabels(flow, input: try input()))
        case .category(let label):
            try Self.check([(label, path.appending("label"))], categories: try Self.categories(flow, input: try input()))
        case .categories(let labels):
            let located = labels.enumerated().map { ($1, path.appending("labels").appending($0)) }
            try Self.check(located, categories: try Self.categories(flow, input: try input()))
        case .freeText(let decision, let text):
            if decision == .approved, text != (try input()[AnswerContent.modelTextMember]?.stringValue ?? "") {
                throw AnswerContent.invalid(path.appending("text"), "an approved answer carries the model's text unchanged; send \"edited\" with a changed text")
            }
        case .formBlocks, .namedField: break
        }
    }

    /// The categories a classification offers: the loop's, when the worker template's categories are Liquid.
    private static func categories(_ flow: FlowDefinition, input: @autoclosure () throws -> JSONValue) throws -> [String] {
        flow.workerTemplate?.hasCategoriesPerLoop == true ? flow.forLoop(input: try input()).categories : flow.categories
    }

    private static func check(_ labels: [ModerationLabelName], at path: JSONPath, offered: [String]) throws {
        let chosen = Set(labels.map(\.name))
        for (index, label) in labels.enumerated() {
            guard offered.contains(label.name) else {
                throw AnswerContent.invalid(path.appending(index), "\"\(label.name)\" is neither a label the model reported nor one of the flow's Labels")
            }
            if offered.contains(label.parentName), !chosen.contains(label.parentName) {
                throw AnswerContent.invalid(path.appending(index), "\"\(label.name)\" applies only with its parent label \"\(label.parentName)\"; add it too")
            }
        }
    }

    private static func check(_ labels: [(String, JSONPath)], categories: [String]) throws {
        for (label, path) in labels where !categories.contains(label) {
            throw AnswerContent.invalid(path, "\"\(label)\" is not a category of this flow (\(categories.joined(separator: ", ")))")
        }
    }
}
