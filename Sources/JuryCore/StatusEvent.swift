import Foundation
import JuryJSON

/// A loop's change to Completed, Failed or Stopped, as A2I announces it through EventBridge: the
/// "SageMaker A2I HumanLoop Status Change" document, with the same members.
public struct StatusEvent: Sendable, Equatable {
    /// The outbox row's id: increasing in the order the changes committed.
    public let sequence: Int64
    public let loopName: String
    public let status: LoopStatus
    public let document: JSONValue

    /// The event's file name in `events/`: its sequence (zero-padded, so names sort in commit order),
    /// the loop and the status.
    public var fileName: String { String(format: "%012lld", sequence) + "-\(loopName)-\(status.rawValue).json" }

    /// The EventBridge document of a status change.
    /// - Parameters:
    ///   - id: the event's id, the same in every copy sent (receivers drop repeats by it).
    ///   - changedAt, createdAt: milliseconds since 1970.
    ///   - outputURI: where the loop's output.json is; given for Completed loops only.
    static func document(
        id: UUID, loop: String, flow: String, status: LoopStatus, createdAt: Int64, changedAt: Int64,
        failureCode: String?, failureReason: String?, outputURI: String?, arns: ARNScheme
    ) -> JSONValue {
        var detail: [String: JSONValue] = [
            "creationTime": .string(Timestamp.iso8601(milliseconds: createdAt)),
            "failureCode": failureCode.map(JSONValue.string) ?? .null,
            "failureReason": failureReason.map(JSONValue.string) ?? .null,
            "flowDefinitionArn": .string(arns.flowDefinition(flow)),
            "humanLoopArn": .string(arns.humanLoop(loop)),
            "humanLoopName": .string(loop),
            "humanLoopStatus": .string(status.rawValue),
        ]
        if let outputURI { detail["humanLoopOutput"] = ["outputS3Uri": .string(outputURI)] }
        let seconds = Date.ISO8601FormatStyle(timeZone: .gmt)
        return [
            "version": "0",
            "id": .string(id.uuidString.lowercased()),
            "detail-type": "SageMaker A2I HumanLoop Status Change",
            "source": "aws.sagemaker",
            "account": .string(arns.account),
            "time": .string(Timestamp.date(milliseconds: changedAt).formatted(seconds)),
            "region": .string(arns.region),
            "resources": [.string(arns.humanLoop(loop))],
            "detail": .object(detail),
        ]
    }
}
