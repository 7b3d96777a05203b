import Foundation
@testable import JuryCore
import JuryJSON

/// Real A2I and Textract documents shipped in `fixtures/a2i` (see its README), and flows to load them with.
enum A2IMaterial {
    static var folder: URL {
        URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../fixtures/a2i", directoryHint: .isDirectory)
    }

    static func document(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: folder.appending(path: name)))
    }

    /// A2I's output of a Textract forms loop (one worker), as A2I wrote it.
    static func textractOutput() throws -> JSONValue { try document("a2i-output-textract-forms.json") }

    /// Textract's AnalyzeDocument (FORMS) response for a patient-intake form: 31 key-value pairs.
    static func patientIntakeForm() throws -> JSONValue { try document("textract-patient-intake-form.json") }

    /// A Textract flow whose one condition holds for keys `key` with a key-value confidence below `below`.
    static func textractFlow(name: String = "forms", key: String, below: Double, taskCount: Int = 1) -> JSONValue {
        textractFlow(name: name, conditions: ["Conditions": [[
            "ConditionType": "ImportantFormKeyConfidenceCheck",
            "ConditionParameters": ["ImportantFormKey": .string(key), "KeyValueBlockConfidenceLessThan": .number(below)],
        ]]], taskCount: taskCount)
    }

    /// A Textract flow with `conditions` (`{"Conditions": [...]}`).
    static func textractFlow(name: String = "forms", conditions: JSONValue, taskCount: Int = 1) -> JSONValue {
        awsFlow(name: name, source: .textractForms, taskCount: taskCount)
            .setting(["HumanLoopActivationConfig"], to: ["HumanLoopActivationConditionsConfig": ["HumanLoopActivationConditions": conditions]])
    }

    /// The conditions A2I evaluated for the loop of `output`, without A2I's results: a flow's conditions.
    static func conditions(of output: JSONValue) -> JSONValue {
        func strip(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members): .object(members.filter { $0.key != "EvaluationResult" }.mapValues(strip))
            case .array(let elements): .array(elements.map(strip))
            default: value
            }
        }
        return strip(output["humanTaskActivationConditionResults"] ?? .null)
    }

    /// An AWS-managed flow of team `support` without conditions (every request gets a loop) and without a `Jury` block.
    static func awsFlow(name: String, source: RequestSource, taskCount: Int = 1) -> JSONValue {
        [
            "FlowDefinitionName": .string(name),
            "HumanLoopRequestSource": ["AwsManagedHumanLoopRequestSource": .string(source.rawValue)],
            "HumanLoopConfig": [
                "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/support",
                "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/review-ui",
                "TaskTitle": "Review", "TaskDescription": "Check the model's answer.",
                "TaskCount": .number(Double(taskCount)),
            ],
            "OutputConfig": ["S3OutputPath": "s3://acme-a2i/reviews"],
        ]
    }
}

extension TestQueue {
    /// Drops one request for `flow` with `input` as its InputContent and ingests it.
    @discardableResult
    func submit(_ name: String, flow: String, input: JSONValue) throws -> IngestReport {
        try directory.drop(HumanLoopRequest(name: name, flowName: flow, input: input))
        return try Ingest(ledger: ledger(), flows: flows).run()
    }

    /// Has `reviewers` answer loop `name` in turn; returns the parsed output once written.
    func complete(_ name: String, answers: [(reviewer: String, answer: JSONValue)], completion: any CompletionPolicy = ConsensusCompletion()) throws -> JSONValue? {
        let ledger = try ledger(completion: completion)
        var output: URL?
        for (reviewer, answer) in answers {
            _ = try ledger.claim(loop: name, reviewer: reviewer)
            output = try ledger.submit(loop: name, reviewer: reviewer, answer: answer).output
        }
        return try output.map { try JSONValue.parse(Data(contentsOf: $0)) }
    }
}
