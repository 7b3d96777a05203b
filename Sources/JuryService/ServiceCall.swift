import Foundation
import JuryCore
import JuryJSON

/// One request to the queue service. Over the socket it travels as `POST /v1/NAME` (`name`) with the
/// call as its JSON body; in-process it is handed over as it is. No call names its caller.
public enum ServiceCall: Sendable, Codable {
    case profile
    case claimNext(flow: String?, order: ClaimOrder)
    case claimLoop(loop: String)
    case release(loop: String, of: String?)
    case submitVerdict(loop: String, answer: JSONValue, timeSpentSeconds: Double?)
    case amendVerdict(loop: String, answer: JSONValue)
    case withdrawVerdict(loop: String)
    /// The caller's own verdict on a loop (`LoopVerdicts` holding it alone).
    case ownVerdict(loop: String)
    /// Every verdict on a loop, for a lead of its team (`LoopVerdicts`).
    case loopVerdicts(loop: String)
    /// One page of the caller's queue; with `filter`, only the loops it matches (absent: all).
    case queuePage(flow: String?, order: ClaimOrder, limit: Int, after: QueuePosition?, filter: QueueFilter?)
    case taskMaterial(loop: String)
    /// The loop's image or document bytes, read by the service (`MediaFile`, or null).
    case media(loop: String)
    case reviewerDay(since: Int64)
    /// The caller's own verdicts since `since` (ms since 1970), newest first, at most `limit` (1-500).
    case reviewerHistory(since: Int64, limit: Int)
    case listDrafts
    case saveDraft(loop: String, body: Data)
    case deleteDraft(loop: String)
    case listLoops(query: LoopQuery)
    case describeLoop(loop: String)
    case statistics(dayStart: Int64)
    case attention(limit: Int)
    /// Loops of the caller's teams whose names start with `prefix` (leads; `[LoopSummary]`).
    case findLoops(prefix: String, limit: Int)
    /// Where a loop stands and its audit trail, for a lead of its team (`LoopTrail`).
    case loopTrail(loop: String)
    case loopAction(action: LoopAction, loop: String, reviewer: String?)
    case startLoop(flow: String, name: String, input: JSONValue)
    case submitPrediction(flow: String, name: String?, prediction: JSONValue, serviceRequest: JSONValue?, metadata: JSONValue?)
    case ingest
    case recomputeConsensus(flow: String, method: String, write: Bool)
    case prune(olderThanDays: Double)
    /// A2I's StartHumanLoop: `request` is its body, read as an inbox file is. Returns `{"HumanLoopArn"}`.
    case startHumanLoop(request: JSONValue)
    /// A2I's StopHumanLoop and DeleteHumanLoop, by a producer. Return null.
    case stopHumanLoop(loop: String)
    case deleteHumanLoop(loop: String)
    /// SageMaker's flow and task UI calls; each returns SageMaker's response document.
    case createFlowDefinition(definition: JSONValue)
    case describeFlowDefinition(name: String)
    case listFlowDefinitions
    case deleteFlowDefinition(name: String)
    case createHumanTaskUi(name: String, template: String)
    case describeHumanTaskUi(name: String)
    case listHumanTaskUis
    case deleteHumanTaskUi(name: String)
    /// One page of `jury export` (leads and the queue's owner).
    case exportPage(query: ExportQuery)

    /// Whether the call only reads (it works on a read-only queue).
    public var onlyReads: Bool {
        switch self {
        case .profile, .queuePage, .taskMaterial, .media, .reviewerDay, .reviewerHistory, .listDrafts, .listLoops, .describeLoop, .statistics, .attention,
             .ownVerdict, .loopVerdicts, .findLoops, .loopTrail,
             .describeFlowDefinition, .listFlowDefinitions, .describeHumanTaskUi, .listHumanTaskUis, .exportPage: true
        default: false
        }
    }

    /// Whether the call writes or removes a flow definition or a task UI (so flows are read again).
    var changesFlows: Bool {
        switch self {
        case .createFlowDefinition, .deleteFlowDefinition, .createHumanTaskUi, .deleteHumanTaskUi: true
        default: false
        }
    }

    /// The operation's name: the last part of its path, `/v1/NAME`.
    public var name: String {
        switch self {
        case .profile: "profile"
        case .claimNext: "claimNext"
        case .claimLoop: "claimLoop"
        case .release: "release"
        case .submitVerdict: "submitVerdict"
        case .amendVerdict: "amendVerdict"
        case .withdrawVerdict: "withdrawVerdict"
        case .ownVerdict: "ownVerdict"
        case .loopVerdicts: "loopVerdicts"
        case .queuePage: "queuePage"
        case .taskMaterial: "taskMaterial"
        case .media: "media"
        case .reviewerDay: "reviewerDay"
        case .reviewerHistory: "reviewerHistory"
        case .listDrafts: "listDrafts"
        case .saveDraft: "saveDraft"
        case .deleteDraft: "deleteDraft"
        case .listLoops: "listLoops"
        case .describeLoop: "describeLoop"
        case .statistics: "statistics"
        case .attention: "attention"
        case .findLoops: "findLoops"
        case .loopTrail: "loopTrail"
        case .loopAction: "loopAction"
        case .startLoop: "startLoop"
        case .submitPrediction: "submitPrediction"
        case .ingest: "ingest"
        case .recomputeConsensus: "recomputeConsensus"
        case .prune: "prune"
        case .startHumanLoop: "startHumanLoop"
        case .stopHumanLoop: "stopHumanLoop"
        case .deleteHumanLoop: "deleteHumanLoop"
        case .createFlowDefinition: "createFlowDefinition"
        case .describeFlowDefinition: "describeFlowDefinition"
        case .listFlowDefinitions: "listFlowDefinitions"
        case .deleteFlowDefinition: "deleteFlowDefinition"
        case .createHumanTaskUi: "createHumanTaskUi"
        case .describeHumanTaskUi: "describeHumanTaskUi"
        case .listHumanTaskUis: "listHumanTaskUis"
        case .deleteHumanTaskUi: "deleteHumanTaskUi"
        case .exportPage: "exportPage"
        }
    }
}

/// A refusal as it travels back to a client: the `JuryError` case and its message.
public struct ServiceFailure: Sendable, Codable, Equatable {
    public let kind: String
    public let message: String

    public init(_ error: JuryError) {
        message = error.description
        kind = switch error {
        case .notAQueue: "notAQueue"
        case .notFound: "notFound"
        case .invalidInput: "invalidInput"
        case .forbidden: "forbidden"
        case .conflict: "conflict"
        case .invalidState: "invalidState"
        case .io: "io"
        }
    }

    /// The error the client throws.
    public var error: JuryError {
        switch kind {
        case "notAQueue": .notAQueue(message)
        case "notFound": .notFound(message)
        case "invalidInput": .invalidInput(message)
        case "forbidden": .forbidden(message)
        case "conflict": .conflict(message)
        case "invalidState": .invalidState(message)
        default: .io(message)
        }
    }

    /// The HTTP status a refusal of this kind is sent with.
    public var httpStatus: Int {
        switch kind {
        case "notFound": 404
        case "invalidInput": 400
        case "forbidden": 403
        case "conflict", "invalidState": 409
        case "notAQueue": 503
        default: 500
        }
    }
}
