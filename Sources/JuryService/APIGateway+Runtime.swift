import Foundation
import JuryCore
import JuryJSON

/// A2I's runtime (`sagemaker-a2i-runtime`, REST with JSON) as the AWS SDK's model routes it.
extension APIGateway {
    func runtime(_ request: APIRequest, caller: Caller) throws -> CallReply {
        let segments = request.pathSegments(droppingPrefix: "/human-loops".count)
        switch (request.method, segments) {
        case (.POST, []): return try startHumanLoop(request, caller: caller)
        case (.GET, []): return try listHumanLoops(request.parameters, caller: caller)
        case (.POST, ["", "stop"]):
            return try perform(.stopHumanLoop(loop: try Self.loopName(request.jsonBody()["HumanLoopName"]?.stringValue)), caller: caller)
        case (.GET, let parts) where parts.count == 2 && parts[0].isEmpty:
            return try perform(.describeLoop(loop: try Self.loopName(parts[1])), caller: caller) { document in
                var members = document.objectValue ?? [:]
                members["Jury"] = nil
                return .object(members)
            }
        case (.DELETE, let parts) where parts.count == 2 && parts[0].isEmpty:
            return try perform(.deleteHumanLoop(loop: try Self.loopName(parts[1])), caller: caller)
        default:
            throw APIFailure(code: "UnknownOperationException", status: 404, message: "no A2I runtime operation is \(request.method.rawValue) \(request.path)")
        }
    }

    /// StartHumanLoop; an unknown flow is a ValidationException, as A2I's model lists no other. The body
    /// may have as many bytes as an inbox file.
    private func startHumanLoop(_ request: APIRequest, caller: Caller) throws -> CallReply {
        guard request.body.count <= Ingest.maximumFileBytes else {
            throw JuryError.invalidInput("the request has \(request.body.count) bytes; StartHumanLoop takes at most \(Ingest.maximumFileBytes), as an inbox file")
        }
        do {
            return try perform(.startHumanLoop(request: try request.jsonBody()), caller: caller)
        } catch JuryError.notFound(let message) {
            throw JuryError.invalidInput(message)
        }
    }

    private func listHumanLoops(_ parameters: [String: String], caller: Caller) throws -> CallReply {
        var query = LoopQuery()
        guard let flow = parameters["FlowDefinitionArn"], !flow.isEmpty else {
            throw JuryError.invalidInput("1 validation error detected: FlowDefinitionArn is required")
        }
        guard flow.count <= 1024 else { throw JuryError.invalidInput("1 validation error detected: FlowDefinitionArn must be at most 1024 characters") }
        query.flow = flow
        query.createdAfter = try parameters["CreationTimeAfter"].map { try Self.timestamp($0, name: "CreationTimeAfter") }
        query.createdBefore = try parameters["CreationTimeBefore"].map { try Self.timestamp($0, name: "CreationTimeBefore") }
        query.ascending = try Self.ascending(parameters["SortOrder"])
        query.maxResults = try Self.maxResults(parameters["MaxResults"])
        // An empty token is none: a pipeline's paging loop often starts with "".
        query.nextToken = parameters["NextToken"].flatMap { $0.isEmpty ? nil : $0 }
        return try perform(.listLoops(query: query), caller: caller) { result in
            let page = try JSONValueDecoder().decode(LoopPage.self, from: result)
            var members: [String: JSONValue] = ["HumanLoopSummaries": .array(page.loops.map(\.json))]
            if let token = page.nextToken { members["NextToken"] = .string(token) }
            return .object(members)
        }
    }

    static func loopName(_ name: String?) throws -> String {
        guard let name else { throw JuryError.invalidInput("1 validation error detected: HumanLoopName is required") }
        if let problem = ResourceName.problem(with: name) { throw JuryError.invalidInput("HumanLoopName \(name) \(problem)") }
        return name
    }

    /// An ISO 8601 time, or seconds since 1970 (a finite number within ±10^11, beyond year 5000), as the
    /// SDKs send timestamps.
    static func timestamp(_ text: String, name: String) throws -> Date {
        if let date = Timestamp.parse(text) { return date }
        if let seconds = Double(text), seconds.isFinite, abs(seconds) < 1e11 { return Date(timeIntervalSince1970: seconds) }
        throw JuryError.invalidInput("\(name) \(text) is neither an ISO 8601 time nor seconds since 1970")
    }

    static func ascending(_ sortOrder: String?) throws -> Bool {
        switch sortOrder {
        case nil, "Ascending": true
        case "Descending": false
        case let other?: throw JuryError.invalidInput("SortOrder must be Ascending or Descending, not \(other)")
        }
    }

    static func maxResults(_ text: String?) throws -> Int {
        guard let text else { return 100 }
        guard let count = Int(text), (1...100).contains(count) else { throw JuryError.invalidInput("MaxResults must be 1 to 100, not \(text)") }
        return count
    }
}
