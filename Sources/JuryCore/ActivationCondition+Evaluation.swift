import JuryJSON

/// What a flow's activation conditions are evaluated against.
public struct ActivationEvidence: Sendable {
    /// The loop's input content (for AWS flows it holds `aiServiceResponse`).
    public let inputContent: JSONValue
    public let formFields: [FormField]
    public let moderationLabels: [ModerationLabel]
    /// Identifies the request: the same key always gives the same `Sampling` result.
    public let samplingKey: String

    public init(inputContent: JSONValue, source: RequestSource?, samplingKey: String) {
        self.inputContent = inputContent
        let response = inputContent["aiServiceResponse"] ?? .null
        formFields = source == .textractForms ? TextractForm.fields(in: response) : []
        moderationLabels = source == .rekognitionModeration ? ModerationLabel.labels(in: response) : []
        self.samplingKey = samplingKey
    }
}

/// The outcome of evaluating a flow's conditions on one prediction.
public struct ActivationOutcome: Sendable, Equatable {
    /// True when any top-level condition holds: a human loop is needed.
    public let startsHumanLoop: Bool
    /// A2I's `humanTaskActivationConditionResults`: the conditions echoed with `EvaluationResult` on every
    /// node, plus Jury's `JuryReason` and `JuryMatches` on each simple condition.
    public let results: JSONValue
    /// One sentence per simple condition that held, in order.
    public let reasons: [String]
    /// Form keys (as Textract read them) and label names that made a condition hold.
    public let matchedItems: [String]
}

extension FlowDefinition {
    /// Evaluates the flow's conditions; a flow without conditions always starts a loop (A2I's custom-task behaviour).
    public func evaluateActivation(_ evidence: ActivationEvidence) -> ActivationOutcome {
        guard let conditions = activationConditions else {
            return ActivationOutcome(
                startsHumanLoop: true, results: .object(["Conditions": .array([])]),
                reasons: ["the flow has no activation conditions: every request gets a human loop"], matchedItems: [])
        }
        let nodes = conditions.enumerated().map { index, condition in
            condition.evaluate(evidence, position: "\(index)")
        }
        return ActivationOutcome(
            startsHumanLoop: nodes.contains { $0.holds },
            results: .object(["Conditions": .array(nodes.map(\.json))]),
            reasons: nodes.filter(\.holds).flatMap(\.reasons),
            matchedItems: nodes.filter(\.holds).flatMap(\.matches)
        )
    }
}

/// One evaluated node of the condition tree.
struct EvaluatedCondition {
    let holds: Bool
    let json: JSONValue
    let reasons: [String]
    let matches: [String]
}

extension ActivationCondition {
    /// Evaluates every member (A2I evaluates all conditions even after one holds).
    func evaluate(_ evidence: ActivationEvidence, position: String) -> EvaluatedCondition {
        switch self {
        case .check(let check):
            return check.evaluate(evidence, position: position)
        case .and(let members), .or(let members):
            let isAnd = if case .and = self { true } else { false }
            let nodes = members.enumerated().map { $1.evaluate(evidence, position: "\(position).\($0)") }
            let holds = isAnd ? nodes.allSatisfy(\.holds) : nodes.contains(where: \.holds)
            let contributing = holds ? nodes.filter(\.holds) : []
            return EvaluatedCondition(
                holds: holds,
                json: .object([isAnd ? "And" : "Or": .array(nodes.map(\.json)), "EvaluationResult": .bool(holds)]),
                reasons: contributing.flatMap(\.reasons),
                matches: contributing.flatMap(\.matches))
        }
    }
}

extension ConditionCheck {
    func evaluate(_ evidence: ActivationEvidence, position: String) -> EvaluatedCondition {
        let (holds, reason, matches) = outcome(evidence, position: position)
        var json: [String: JSONValue] = [
            "ConditionType": .string(type), "ConditionParameters": parameters,
            "EvaluationResult": .bool(holds), "JuryReason": .string(reason),
        ]
        if !matches.isEmpty { json["JuryMatches"] = .array(matches.map(JSONValue.string)) }
        return EvaluatedCondition(holds: holds, json: .object(json), reasons: holds ? ["\(type): \(reason)"] : [], matches: matches)
    }

    private func outcome(_ evidence: ActivationEvidence, position: String) -> (Bool, String, [String]) {
        switch test {
        case .importantFormKeyConfidence(let keys, let keyValueBounds, let wordBounds):
            return FormKeyMatching.confidenceCheck(keys, keyValueBounds, wordBounds, evidence.formFields)
        case .missingImportantFormKey(let keys):
            let found = evidence.formFields.first { FormKeyMatching.matches($0.key, keys) }
            return found.map { (false, "found key \"\($0.key)\"", []) } ?? (true, "no key named \(FormKeyMatching.list(keys))", [keys[0]])
        case .moderationLabelConfidence(let label, let bounds):
            let hits = evidence.moderationLabels.filter { (label == "*" || $0.name == label) && bounds.contains($0.confidence) }
            let detail = hits.map { "\($0.name) \(formatConfidence($0.confidence))" }.joined(separator: ", ")
            return hits.isEmpty
                ? (false, "no label \(label == "*" ? "" : "\"\(label)\" ")with confidence \(bounds.summary)", [])
                : (true, "\(detail) (confidence \(bounds.summary))", hits.map(\.name))
        case .modelConfidence(let path, let bounds):
            let values = path.values(in: evidence.inputContent).compactMap(\.numberValue)
            guard !values.isEmpty else { return (false, "no number at \(path)", []) }
            let hits = values.filter(bounds.contains)
            let shown = values.map(formatConfidence).joined(separator: ", ")
            return hits.isEmpty ? (false, "\(path) = \(shown), not \(bounds.summary)", []) : (true, "\(path) = \(shown), \(bounds.summary)", [])
        case .sampling(let percentage):
            let draw = SamplingDraw.percentile(of: evidence.samplingKey + "#" + position)
            let rate = "\(formatConfidence(percentage)) %"
            return draw < percentage ? (true, "draw \(formatConfidence(draw)) below \(rate)", [])
                : (false, "draw \(formatConfidence(draw)), not below \(rate)", [])
        }
    }
}

/// How A2I-style form keys are matched against what Textract read.
enum FormKeyMatching {
    /// Whole-string match after folding case and runs of white space; punctuation counts ("Total:" is not "Total").
    /// "*" matches every key.
    static func matches(_ key: String, _ names: [String]) -> Bool {
        let folded = fold(key)
        return names.contains { $0 == "*" || fold($0) == folded }
    }

    static func fold(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    static func list(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: " / ")
    }

    /// A field matches when its key matches and either bound set given holds: the key-value confidence, or
    /// any one word's confidence. (A2I's output shows the two bounds acting as alternatives.)
    static func confidenceCheck(
        _ names: [String], _ keyValue: ConfidenceBounds, _ word: ConfidenceBounds, _ fields: [FormField]
    ) -> (Bool, String, [String]) {
        let candidates = fields.filter { matches($0.key, names) }
        guard !candidates.isEmpty else { return (false, "no key named \(list(names))", []) }
        let hits = candidates.compactMap { field -> String? in
            if !keyValue.isEmpty && keyValue.contains(field.confidence) {
                return "\"\(field.key)\" key-value confidence \(formatConfidence(field.confidence)) \(keyValue.summary)"
            }
            if !word.isEmpty, let low = field.wordConfidences.first(where: word.contains) {
                return "\"\(field.key)\" word confidence \(formatConfidence(low)) \(word.summary)"
            }
            return nil
        }
        guard !hits.isEmpty else { return (false, "\(list(names)) confidences outside the bounds", []) }
        let matched = candidates.filter { field in hits.contains { $0.hasPrefix("\"\(field.key)\"") } }
        return (true, hits.joined(separator: "; "), matched.map(\.key))
    }
}

/// A deterministic draw in 0..<100 from a string (FNV-1a, then mixed), so sampling is repeatable per request.
enum SamplingDraw {
    static func percentile(of key: String) -> Double {
        var hash = ContentHash.of(key)
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return Double(hash % 10_000) / 100
    }
}
