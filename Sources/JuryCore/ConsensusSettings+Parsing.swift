import JuryConsensus

/// Reads `Jury.Consensus`: `{"Method": "ds", "TieBreaker": "unresolved" | "category-order",
/// "Escalation": {"Threshold": 0.7, "MaxExtraReviewers": 2, "MinAnswers": 2}}`.
struct ConsensusSettingsReader {
    let block: JSONValue
    let path: JSONPath
    var problems: [ValidationProblem] = []

    mutating func read(defaultThreshold: Double) -> ConsensusSettings {
        guard block.objectValue != nil else {
            problems.append(ValidationProblem(path, "must be an object"))
            return .standard
        }
        problems += ValidationProblem.unknownKeys(in: block, at: path, known: ["Method", "TieBreaker", "Escalation"],
                                                  kind: "consensus setting")
        return ConsensusSettings(method: method(), breakTiesByCategoryOrder: tieBreaker(), escalation: escalation(defaultThreshold))
    }

    private mutating func method() -> String {
        guard let raw = block["Method"] else { return ConsensusSettings.standard.method }
        let names = AggregationMethod.allCases.map(\.rawValue)
        guard let name = raw.stringValue, names.contains(name) else {
            problems.append(ValidationProblem(path.appending("Method"), "must be one of \(names.joined(separator: ", "))"))
            return ConsensusSettings.standard.method
        }
        return name
    }

    private mutating func tieBreaker() -> Bool {
        guard let raw = block["TieBreaker"] else { return false }
        guard let name = raw.stringValue, ["unresolved", "category-order"].contains(name) else {
            problems.append(ValidationProblem(path.appending("TieBreaker"), "must be unresolved or category-order"))
            return false
        }
        return name == "category-order"
    }

    private mutating func escalation(_ defaultThreshold: Double) -> ConsensusSettings.Escalation? {
        guard let raw = block["Escalation"] else { return nil }
        let escalationPath = path.appending("Escalation")
        let threshold = raw["Threshold"]?.numberValue ?? defaultThreshold
        let extra = raw["MaxExtraReviewers"]?.numberValue ?? 1
        let minimum = raw["MinAnswers"]?.numberValue ?? 1
        if !(0...1).contains(threshold) { problems.append(ValidationProblem(escalationPath.appending("Threshold"), "must be from 0 to 1")) }
        if !(0...10).contains(extra) || extra != extra.rounded() {
            problems.append(ValidationProblem(escalationPath.appending("MaxExtraReviewers"), "must be an integer from 0 to 10"))
        }
        if minimum < 1 || minimum != minimum.rounded() {
            problems.append(ValidationProblem(escalationPath.appending("MinAnswers"), "must be an integer of at least 1"))
        }
        problems += ValidationProblem.unknownKeys(in: raw, at: escalationPath, known: ["Threshold", "MaxExtraReviewers", "MinAnswers"],
                                                  kind: "escalation setting")
        return ConsensusSettings.Escalation(threshold: threshold, maxExtraReviewers: Int(extra), minAnswers: Int(minimum))
    }
}
