import JuryJSON

/// What every answer shares: the member that holds it, its size limits, how it is read from a file, and its
/// check (`validated`, the stored form of `ReviewAnswer(submitted:for:input:)`).
///
/// Shapes (see docs/answers.md): Rekognition flows `{"AWS/Rekognition/…/V3": {"moderationLabels":
/// [{"name", "parentName"}]}}`; Textract flows `{"AWS/Textract/…/V1": {"blocks": [...]}}` (or
/// `{"keyValuePairs": [{"key", "value", "keyBlockId"?}]}`, stored as blocks made from the loop's response);
/// classification `{"category": {"label": "…"}}` or, multi-select, `{"category": {"labels": ["…"]}}`;
/// free text `{"freeText": {"decision": "approved" | "edited", "text": "…"}}` or a named free field
/// `{"transcription": "…"}`. Any shape may add `"comment": "…"`.
public enum AnswerContent {
    /// The member of a free-text task's InputContent that holds the model's text.
    public static let modelTextMember = "modelOutput"

    /// The stored form of `ReviewAnswer(submitted:for:input:)`: the one check of what a reviewer may answer.
    /// - Throws: what that initializer throws.
    public static func validated(_ answer: JSONValue, for flow: FlowDefinition, input: @autoclosure () throws -> JSONValue) throws -> JSONValue {
        try ReviewAnswer(submitted: answer, for: flow, input: try input()).jsonValue
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
        flow.taskType == .imageModeration && (try? ReviewAnswer(shapeOf: answer, flow: flow))?.body == .moderationLabels([])
    }

    static func invalid(_ path: JSONPath, _ reason: String) -> JuryError {
        JuryError.invalidInput("answer \(path): \(reason)")
    }

    /// The labels a moderation task offers: those the model reported, then the flow's `Labels` (with its
    /// worker template's `categories` for this loop).
    static func offeredLabels(_ flow: FlowDefinition, input: JSONValue) -> [String] {
        ModerationLabel.labels(in: input["aiServiceResponse"] ?? .null).map(\.name) + flow.forLoop(input: input).moderationLabels.map(\.name)
    }
}
