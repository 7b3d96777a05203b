import JuryJSON

/// The `inputContent` A2I writes for its built-in task types.
enum AIServiceContent {
    /// The producer's input with `humanTaskActivationConditionResults` (in A2I's members only) and
    /// `selectedAiServiceResponse` filled in when the producer did not send them, and the service data in
    /// A2I's lowerCamelCase.
    static func inputContent(_ input: JSONValue, activation: JSONValue, source: RequestSource) -> JSONValue {
        var members = input.objectValue ?? [:]
        members["humanTaskActivationConditionResults"] = members["humanTaskActivationConditionResults"] ?? withoutJuryMembers(activation)
        if members["selectedAiServiceResponse"] == nil, members["aiServiceResponse"] != nil {
            members["selectedAiServiceResponse"] = shownResponse(input, activation: activation, source: source)
        }
        for key in ServiceData.inputMembers { members[key] = members[key].map(ServiceData.lowerCamelCased) }
        return .object(members)
    }

    /// What A2I's task screen shows reviewers (PascalCase): the producer's `selectedAiServiceResponse`, else
    /// the part of the response the conditions selected.
    static func shownResponse(_ input: JSONValue, activation: JSONValue, source: RequestSource) -> JSONValue {
        input["selectedAiServiceResponse"].map(ServiceData.pascalCased)
            ?? selected(ServiceData.response(in: input), matches: matchedItems(activation), source: source)
    }

    /// Activation results as A2I writes them: Jury's `JuryReason` and `JuryMatches` left out at every level.
    static func withoutJuryMembers(_ node: JSONValue) -> JSONValue {
        switch node {
        case .object(let members): .object(members.filter { !$0.key.hasPrefix("Jury") }.mapValues(withoutJuryMembers))
        case .array(let elements): .array(elements.map(withoutJuryMembers))
        default: node
        }
    }

    /// The names conditions matched (`JuryMatches` of conditions that held), anywhere in the result tree.
    static func matchedItems(_ node: JSONValue) -> Set<String> {
        if let list = node.arrayValue { return list.reduce(into: []) { $0.formUnion(matchedItems($1)) } }
        guard let members = node.objectValue, members["EvaluationResult"]?.boolValue != false else { return [] }
        var found = Set((members["JuryMatches"]?.arrayValue ?? []).compactMap(\.stringValue))
        for key in ["Conditions", "And", "Or"] { found.formUnion(matchedItems(members[key] ?? .null)) }
        return found
    }

    /// The part of the response the conditions selected: matched labels, or matched key-value pairs with their
    /// words; the whole response when nothing specific matched (sampling, for instance).
    private static func selected(_ response: JSONValue, matches: Set<String>, source: RequestSource) -> JSONValue {
        guard !matches.isEmpty else { return response }
        var members = response.objectValue ?? [:]
        switch source {
        case .rekognitionModeration:
            members["ModerationLabels"] = .array((response["ModerationLabels"]?.arrayValue ?? []).filter {
                matches.contains($0["Name"]?.stringValue ?? "")
            })
        case .textractForms:
            members["Blocks"] = .array(selectedBlocks(response, keys: matches))
        }
        return .object(members)
    }

    private static func selectedBlocks(_ response: JSONValue, keys: Set<String>) -> [JSONValue] {
        let blocks = response["Blocks"]?.arrayValue ?? []
        let fields = TextractForm.fields(in: response).filter { keys.contains($0.key) }
        var wanted = Set(fields.map(\.keyBlockId))
        var frontier = wanted
        while !frontier.isEmpty {
            let reached: [JSONValue] = blocks.filter { frontier.contains($0["Id"]?.stringValue ?? "") }
            let related: [String] = reached.flatMap(linkedIds)
            frontier = Set(related).subtracting(wanted)
            wanted.formUnion(frontier)
        }
        return blocks.filter { wanted.contains($0["Id"]?.stringValue ?? "") }
    }

    /// The ids a block's VALUE and CHILD relationships point to.
    private static func linkedIds(_ block: JSONValue) -> [String] {
        let relationships: [JSONValue] = block["Relationships"]?.arrayValue ?? []
        let followed = relationships.filter { ["VALUE", "CHILD"].contains($0["Type"]?.stringValue ?? "") }
        return followed.flatMap { $0["Ids"]?.arrayValue ?? [] }.compactMap(\.stringValue)
    }
}
