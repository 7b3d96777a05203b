import Foundation
import JuryCore
import JuryJSON

extension QueueService {
    /// A2I's runtime calls and SageMaker's flow and task UI calls: what a producer's pipeline makes.
    /// StartHumanLoop is any producer's (leads included); the others are the pipeline's alone.
    func performProducerCall(_ call: ServiceCall, caller: Caller, login: String) throws -> JSONValue {
        if case .startHumanLoop = call { try producer(caller, login) } else { try pipeline(caller, login, call: call) }
        let store = ResourceStore(queue: ledger.queue, arns: ledger.arns)
        defer { if call.changesFlows { flowCatalog.invalidate() } }
        switch call {
        case .startHumanLoop(let request): return ["HumanLoopArn": .string(try startHumanLoop(request, producer: login))]
        case .stopHumanLoop(let loop): _ = try ledger.stop(loop: loop, actor: login, byProducer: true)
        case .deleteHumanLoop(let loop): try ledger.delete(loop: loop, actor: login, byProducer: true)
        case .createFlowDefinition(let definition): return ["FlowDefinitionArn": .string(try store.createFlow(definition))]
        case .describeFlowDefinition(let name): return try store.describeFlow(name)
        case .listFlowDefinitions: return .array(store.flowSummaries())
        case .deleteFlowDefinition(let name):
            guard try !ledger.hasActiveLoops(flow: name) else {
                throw JuryError.conflict("flow \(name) has loops InProgress or Stopping; stop them first")
            }
            try store.delete(.flow, named: name)
        case .createHumanTaskUi(let name, let template): return ["HumanTaskUiArn": .string(try store.createTaskUi(name, template: template))]
        case .describeHumanTaskUi(let name): return try store.describeTaskUi(name)
        case .listHumanTaskUis: return .array(store.taskUiSummaries())
        case .deleteHumanTaskUi(let name): try store.delete(.taskUi, named: name)
        default: throw JuryError.invalidInput("\(call.name) is not a queue call")
        }
        return .null
    }

    /// StartHumanLoop: the request takes an inbox file's way (`HumanLoopRequest.parse`, then
    /// `LoopAdmission`, which evaluates the flow's activation conditions and keeps their results with
    /// the loop) in a group commit; the same request again is a no-op, the same name with other content a conflict.
    /// - Returns: the loop's ARN.
    /// - Throws: `JuryError.invalidInput` for what ingest would reject, `.notFound` for an unknown flow,
    ///   `.conflict` for a name taken by other content.
    func startHumanLoop(_ document: JSONValue, producer: String) throws -> String {
        let request: HumanLoopRequest, input: JSONValue
        do {
            (request, input) = try HumanLoopRequest.parseWithInput(document: document)
        } catch {
            throw JuryError.invalidInput(error.description)
        }
        guard let flow = flowCatalog.flow(named: request.flowName) else {
            throw JuryError.notFound("no valid flow named \(request.flowName) (DescribeFlowDefinition, or `jury flow check` on its file, says why)")
        }
        var admission: LoopAdmission
        do {
            admission = try LoopAdmission(request: request, input: input, flow: flow)
        } catch {
            throw JuryError.invalidInput(error.description)
        }
        admission.producer = producer
        if case .conflict(let rejection) = try groupCommit.admit(admission) { throw JuryError.conflict(rejection.reason) }
        return ledger.arns.humanLoop(request.name)
    }
}

extension QueueService {
    /// A file of the queue's output tree read as the S3 object `s3://bucket/key` (see
    /// `QueueDirectory.objectFile`); producers and the queue's owner may read it.
    /// - Returns: the bytes and their last modification time.
    /// - Throws: `JuryError.notFound` when no such file is in the output tree, `.forbidden` for other callers.
    public func outputObject(bucket: String, key: String, caller: Caller) throws -> (data: Data, modified: Date) {
        try producer(caller, caller.login)
        guard let file = ledger.queue.objectFile(bucket: bucket, key: key), let data = try? Data(contentsOf: file) else {
            throw JuryError.notFound("The specified key does not exist.")
        }
        let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? Date(timeIntervalSince1970: 0)
        return (data, modified)
    }
}
