/// One row of ListHumanLoops.
public struct LoopSummary: Sendable, Equatable, Codable {
    public let name: String
    public let flow: String
    public let status: LoopStatus
    public let createdAt: Int64
    public let failureReason: String?

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "HumanLoopName": .string(name), "FlowDefinitionName": .string(flow), "HumanLoopStatus": .string(status.rawValue),
            "CreationTime": .string(Timestamp.iso8601(milliseconds: createdAt)),
        ]
        if let failureReason { object["FailureReason"] = .string(failureReason) }
        return .object(object)
    }
}
