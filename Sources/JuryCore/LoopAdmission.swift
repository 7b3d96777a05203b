import JuryJSON

/// What the engine works out about a request when it becomes a loop: is its input usable for the
/// flow's task type, how sure was the model, and why does it need a human.
public struct LoopAdmission: Sendable {
    public let request: HumanLoopRequest
    public let flow: FlowDefinition
    /// The lowest model confidence found in the input, 0-100; nil when the input has none.
    public let minimumConfidence: Double?
    /// A2I's `humanTaskActivationConditionResults`: the producer's when it sent them, else evaluated here.
    public let activationResults: JSONValue
    /// The string values of the input (InputContent), depth first, an object's members in key order,
    /// joined by spaces: what the queue's search finds the loop by, besides its name.
    public let searchText: String
    /// `ContentHash` of the request's identity, as the ledger stores it.
    let contentHash: Int64
    /// Who started the loop through the API (an access key's profile), written into the audit; nil for inbox files.
    public var producer: String?

    /// Checks `request` against `flow`.
    /// - Throws: `Rejection` (`wrong-schema`, with the path) when the input lacks what the task type needs.
    public init(request: HumanLoopRequest, flow: FlowDefinition) throws(Rejection) {
        try self.init(request: request, input: request.input, flow: flow)
    }

    /// Checks `request`, whose InputContent parsed is `input`, against `flow`; `input` is not kept.
    public init(request: HumanLoopRequest, input: JSONValue, flow: FlowDefinition) throws(Rejection) {
        try Self.checkInput(input, for: flow)
        self.request = request
        self.flow = flow
        let evidence = ActivationEvidence(inputContent: input, source: flow.requestSource, samplingKey: request.identity)
        minimumConfidence = Self.minimumConfidence(evidence, flow: flow)
        activationResults = input["humanTaskActivationConditionResults"] ?? flow.evaluateActivation(evidence).results
        searchText = Self.searchText(of: input)
        contentHash = Int64(bitPattern: ContentHash.of(request.identity))
    }

    /// `searchText` for an input: the same input gives the same text, so the text index can be told
    /// exactly what to remove when the loop goes.
    static func searchText(of input: JSONValue) -> String {
        strings(in: input).joined(separator: " ")
    }

    private static func strings(in value: JSONValue) -> [String] {
        var found: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .string(let text): found.append(text)
            case .array(let elements): elements.forEach(collect)
            case .object(let members): members.keys.sorted().forEach { collect(members[$0]!) }
            default: break
            }
        }
        collect(value)
        return found
    }

    private static func checkInput(_ input: JSONValue, for flow: FlowDefinition) throws(Rejection) {
        let inputPath = JSONPath.root.appending("HumanLoopInput").appending("InputContent")
        guard input.objectValue != nil else {
            throw Rejection(.wrongSchema, "InputContent must hold a JSON object, not \(input.typeName)", at: inputPath)
        }
        let required: (String, String, (JSONValue) -> Bool)? =
            switch flow.taskType {
            case .documentForm: ("aiServiceResponse.Blocks", "an array of Textract blocks", { ServiceData.response(in: $0)["Blocks"]?.arrayValue != nil })
            case .imageModeration: ("aiServiceResponse.ModerationLabels", "an array of moderation labels", { ServiceData.response(in: $0)["ModerationLabels"]?.arrayValue != nil })
            case .freeText where !flow.hasNamedFreeField: ("modelOutput", "the model's text", { $0["modelOutput"]?.stringValue != nil })
            case .freeText: nil
            case .classification: nil
            }
        if let (member, what, isPresent) = required, !isPresent(input) {
            throw Rejection(.wrongSchema, "a \(flow.taskType.rawValue) loop needs \(what) at InputContent.\(member)", at: inputPath)
        }
    }

    /// The lowest model confidence the evidence holds, 0-100 (Textract key-value sets, Rekognition labels,
    /// or the custom flow's `ConfidencePath`).
    static func minimumConfidence(_ evidence: ActivationEvidence, flow: FlowDefinition) -> Double? {
        let values: [Double] =
            switch flow.taskType {
            case .documentForm: evidence.formFields.map(\.confidence)
            case .imageModeration: evidence.moderationLabels.map(\.confidence)
            case .classification, .freeText:
                flow.confidencePath.map { $0.values(in: evidence.inputContent).compactMap(\.numberValue).map(flow.confidenceScale.percent) } ?? []
            }
        return values.min()
    }
}
