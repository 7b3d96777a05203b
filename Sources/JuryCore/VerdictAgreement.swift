import JuryConsensus
import JuryJSON

/// How one verdict of a completed loop compares with the loop's consensus.
struct VerdictAgreement: Sendable {
    let reviewer: String
    /// A categorical reading of the answer (a classification label, a moderation label set), for kappa.
    let category: String?
    /// How far the answer matches the consensus, 0-1 (forms: the share of fields that match).
    let agreement: Double?
}

extension VerdictAgreement {
    /// An unresolved consensus (a tie, a conflict) counts neither for nor against the reviewer: `agreement` is
    /// nil; so does an answer not of the flow's shape, which has no `category` either.
    init(reviewer: String, answer: JSONValue, consensus: JSONValue?, flow: FlowDefinition) {
        self.reviewer = reviewer
        let consensus = consensus?["unresolved"] == true ? nil : consensus
        let given = try? ReviewAnswer(shapeOf: answer, flow: flow)
        switch given?.body {
        case .categories(let labels)?:
            let names = labels.sorted()
            category = Self.setCategory(names)
            agreement = consensus?["labelSet"]?.arrayValue.map { $0.compactMap(\.stringValue).sorted() == names ? 1 : 0 }
        case .category(let label)?:
            category = label
            agreement = Self.match(label, consensus?["value"]?.stringValue)
        case .moderationLabels(let labels)?:
            let names = labels.map(\.name).sorted()
            category = Self.setCategory(names)
            let agreed = consensus?["labelSet"]?.arrayValue?.compactMap(\.stringValue).sorted()
            agreement = agreed.map { $0 == names ? 1 : 0 }
        case .freeText(_, let text)?, .namedField(let text)?:
            category = nil
            agreement = Self.match(text, consensus?["value"]?.stringValue)
        case .formBlocks?:
            category = nil
            agreement = Self.formAgreement(given?.formPairs ?? [], consensus?["fields"])
        case nil:
            (category, agreement) = (nil, nil)
        }
    }

    /// A label set as one category: its sorted names joined by "+", "(none)" when empty.
    private static func setCategory(_ sortedNames: [String]) -> String {
        sortedNames.isEmpty ? "(none)" : sortedNames.joined(separator: "+")
    }

    private static func match(_ answer: String?, _ consensus: String?) -> Double? {
        guard let answer, let consensus else { return nil }
        return answer == consensus ? 1 : 0
    }

    /// The share of consensus fields whose normalised value the reviewer gave (a missing key counts as given
    /// when the consensus says the key is missing).
    private static func formAgreement(_ pairs: [FormAnswer.Pair], _ fields: JSONValue?) -> Double? {
        guard let decisions = fields?.objectValue, !decisions.isEmpty else { return nil }
        let given = Dictionary(pairs.map { ($0.fieldId, $0.value) }, uniquingKeysWith: { first, _ in first })
        let normalizer = ValueNormalizer()
        let matches = decisions.filter { key, decision in
            normalizer.normalize(given[key]).key == decision["normalized"]?.stringValue
        }
        return Double(matches.count) / Double(decisions.count)
    }
}
