import JuryJSON

extension FlowDefinition {
    /// The flow as one loop sees it: with a worker template whose classifier categories are Liquid, this
    /// loop's categories; with moderation `categories`, those labels beside the flow's `Labels`.
    public func forLoop(input: JSONValue) -> FlowDefinition {
        guard workerTemplate?.hasCategoriesPerLoop == true || taskType == .imageModeration,
              let content = templateContent(input: input) else { return self }
        var flow = self
        if workerTemplate?.hasCategoriesPerLoop == true { flow.categories = content.categories ?? [] }
        let listed = Set(moderationLabels.map(\.name))
        flow.moderationLabels += content.moderationLabels.filter { !listed.contains($0.name) }
        return flow
    }

    /// The worker template's content for a loop with `input` and `activation` results (nil without a
    /// template). Its `task.input` is the InputContent as A2I gives it to templates: for AWS flows with
    /// the service data in lowerCamelCase and `selectedAiServiceResponse` filled in, as the output has it.
    public func templateContent(input: JSONValue, activation: JSONValue = .null) -> TemplateContent? {
        guard let workerTemplate else { return nil }
        guard let requestSource else { return workerTemplate.content(for: input) }
        return workerTemplate.content(for: AIServiceContent.inputContent(input, activation: activation, source: requestSource))
    }
}

/// A flow's worker template as `FlowDefinition.check` reads it: from `Jury.Template` (a stored flow), or
/// from the file beside a flow without a `Jury` block.
struct FlowTemplateReading {
    var template: WorkerTemplate?
    var problems: [ValidationProblem] = []
    /// The document with the template's settings merged into its `Jury` block.
    var document: JSONValue

    init(document: JSONValue, file: String?) {
        self.document = document
        let stored = document["Jury"]?["Template"]?.stringValue
        guard let text = stored ?? (document["Jury"] == nil ? file : nil) else { return }
        let path = stored == nil ? JSONPath.root.appending("HumanLoopConfig").appending("HumanTaskUiArn") : JSONPath.root.appending("Jury").appending("Template")
        let source = document["HumanLoopRequestSource"]?["AwsManagedHumanLoopRequestSource"]?.stringValue.flatMap(RequestSource.init(rawValue:))
        let reading = WorkerTemplate.read(text)
        let hint = stored == nil && source == nil ? "; add a Jury block" : ""
        problems = reading.problems.map {
            ValidationProblem(path, "the worker template \($0)\($0.isError ? hint : "")", severity: $0.isError ? .error : .warning)
        }
        guard let template = reading.template, matches(template, source: source, at: path) else { return }
        self.template = template
        merge(template.juryBlock, at: path)
    }

    /// Whether the template's answer element belongs to the flow's request source (none for custom flows).
    private mutating func matches(_ template: WorkerTemplate, source: RequestSource?, at path: JSONPath) -> Bool {
        guard template.element.requestSource != source else { return true }
        let reason = template.element.requestSource.map { "needs the flow's AwsManagedHumanLoopRequestSource to be \($0.rawValue)" }
            ?? "makes a custom task, which a flow with an AWS request source cannot review"
        problems.append(ValidationProblem(path, "the worker template's \(template.element.rawValue) \(reason)"))
        return false
    }

    /// Adds the template's settings to the `Jury` block; a setting the block gives otherwise is an error.
    private mutating func merge(_ settings: JSONValue, at path: JSONPath) {
        var block = document["Jury"]?.objectValue ?? [:]
        for (key, value) in (settings.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let given = block[key], given != value {
                problems.append(ValidationProblem(JSONPath.root.appending("Jury").appending(key),
                    "\(given.encodedString()) contradicts the worker template, which gives \(value.encodedString())"))
            }
            block[key] = block[key] ?? value
        }
        document = document.adding("Jury", .object(block))
    }
}
