import JuryJSON

extension ActivationCondition {
    /// A2I's limit on And/Or depth below a top-level condition.
    static let maximumNesting = 2

    /// Reads `{"Conditions": [...]}`, collecting every problem with its path.
    /// - Parameter source: the flow's request source; it decides which condition types are allowed.
    /// - Returns: the top-level conditions, or nil when the document is unusable.
    static func parseConditions(
        _ document: JSONValue, at path: JSONPath, source: RequestSource?, problems: inout [ValidationProblem]
    ) -> [ActivationCondition]? {
        guard let list = document["Conditions"]?.arrayValue else {
            problems.append(ValidationProblem(path.appending("Conditions"), "required: an array of conditions"))
            return nil
        }
        let allowed = ConditionType.allowed(for: source)
        let listPath = path.appending("Conditions")
        let parsed = list.enumerated().map { index, member in
            parse(member, at: listPath.appending(index), depth: 0, allowed: allowed, problems: &problems)
        }
        return parsed.contains(nil) ? nil : parsed.compactMap { $0 }
    }

    private static func parse(
        _ value: JSONValue, at path: JSONPath, depth: Int, allowed: [ConditionType], problems: inout [ValidationProblem]
    ) -> ActivationCondition? {
        for (key, build) in [("And", ActivationCondition.and), ("Or", ActivationCondition.or)] {
            guard let members = value[key] else { continue }
            return parseGroup(members, at: path.appending(key), depth: depth, allowed: allowed, problems: &problems)
                .map(build)
        }
        return ConditionCheck.parse(value, at: path, allowed: allowed, problems: &problems).map(ActivationCondition.check)
    }

    private static func parseGroup(
        _ members: JSONValue, at path: JSONPath, depth: Int, allowed: [ConditionType], problems: inout [ValidationProblem]
    ) -> [ActivationCondition]? {
        guard let list = members.arrayValue, list.count >= 2 else {
            problems.append(ValidationProblem(path, "And/Or needs an array of at least 2 conditions"))
            return nil
        }
        guard depth < maximumNesting else {
            problems.append(ValidationProblem(path, "nested deeper than A2I's \(maximumNesting) levels of And/Or"))
            return nil
        }
        let parsed = list.enumerated().map { index, member in
            parse(member, at: path.appending(index), depth: depth + 1, allowed: allowed, problems: &problems)
        }
        return parsed.contains(nil) ? nil : parsed.compactMap { $0 }
    }
}

extension ConditionCheck {
    static func parse(
        _ value: JSONValue, at path: JSONPath, allowed: [ConditionType], problems: inout [ValidationProblem]
    ) -> ConditionCheck? {
        guard value.objectValue != nil else {
            problems.append(ValidationProblem(path, "a condition must be an object, not \(value.typeName)"))
            return nil
        }
        guard let typeName = value["ConditionType"]?.stringValue else {
            problems.append(ValidationProblem(path.appending("ConditionType"), "required: a string (or use And / Or)"))
            return nil
        }
        guard let type = ConditionType(rawValue: typeName), allowed.contains(type) else {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            problems.append(ValidationProblem(path.appending("ConditionType"), "\"\(typeName)\" is not allowed here; use one of \(names)"))
            return nil
        }
        let parameters = value["ConditionParameters"] ?? .object([:])
        var reader = ParameterReader(parameters: parameters, path: path.appending("ConditionParameters"))
        let test = reader.test(for: type)
        problems += reader.problems
        return test.map { ConditionCheck(type: typeName, parameters: parameters, test: $0) }
    }
}

/// Reads one condition's `ConditionParameters`, collecting problems.
private struct ParameterReader {
    let parameters: JSONValue
    let path: JSONPath
    var problems: [ValidationProblem] = []

    mutating func test(for type: ConditionType) -> ConditionCheck.Test? {
        guard parameters.objectValue != nil else {
            problems.append(ValidationProblem(path, "ConditionParameters must be an object"))
            return nil
        }
        rejectUnknownParameters(of: type)
        let test: ConditionCheck.Test? =
            switch type {
            case .importantFormKeyConfidenceCheck: formKeyConfidence()
            case .missingImportantFormKey: formKeyNames().map { .missingImportantFormKey(keys: $0) }
            case .moderationLabelConfidenceCheck: moderationLabel()
            case .modelConfidenceCheck: modelConfidence()
            case .sampling: sampling()
            }
        return problems.isEmpty ? test : nil
    }

    private mutating func rejectUnknownParameters(of type: ConditionType) {
        let boundNames = { (prefix: String) in ConfidenceBounds.suffixes.map { prefix + $0 } }
        let known: [String] =
            switch type {
            case .importantFormKeyConfidenceCheck:
                ["ImportantFormKey", "ImportantFormKeyAliases"] + boundNames("KeyValueBlockConfidence") + boundNames("WordBlockConfidence")
            case .missingImportantFormKey: ["ImportantFormKey", "ImportantFormKeyAliases"]
            case .moderationLabelConfidenceCheck: ["ModerationLabelName"] + boundNames("Confidence")
            case .modelConfidenceCheck: ["ConfidencePath"] + boundNames("Confidence")
            case .sampling: ["RandomSamplingPercentage"]
            }
        for key in (parameters.objectValue ?? [:]).keys.sorted() where !known.contains(key) {
            problems.append(ValidationProblem(path.appending(key), "unknown parameter for \(type.rawValue)"))
        }
    }

    private mutating func formKeyConfidence() -> ConditionCheck.Test? {
        let keys = formKeyNames()
        let keyValue = bounds(prefix: "KeyValueBlockConfidence", scale: 100)
        let word = bounds(prefix: "WordBlockConfidence", scale: 100)
        if keyValue.isEmpty && word.isEmpty {
            problems.append(ValidationProblem(path, "give a KeyValueBlockConfidence… or WordBlockConfidence… bound"))
        }
        return keys.map { .importantFormKeyConfidence(keys: $0, keyValueBounds: keyValue, wordBounds: word) }
    }

    private mutating func formKeyNames() -> [String]? {
        guard let key = parameters["ImportantFormKey"]?.stringValue, !key.isEmpty else {
            problems.append(ValidationProblem(path.appending("ImportantFormKey"), "required: a non-empty string"))
            return nil
        }
        guard let aliases = parameters["ImportantFormKeyAliases"] else { return [key] }
        guard let names = aliases.arrayValue?.compactMap(\.stringValue), names.count == aliases.arrayValue?.count else {
            problems.append(ValidationProblem(path.appending("ImportantFormKeyAliases"), "must be an array of strings"))
            return nil
        }
        return [key] + names
    }

    private mutating func moderationLabel() -> ConditionCheck.Test? {
        guard let label = parameters["ModerationLabelName"]?.stringValue, !label.isEmpty else {
            problems.append(ValidationProblem(path.appending("ModerationLabelName"), "required: a label name or \"*\""))
            return nil
        }
        let bounds = requiredBounds(prefix: "Confidence", scale: 100)
        return .moderationLabelConfidence(label: label, bounds: bounds)
    }

    private mutating func modelConfidence() -> ConditionCheck.Test? {
        let bounds = requiredBounds(prefix: "Confidence", scale: nil)
        guard let text = parameters["ConfidencePath"]?.stringValue else {
            problems.append(ValidationProblem(path.appending("ConfidencePath"), "required: a path such as $.prediction.confidence"))
            return nil
        }
        do {
            return .modelConfidence(path: try JSONPath.parse(text), bounds: bounds)
        } catch {
            problems.append(ValidationProblem(path.appending("ConfidencePath"), "\(error)"))
            return nil
        }
    }

    private mutating func sampling() -> ConditionCheck.Test? {
        let key = "RandomSamplingPercentage"
        let lowest = A2IFlowConstraints.minimumSamplingPercentage
        guard let percentage = parameters[key]?.numberValue, percentage >= lowest, percentage <= 100 else {
            problems.append(ValidationProblem(path.appending(key), "required: a number from \(lowest) to 100 (A2I's range)"))
            return nil
        }
        return .sampling(percentage: percentage)
    }

    private mutating func requiredBounds(prefix: String, scale: Double?) -> ConfidenceBounds {
        let result = bounds(prefix: prefix, scale: scale)
        if result.isEmpty { problems.append(ValidationProblem(path, "give at least one \(prefix)… bound")) }
        return result
    }

    /// Reads the five `prefix…` bounds; a bound outside 0...scale (when a scale is given) is a problem.
    private mutating func bounds(prefix: String, scale: Double?) -> ConfidenceBounds {
        var values: [Double?] = []
        for suffix in ConfidenceBounds.suffixes {
            let key = prefix + suffix
            guard let raw = parameters[key] else { values.append(nil); continue }
            guard let number = raw.numberValue, number >= 0, scale.map({ number <= $0 }) ?? true else {
                let range = scale.map { "a number from 0 to \(Int($0))" } ?? "a non-negative number"
                problems.append(ValidationProblem(path.appending(key), "must be \(range)"))
                values.append(nil)
                continue
            }
            values.append(number)
        }
        return ConfidenceBounds(
            lessThan: values[0], lessThanEquals: values[1], greaterThan: values[2], greaterThanEquals: values[3], equals: values[4])
    }
}
