import Foundation
@testable import JuryCore
import JuryJSON

/// A fresh queue in a temporary folder, with flows and a workforce the test chooses; the folder is removed
/// when the test lets go of the queue.
final class TestQueue {
    let directory: QueueDirectory
    let time: ManualTime

    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static let workforce = Workforce(teams: [
        Workforce.Team(name: "support", reviewers: ["ana", "ben", "cy", "dee"], leads: ["lead"]),
        Workforce.Team(name: "other", reviewers: ["zed"], leads: ["boss"]),
    ])

    init(flows: [JSONValue] = [TestQueue.classificationFlow()], demo: Bool = false) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-test-\(UUID().uuidString)", directoryHint: .isDirectory)
        directory = QueueDirectory(root)
        time = ManualTime(Self.start)
        try Ledger.create(queue: directory, demo: demo, workforce: Self.workforce)
        for flow in flows {
            let name = flow["FlowDefinitionName"]!.stringValue!
            try flow.encoded().write(to: directory.flowsURL.appending(path: "\(name).json"))
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory.root) }

    func ledger(completion: any CompletionPolicy = AcceptWhenFull()) throws -> Ledger {
        try Ledger(queue: directory, time: time, completion: completion)
    }

    var flows: [String: FlowDefinition] { directory.loadFlows().flows }

    /// Drops a classification request into the inbox and ingests everything there.
    @discardableResult
    func submit(_ names: [String], flow: String = "tickets", confidence: Double = 0.5) throws -> IngestReport {
        for name in names {
            let input: JSONValue = ["text": .string("item \(name)"), "prediction": ["label": "billing", "confidence": .number(confidence)]]
            try directory.drop(HumanLoopRequest(name: name, flowName: flow, input: input))
        }
        return try Ingest(ledger: ledger(), flows: flows).run()
    }

    /// Writes raw bytes into the inbox under `file`, modified a minute ago (a file whose producer is done).
    func dropRaw(_ data: Data, as file: String) throws {
        let url = directory.inboxURL.appending(path: file)
        try data.write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: url.path)
    }

    static func classificationFlow(
        name: String = "tickets", team: String = "support", taskCount: Int = 3, timeLimit: Int = 60, lifetime: Int = 3_600
    ) -> JSONValue {
        [
            "FlowDefinitionName": .string(name),
            "HumanLoopConfig": [
                "WorkteamArn": .string("arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/\(team)"),
                "HumanTaskUiArn": "arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/ticket-ui",
                "TaskTitle": "Classify the ticket", "TaskDescription": "Pick the category that fits the ticket.",
                "TaskCount": .number(Double(taskCount)), "TaskTimeLimitInSeconds": .number(Double(timeLimit)),
                "TaskAvailabilityLifetimeInSeconds": .number(Double(lifetime)),
            ],
            "HumanLoopActivationConfig": ["HumanLoopActivationConditionsConfig": [
                "HumanLoopActivationConditions": #"{"Conditions":[{"ConditionType":"ModelConfidenceCheck","ConditionParameters":{"ConfidencePath":"$.prediction.confidence","ConfidenceLessThan":0.8}}]}"#,
            ]],
            "Jury": [
                "TaskType": "classification", "Categories": ["billing", "shipping", "other"],
                "ConfidencePath": "$.prediction.confidence", "ConfidenceScale": "fraction",
            ],
        ]
    }

    static func answer(_ label: String) -> JSONValue { ["category": ["label": .string(label)]] }

    /// The `consensus` Jury wrote beside the output file `output` (in `jury.json`), or nil.
    static func consensus(besideOutput output: URL) throws -> JSONValue? {
        try JSONValue.parse(Data(contentsOf: Ledger.extrasURL(besideOutput: output)))["consensus"]
    }
}

extension JSONValue {
    /// Replaces the member at `path` (keys only) for building variants of a document in tests.
    func setting(_ keys: [String], to value: JSONValue?) -> JSONValue {
        guard let first = keys.first else { return value ?? .null }
        var members = objectValue ?? [:]
        members[first] = keys.count == 1 ? value : (members[first] ?? .object([:])).setting(Array(keys.dropFirst()), to: value)
        return .object(members)
    }
}
