import JuryJSON

/// Everything a reviewer's task screen shows about one loop.
public struct TaskMaterial: Sendable, Codable {
    public let loopName: String
    public let flow: FlowDefinition
    public let input: JSONValue
    /// A2I's `humanTaskActivationConditionResults` kept with the loop.
    public let activationResults: JSONValue
    public let createdAt: Int64
    public let deadline: Int64
    public let minimumConfidence: Double?

    public init(loopName: String, flow: FlowDefinition, input: JSONValue, activationResults: JSONValue, createdAt: Int64,
                deadline: Int64, minimumConfidence: Double?) {
        (self.loopName, self.flow, self.input, self.activationResults) = (loopName, flow, input, activationResults)
        (self.createdAt, self.deadline, self.minimumConfidence) = (createdAt, deadline, minimumConfidence)
    }

    private enum CodingKeys: String, CodingKey { case loopName, flowDefinition, input, activationResults, createdAt, deadline, minimumConfidence }

    /// The flow travels as its stored definition document and is checked again on arrival.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let definition = try container.decode(JSONValue.self, forKey: .flowDefinition)
        guard let flow = FlowDefinition.check(definition).flow else {
            throw DecodingError.dataCorruptedError(forKey: .flowDefinition, in: container, debugDescription: "the flow definition does not validate")
        }
        self.init(loopName: try container.decode(String.self, forKey: .loopName), flow: flow,
                  input: try container.decode(JSONValue.self, forKey: .input),
                  activationResults: try container.decode(JSONValue.self, forKey: .activationResults),
                  createdAt: try container.decode(Int64.self, forKey: .createdAt), deadline: try container.decode(Int64.self, forKey: .deadline),
                  minimumConfidence: try container.decodeIfPresent(Double.self, forKey: .minimumConfidence))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(loopName, forKey: .loopName)
        try container.encode(flow.storedForm, forKey: .flowDefinition)
        try container.encode(input, forKey: .input)
        try container.encode(activationResults, forKey: .activationResults)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(deadline, forKey: .deadline)
        try container.encodeIfPresent(minimumConfidence, forKey: .minimumConfidence)
    }
}
