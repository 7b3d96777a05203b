import ArgumentParser
import Foundation
import JuryCore

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Evaluate a flow's activation conditions on a model response and start a human loop if one holds.",
        discussion: """
            For Textract and Rekognition flows, RESPONSE is the service's raw response (AnalyzeDocument or \
            DetectModerationLabels); for custom flows it is the prediction document itself, which becomes the \
            loop's input content. The loop is dropped into the inbox; `jury ingest` (or any reviewer's workstation) \
            takes it into the ledger.
            """)

    @OptionGroup var queue: QueueOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The flow's name.") var flow: String
    @Option(help: "The loop's name (default: derived from the content, so resubmitting is idempotent).") var name: String?
    @Option(help: "AWS flows: the service request (aiServiceRequest) as a JSON file.") var request: String?
    @Option(help: "AWS flows: the document's or image's metadata as a JSON file.") var metadata: String?
    @Argument(help: "The model response or prediction JSON file, or - for standard input.") var response: String

    func run() throws {
        let directory = try queue.directory()
        let (flows, _) = directory.loadFlows()
        guard let definition = flows[flow] else {
            throw ValidationError("no valid flow named \(flow) in \(directory.flowsURL.path); check it with `jury flow check`")
        }
        let input = try inputContent(for: definition)
        let loopName = name ?? "loop-" + String(ContentHash.of(flow + input.encodedString()), radix: 16)
        if let problem = ResourceName.problem(with: loopName) { throw ValidationError("--name \(loopName) \(problem)") }
        let loopRequest = HumanLoopRequest(name: loopName, flowName: flow, input: input)
        let evidence = ActivationEvidence(inputContent: input, source: definition.requestSource, samplingKey: loopRequest.identity)
        let outcome = definition.evaluateActivation(evidence)
        if outcome.startsHumanLoop { try directory.drop(loopRequest) }
        output.emit(
            ["HumanLoopStarted": .bool(outcome.startsHumanLoop), "HumanLoopName": .string(loopName),
             "Reasons": .array(outcome.reasons.map(JSONValue.string)), "humanTaskActivationConditionResults": outcome.results],
            text: outcome.startsHumanLoop
                ? (["human loop \(loopName) started for flow \(flow):"] + outcome.reasons.map { "  \($0)" }).joined(separator: "\n")
                : "no human loop: no activation condition of \(flow) held")
    }

    private func inputContent(for definition: FlowDefinition) throws -> JSONValue {
        let prediction = try readJSON(response)
        guard definition.requestSource != nil else { return prediction }
        var members: [String: JSONValue] = ["aiServiceResponse": prediction]
        if let request { members["aiServiceRequest"] = try readJSON(request) }
        if let metadata { members["metadata"] = try readJSON(metadata) }
        return .object(members)
    }
}
