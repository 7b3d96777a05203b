import ArgumentParser
import Foundation
import JuryCore
import JuryJSON
import JuryService

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Evaluate a flow's activation conditions on a model response and start a human loop if one holds.",
        discussion: """
            For Textract and Rekognition flows, RESPONSE is the service's raw response (AnalyzeDocument or \
            DetectModerationLabels); for custom flows it is the prediction document itself, which becomes the \
            loop's input content. The request is first checked exactly as ingest checks an inbox file (a request \
            ingest would refuse is an error here, whether or not a condition holds); then, when a condition \
            holds, the queue service starts the loop at once.
            """)

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The flow's name.") var flow: String
    @Option(help: "The loop's name (default: derived from the content, so resubmitting is idempotent).") var name: String?
    @Option(help: "AWS flows: the service request (aiServiceRequest) as a JSON file.") var request: String?
    @Option(help: "AWS flows: the document's or image's metadata as a JSON file.") var metadata: String?
    @Argument(help: "The model response or prediction JSON file, or - for standard input.") var response: String

    func run() throws {
        let client = try queue.connect(as: identity)
        let outcome = try client.submitPrediction(flow: flow, name: name, prediction: try readJSON(response),
                                                  serviceRequest: try request.map(readJSON), metadata: try metadata.map(readJSON))
        output.emit(
            ["HumanLoopStarted": .bool(outcome.started), "HumanLoopName": .string(outcome.loopName),
             "Reasons": .array(outcome.reasons.map(JSONValue.string)), "humanTaskActivationConditionResults": outcome.activationResults],
            lines: outcome.started
                ? ["human loop \(outcome.loopName) \(outcome.duplicate ? "already existed" : "started") for flow \(flow):"] + outcome.reasons.map { "  \($0)" }
                : ["no human loop: no activation condition of \(flow) held"])
    }
}
