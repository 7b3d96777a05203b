import Foundation
import JuryCore
import JuryJSON
import JuryService

/// A demo queue in a temporary folder with one classification flow (TaskCount `taskCount`, team
/// `support`: reviewers `r1`…`r64`, lead `lead`) and its service in this process, on the clock `time`.
struct ServiceQueue {
    let directory: QueueDirectory
    let service: QueueService

    /// - Parameter flowText: the flow definition (default: `flow(taskCount:)`).
    init(taskCount: Int = 1, demo: Bool = true, flowText: String? = nil, time: TimeSource = SystemTime()) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-service-\(UUID().uuidString)", directoryHint: .isDirectory)
        directory = QueueDirectory(root)
        let team = Workforce.Team(name: "support", reviewers: (1...64).map { "r\($0)" } + [Caller.currentProcess().login], leads: ["lead"])
        try Ledger.create(queue: directory, demo: demo, workforce: Workforce(teams: [team]))
        try Data((flowText ?? Self.flow(taskCount: taskCount)).utf8).write(to: directory.flowsURL.appending(path: "tickets.json"))
        service = try QueueService(ledger: try Ledger(queue: directory, time: time))
    }

    /// A client of the in-process service acting for `reviewer` (nil: this process's user).
    func client(_ reviewer: String? = nil) -> QueueConnection {
        QueueConnection(transport: InProcessTransport(service: service, actingAs: reviewer))
    }

    /// Starts loops `t-0`… through the service; `extra` members are added to each input.
    func startLoops(_ count: Int, extra: [String: JSONValue] = [:]) throws {
        for index in 0..<count {
            let members: [String: JSONValue] = ["text": .string("ticket \(index)"), "prediction": ["label": "billing", "confidence": 0.5]]
            _ = try client().startLoop(flow: "tickets", name: "t-\(index)", input: .object(members.merging(extra) { $1 }))
        }
    }

    func remove() {
        service.shutdown()
        try? FileManager.default.removeItem(at: directory.root)
    }

    static let answer: JSONValue = ["category": ["label": "billing"]]

    static func flow(taskCount: Int) -> String {
        """
        {"FlowDefinitionName": "tickets",
         "HumanLoopConfig": {"WorkteamArn": "arn:aws:sagemaker:eu-west-1:111122223333:workteam/private-crowd/support",
           "HumanTaskUiArn": "arn:aws:sagemaker:eu-west-1:111122223333:human-task-ui/ticket-ui",
           "TaskTitle": "Classify", "TaskDescription": "Pick a category.", "TaskCount": \(taskCount),
           "TaskTimeLimitInSeconds": 600, "TaskAvailabilityLifetimeInSeconds": 86400},
         "HumanLoopActivationConfig": {"HumanLoopActivationConditionsConfig": {"HumanLoopActivationConditions":
           "{\\"Conditions\\":[{\\"ConditionType\\":\\"ModelConfidenceCheck\\",\\"ConditionParameters\\":{\\"ConfidencePath\\":\\"$.prediction.confidence\\",\\"ConfidenceLessThan\\":0.8}}]}"}},
         "Jury": {"TaskType": "classification", "Categories": ["billing", "shipping", "other"],
           "ConfidencePath": "$.prediction.confidence", "ConfidenceScale": "fraction"}}
        """
    }
}
