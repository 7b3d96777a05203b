import Foundation
import GRDB
import JuryCore
import JuryJSON
import JuryService
import Testing

@Suite("Producers' calls through the service")
struct ProducerCallsTests {
    static let producer = Caller.accessKeyHolder(profile: "etl-pipeline")

    static func startRequest(_ name: String, confidence: Double = 0.5, flow: String = "tickets") -> JSONValue {
        let content = JSONValue.object(["text": "ticket", "prediction": ["label": "billing", "confidence": .number(confidence)]]).encodedString()
        return ["HumanLoopName": .string(name), "FlowDefinitionArn": .string("arn:aws:sagemaker:eu-west-1:111122223333:flow-definition/\(flow)"),
                "HumanLoopInput": ["InputContent": .string(content)]]
    }

    @Test("a flow dropped into flows/ by hand is found by the first StartHumanLoop asking for it; one deleted through the API (once no loop of it is in progress) is gone at once")
    func flowsFollowTheFiles() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        _ = try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-a")), caller: Self.producer)
        let returns = ServiceQueue.flow(taskCount: 1).replacingOccurrences(of: #""FlowDefinitionName": "tickets""#, with: #""FlowDefinitionName": "returns""#)
        try Data(returns.utf8).write(to: queue.directory.flowsURL.appending(path: "returns.json"))
        let started = try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-b", flow: "returns")), caller: Self.producer)
        #expect(started == ["HumanLoopArn": "arn:aws:sagemaker:us-east-1:000000000000:human-loop/api-b"])
        #expect(throws: JuryError.conflict("flow returns has loops InProgress or Stopping; stop them first")) {
            try queue.service.perform(.deleteFlowDefinition(name: "returns"), caller: Self.producer)
        }
        _ = try queue.service.perform(.stopHumanLoop(loop: "api-b"), caller: Self.producer)
        _ = try queue.service.perform(.deleteFlowDefinition(name: "returns"), caller: Self.producer)
        #expect(throws: JuryError.notFound("no valid flow named returns (DescribeFlowDefinition, or `jury flow check` on its file, says why)")) {
            try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-c", flow: "returns")), caller: Self.producer)
        }
    }

    @Test("DescribeFlowDefinition gives a flow file's activation conditions as the JSON text SageMaker's model has, however the file writes them")
    func describedConditionsAreText() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let conditions: JSONValue = ["Conditions": [["ConditionType": "ModelConfidenceCheck",
                                                     "ConditionParameters": ["ConfidencePath": "$.prediction.confidence", "ConfidenceLessThan": 0.5]]]]
        var flow = try JSONValue.parse(Data(ServiceQueue.flow(taskCount: 1).utf8)).objectValue ?? [:]
        flow["FlowDefinitionName"] = "objects"
        flow["HumanLoopActivationConfig"] = ["HumanLoopActivationConditionsConfig": ["HumanLoopActivationConditions": conditions]]
        try JSONValue.object(flow).encoded().write(to: queue.directory.flowsURL.appending(path: "objects.json"))
        let described = try queue.service.perform(.describeFlowDefinition(name: "objects"), caller: Self.producer)
        let text = try #require(described["HumanLoopActivationConfig"]?["HumanLoopActivationConditionsConfig"]?["HumanLoopActivationConditions"]?.stringValue)
        #expect(try JSONValue.parse(Data(text.utf8)) == conditions)
        #expect(described["FlowDefinitionStatus"] == "Active", "\(described)")
    }

    /// `document` with its top-level `members` replaced (nil removes one).
    static func replacing(_ document: JSONValue, _ members: [String: JSONValue?]) -> JSONValue {
        var object = document.objectValue ?? [:]
        for (key, value) in members { object[key] = value }
        return .object(object)
    }

    @Test("CreateFlowDefinition refuses what A2I refuses: no RoleArn, no output path, a local folder for one; nothing is stored")
    func createFlowTakesOnlyWhatA2ITakes() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let complete = Self.replacing(try JSONValue.parse(Data(ServiceQueue.flow(taskCount: 1).utf8)), [
            "FlowDefinitionName": "created", "RoleArn": "arn:aws:iam::111122223333:role/a2i", "OutputConfig": ["S3OutputPath": "s3://acme-a2i/created"],
        ])
        let refused: [(JSONValue, String)] = [
            (Self.replacing(complete, ["RoleArn": nil]), "$.RoleArn"),
            (Self.replacing(complete, ["OutputConfig": nil]), "$.OutputConfig.S3OutputPath"),
            (Self.replacing(complete, ["OutputConfig": ["S3OutputPath": "/tmp/elsewhere"]]), "$.OutputConfig.S3OutputPath"),
            (Self.replacing(complete, ["OutputConfig": ["S3OutputPath": "flows"]]), "$.OutputConfig.S3OutputPath"),
        ]
        for (flow, member) in refused {
            #expect { try queue.service.perform(.createFlowDefinition(definition: flow), caller: Self.producer) } throws: { error in
                guard case JuryError.invalidInput(let message) = error else { return false }
                return message.hasPrefix("flow created.json is invalid:") && message.contains("\(member): A2I")
            }
            #expect(!FileManager.default.fileExists(atPath: queue.directory.flowsURL.appending(path: "created.json").path))
        }
        let created = try queue.service.perform(.createFlowDefinition(definition: complete), caller: Self.producer)
        #expect(created == ["FlowDefinitionArn": "arn:aws:sagemaker:us-east-1:000000000000:flow-definition/created"])
    }

    @Test("StartHumanLoop by a key holder: the loop's ARN, idempotent, audited with the profile as actor")
    func startHumanLoop() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let arn = try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-1")), caller: Self.producer)
        #expect(arn == ["HumanLoopArn": "arn:aws:sagemaker:us-east-1:000000000000:human-loop/api-1"])
        #expect(try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-1")), caller: Self.producer) == arn)
        #expect(throws: JuryError.conflict("a loop named api-1 already exists with other content (A2I's ConflictException)")) {
            try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-1", confidence: 0.1)), caller: Self.producer)
        }
        let actors = try DatabaseQueue(path: queue.directory.ledgerURL.path).read { db in
            try String.fetchAll(db, sql: "SELECT actor FROM audit WHERE action = 'start' AND loop_name = 'api-1'")
        }
        #expect(actors == ["etl-pipeline"])
        let description = try queue.service.perform(.describeLoop(loop: "api-1"), caller: Self.producer)
        #expect(description["FlowDefinitionArn"] == "arn:aws:sagemaker:us-east-1:000000000000:flow-definition/tickets")
    }

    @Test("a producer stops and deletes without being a lead; a reviewer may not start through the API's calls")
    func stopAndDelete() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        _ = try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-2")), caller: Self.producer)
        _ = try queue.service.perform(.stopHumanLoop(loop: "api-2"), caller: Self.producer)
        _ = try queue.service.perform(.deleteHumanLoop(loop: "api-2"), caller: Self.producer)
        #expect(throws: JuryError.notFound("no human loop named api-2 (a deleted loop is gone, as in A2I)")) {
            try queue.service.perform(.describeLoop(loop: "api-2"), caller: Self.producer)
        }
        let reviewer = Caller(login: "r1", uid: 4_000_001, groups: [])
        #expect(throws: JuryError.forbidden("r1 may not start loops: only the producers group, leads and the queue's owner may")) {
            try queue.service.perform(.startHumanLoop(request: Self.startRequest("api-3")), caller: reviewer)
        }
    }

    @Test("jury submit's service request names the loop by HumanLoopConfig.HumanLoopName, and the flow may be an ARN")
    func submitNamesTheLoop() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let request: JSONValue = ["HumanLoopConfig": ["HumanLoopName": "named-by-config"]]
        let started = try queue.client().submitPrediction(
            flow: "arn:aws:sagemaker:us-east-1:000000000000:flow-definition/tickets", name: nil,
            prediction: ["text": "t", "prediction": ["label": "billing", "confidence": 0.2]], serviceRequest: request, metadata: nil)
        #expect(started.loopName == "named-by-config" && started.started)
    }
}
