import Foundation
import JuryCore
import JuryJSON

/// SageMaker's flow definition and human task UI calls (JSON 1.1, `X-Amz-Target: SageMaker.OPERATION`).
extension APIGateway {
    static let sageMakerContentType = "application/x-amz-json-1.1"
    /// The SageMaker operations served (`X-Amz-Target: SageMaker.NAME`); docs/a2i-api.yaml lists the same.
    public static let sageMakerOperations = [
        "CreateFlowDefinition", "DescribeFlowDefinition", "ListFlowDefinitions", "DeleteFlowDefinition",
        "CreateHumanTaskUi", "DescribeHumanTaskUi", "ListHumanTaskUis", "DeleteHumanTaskUi",
    ]

    func sageMaker(_ operation: String, request: APIRequest, caller: Caller) throws -> CallReply {
        guard request.method == .POST else { throw JuryError.invalidInput("SageMaker calls are POST requests") }
        let body = try request.jsonBody()
        let name = { (member: String) throws -> String in
            guard let value = body[member] else { throw JuryError.invalidInput("1 validation error detected: \(member) is required") }
            guard let text = value.stringValue else { throw JuryError.invalidInput("1 validation error detected: \(member) must be a string") }
            return text
        }
        let call: ServiceCall
        switch operation {
        case "CreateFlowDefinition": call = .createFlowDefinition(definition: body)
        case "DescribeFlowDefinition": call = .describeFlowDefinition(name: try name("FlowDefinitionName"))
        case "ListFlowDefinitions": return try list(.listFlowDefinitions, member: "FlowDefinitionSummaries", body: body, caller: caller)
        case "DeleteFlowDefinition": call = .deleteFlowDefinition(name: try name("FlowDefinitionName"))
        case "CreateHumanTaskUi":
            guard let template = body["UiTemplate"]?["Content"]?.stringValue else {
                throw JuryError.invalidInput("1 validation error detected: UiTemplate.Content is required")
            }
            call = .createHumanTaskUi(name: try name("HumanTaskUiName"), template: template)
        case "DescribeHumanTaskUi": call = .describeHumanTaskUi(name: try name("HumanTaskUiName"))
        case "ListHumanTaskUis": return try list(.listHumanTaskUis, member: "HumanTaskUiSummaries", body: body, caller: caller)
        case "DeleteHumanTaskUi": call = .deleteHumanTaskUi(name: try name("HumanTaskUiName"))
        case "": throw APIFailure(code: "UnknownOperationException", status: 400, message: "a SageMaker call names its operation in X-Amz-Target: SageMaker.OPERATION")
        default: throw APIFailure(code: "UnknownOperationException", status: 400, message: "Jury serves no SageMaker operation \(operation)")
        }
        return try perform(call, caller: caller, contentType: Self.sageMakerContentType)
    }

    /// A List call: summaries filtered by `CreationTimeAfter`/`Before` (seconds since 1970), sorted by
    /// `SortOrder`, a page of `MaxResults` (default 10, as SageMaker) from the offset `NextToken` gives.
    private func list(_ call: ServiceCall, member: String, body: JSONValue, caller: Caller) throws -> CallReply {
        let created = { (summary: JSONValue) in summary["CreationTime"]?.numberValue ?? 0 }
        let time = { (member: String) throws -> Double? in
            guard let value = body[member] else { return nil }
            guard let seconds = value.numberValue else { throw JuryError.invalidInput("\(member) must be a timestamp (seconds since 1970)") }
            return seconds
        }
        let after = try time("CreationTimeAfter") ?? -.infinity
        let before = try time("CreationTimeBefore") ?? .infinity
        let ascending = try Self.ascending(body["SortOrder"]?.stringValue)
        let limit = try Self.maxResults(body["MaxResults"].map { value in value.numberValue.flatMap { Int(exactly: $0) }.map(String.init) ?? "\(value)" } ?? "10")
        // An empty token is none, as the model's minimum length of 0 allows.
        let start = try body["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }.map { token in
            guard let offset = Int(token), offset >= 0 else { throw JuryError.invalidInput("NextToken \(token) is not a token Jury gave") }
            return offset
        } ?? 0
        return try perform(call, caller: caller, contentType: Self.sageMakerContentType) { result in
            let matching = (result.arrayValue ?? []).filter { created($0) >= after && created($0) < before }
            let ordered = ascending ? matching : matching.reversed()
            let page = Array(ordered.dropFirst(start).prefix(limit))
            var members: [String: JSONValue] = [member: .array(page)]
            if start + page.count < ordered.count { members["NextToken"] = .string(String(start + page.count)) }
            return .object(members)
        }
    }
}
