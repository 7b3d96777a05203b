import JuryJSON

/// One row of ListHumanLoops.
public struct LoopSummary: Sendable, Equatable, Codable {
    public let name: String
    public let flow: String
    /// The flow's ARN (see `ARNScheme`).
    public let flowArn: String
    public let status: LoopStatus
    public let createdAt: Int64
    public let failureReason: String?

    /// A2I's HumanLoopSummary.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "HumanLoopName": .string(name), "FlowDefinitionArn": .string(flowArn), "HumanLoopStatus": .string(status.rawValue),
            "CreationTime": .string(Timestamp.iso8601(milliseconds: createdAt)),
        ]
        if let failureReason { object["FailureReason"] = .string(failureReason) }
        return .object(object)
    }
}
