import JuryConsensus
import JuryJSON

/// Reads `Jury.Consensus`: `{"Method": "ds", "TieBreaker": "unresolved" | "category-order",
/// "Escalation": {"Threshold": 0.7, "MaxExtraReviewers": 2, "MinAnswers": 2}, "MaxIterations": 500,
/// "Tolerance": 0.001, "Bayesian": {"Groups": 10, "ClassPrior": 1, "GroupPrior": 0.1, "DiagonalPrior": 4,
/// "OffDiagonalPrior": 1, "EmpiricalPrior": true, "Starts": 40, "Seed": 1234}}`.
struct ConsensusSettingsReader {
    let block: JSONValue
    let path: JSONPath
    var problems: [ValidationProblem] = []

    mutating func read(defaultThreshold: Double) -> ConsensusSettings {
        guard block.objectValue != nil else {
            problems.append(ValidationProblem(path, "must be an object"))
            return .standard
        }
        problems += ValidationProblem.unknownKeys(
            in: block, at: path, known: ["Method", "TieBreaker", "Escalation", "MaxIterations", "Tolerance", "Bayesian"],
            kind: "consensus setting")
        var settings = ConsensusSettings(method: method(), breakTiesByCategoryOrder: tieBreaker(), escalation: escalation(defaultThreshold))
        settings.maxIterations = integer(block["MaxIterations"], at: path.appending("MaxIterations"), minimum: 1)
        settings.tolerance = number(block["Tolerance"], at: path.appending("Tolerance"), positive: false)
        settings.bayesian = bayesian()
        return settings
    }

    /// `Bayesian`: the ibcc and ebcc hyperparameters; absent keys keep the authors' defaults.
    private mutating func bayesian() -> BayesianCombinationOptions {
        var options = BayesianCombinationOptions()
        guard let raw = block["Bayesian"] else { return options }
        let at = path.appending("Bayesian")
        guard raw.objectValue != nil else {
            problems.append(ValidationProblem(at, "must be an object"))
            return options
        }
        problems += ValidationProblem.unknownKeys(
            in: raw, at: at, known: ["Groups", "ClassPrior", "GroupPrior", "DiagonalPrior", "OffDiagonalPrior", "EmpiricalPrior", "Starts", "Seed"],
            kind: "Bayesian setting")
        options.groups = integer(raw["Groups"], at: at.appending("Groups"), minimum: 1) ?? options.groups
        options.starts = integer(raw["Starts"], at: at.appending("Starts"), minimum: 1) ?? options.starts
        options.seed = integer(raw["Seed"], at: at.appending("Seed"), minimum: 0).map(UInt64.init) ?? options.seed
        options.classPrior = number(raw["ClassPrior"], at: at.appending("ClassPrior"), positive: true) ?? options.classPrior
        options.groupPrior = number(raw["GroupPrior"], at: at.appending("GroupPrior"), positive: true) ?? options.groupPrior
        options.diagonalPrior = number(raw["DiagonalPrior"], at: at.appending("DiagonalPrior"), positive: true) ?? options.diagonalPrior
        options.offDiagonalPrior = number(raw["OffDiagonalPrior"], at: at.appending("OffDiagonalPrior"), positive: true)
            ?? options.offDiagonalPrior
        if let flag = raw["EmpiricalPrior"] {
            if let value = flag.boolValue { options.empiricalClassPrior = value } else {
                problems.append(ValidationProblem(at.appending("EmpiricalPrior"), "must be true or false"))
            }
        }
        return options
    }

    /// An integer of at least `minimum` (below 2^53), or nil (with a problem unless absent).
    private mutating func integer(_ raw: JSONValue?, at path: JSONPath, minimum: Int) -> Int? {
        guard let raw else { return nil }
        guard let value = raw.numberValue, value == value.rounded(), value >= Double(minimum), value < 0x1p53 else {
            problems.append(ValidationProblem(path, "must be an integer of at least \(minimum)"))
            return nil
        }
        return Int(value)
    }

    /// A finite number, > 0 when `positive` else >= 0, or nil (with a problem unless absent).
    private mutating func number(_ raw: JSONValue?, at path: JSONPath, positive: Bool) -> Double? {
        guard let raw else { return nil }
        guard let value = raw.numberValue, value.isFinite, positive ? value > 0 : value >= 0 else {
            problems.append(ValidationProblem(path, positive ? "must be a number above 0" : "must be a number of at least 0"))
            return nil
        }
        return value
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
