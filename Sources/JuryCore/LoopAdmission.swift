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
        try checkModelNumbers(input, for: flow, at: inputPath)
        if flow.taskType == .classification, flow.workerTemplate?.hasCategoriesPerLoop == true, flow.forLoop(input: input).categories.count < 2 {
            throw Rejection(.wrongSchema, "the flow's worker template takes its categories from the input, and this input gives "
                            + "fewer than 2 distinct non-empty ones: no reviewer could answer", at: inputPath)
        }
    }

    /// The numbers the screens and the activation conditions read, as the services give them: Textract's
    /// page numbers and page count whole numbers from 1, its blocks' and Rekognition's labels'
    /// `Confidence` from 0 to 100, and a custom flow's `ConfidencePath` numbers within its scale.
    private static func checkModelNumbers(_ input: JSONValue, for flow: FlowDefinition, at inputPath: JSONPath) throws(Rejection) {
        let response = ServiceData.response(in: input), responsePath = inputPath.appending("aiServiceResponse")
        switch flow.taskType {
        case .documentForm:
            let pagesPath = responsePath.appending("DocumentMetadata").appending("Pages")
            try checkPage(response["DocumentMetadata"]?["Pages"], what: "a page count", at: pagesPath)
            for (index, block) in (response["Blocks"]?.arrayValue ?? []).enumerated() {
                let path = responsePath.appending("Blocks").appending(index)
                try checkPage(block["Page"], what: "a page number", at: path.appending("Page"))
                try checkConfidence(block["Confidence"], at: path.appending("Confidence"))
            }
        case .imageModeration:
            for (index, label) in (response["ModerationLabels"]?.arrayValue ?? []).enumerated() {
                try checkConfidence(label["Confidence"], at: responsePath.appending("ModerationLabels").appending(index).appending("Confidence"))
            }
        case .classification, .freeText:
            guard let path = flow.confidencePath else { return }
            let highest = flow.confidenceScale == .fraction ? 1.0 : 100.0
            for value in path.values(in: input) {
                guard let number = value.numberValue, !(0...highest).contains(number) else { continue }
                throw Rejection(.wrongSchema, "the model confidence \(number) at the flow's ConfidencePath \(path) is not from 0 to \(Int(highest))",
                                at: inputPath)
            }
        }
    }

    private static func checkPage(_ value: JSONValue?, what: String, at path: JSONPath) throws(Rejection) {
        guard let value else { return }
        guard let number = value.numberValue, let page = Int(exactly: number), page >= 1 else {
            throw Rejection(.wrongSchema, "\(what) must be a whole number from 1", at: path)
        }
    }

    private static func checkConfidence(_ value: JSONValue?, at path: JSONPath) throws(Rejection) {
        guard let value else { return }
        guard let number = value.numberValue, (0...100).contains(number) else {
            throw Rejection(.wrongSchema, "a model confidence must be a number from 0 to 100", at: path)
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
