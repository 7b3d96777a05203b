import JuryCore
import JuryJSON

/// What the activation results (`humanTaskActivationConditionResults`) say about a task: the form keys
/// and labels that made a condition hold (`JuryMatches`), and the important keys a
/// `MissingImportantFormKey` condition asked for.
struct ActivationMarks: Equatable {
    /// Keys (as Textract read them) and label names named by conditions that held.
    var matches: Set<String> = []
    /// Important keys with their aliases, from every `MissingImportantFormKey` condition.
    var importantKeys: [(name: String, aliases: [String])] = []

    init(results: JSONValue) {
        visit(results, holds: true)
    }

    static func == (a: ActivationMarks, b: ActivationMarks) -> Bool {
        a.matches == b.matches && a.importantKeys.map(\.name) == b.importantKeys.map(\.name)
    }

    private mutating func visit(_ node: JSONValue, holds: Bool) {
        if let list = node.arrayValue {
            for element in list { visit(element, holds: holds) }
            return
        }
        guard let members = node.objectValue else { return }
        let held = holds && members["EvaluationResult"]?.boolValue != false
        if held { matches.formUnion((members["JuryMatches"]?.arrayValue ?? []).compactMap(\.stringValue)) }
        if members["ConditionType"]?.stringValue == "MissingImportantFormKey" { noteImportantKey(members["ConditionParameters"]) }
        for key in ["Conditions", "And", "Or"] { visit(members[key] ?? .null, holds: held) }
    }

    private mutating func noteImportantKey(_ parameters: JSONValue?) {
        guard let name = parameters?["ImportantFormKey"]?.stringValue, !importantKeys.contains(where: { $0.name == name }) else { return }
        importantKeys.append((name, (parameters?["ImportantFormKeyAliases"]?.arrayValue ?? []).compactMap(\.stringValue)))
    }

    /// Adds `names` (a worker template's `keys`) to the important keys, those not there already.
    mutating func addImportantKeys(_ names: [String]) {
        for name in names where !importantKeys.contains(where: { Self.fold($0.name) == Self.fold(name) }) { importantKeys.append((name, [])) }
    }

    /// The important keys none of whose names matches a key in `keys` (case and spacing folded, as the engine matches).
    func missingKeys(among keys: [String]) -> [(name: String, aliases: [String])] {
        let folded = Set(keys.map(Self.fold))
        return importantKeys.filter { key in !([key.name] + key.aliases).contains { folded.contains(Self.fold($0)) } }
    }

    static func fold(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
