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
    /// An unresolved consensus (a tie, a conflict) counts neither for nor against the reviewer: `agreement` is nil.
    init(reviewer: String, answer: JSONValue, consensus: JSONValue?, flow: FlowDefinition) {
        self.reviewer = reviewer
        let body = answer[AnswerContent.mainKey(for: flow)]
        let consensus = consensus?["unresolved"] == true ? nil : consensus
        switch flow.taskType {
        case .classification where body?["labels"] != nil:
            let names = (body?["labels"]?.arrayValue ?? []).compactMap(\.stringValue).sorted()
            category = names.isEmpty ? "(none)" : names.joined(separator: "+")
            agreement = consensus?["labelSet"]?.arrayValue.map { $0.compactMap(\.stringValue).sorted() == names ? 1 : 0 }
        case .classification:
            category = body?["label"]?.stringValue
            agreement = Self.match(category, consensus?["value"]?.stringValue)
        case .imageModeration:
            let names = (body?["moderationLabels"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }.sorted()
            category = names.isEmpty ? "(none)" : names.joined(separator: "+")
            let agreed = consensus?["labelSet"]?.arrayValue?.compactMap(\.stringValue).sorted()
            agreement = agreed.map { $0 == names ? 1 : 0 }
        case .freeText:
            category = nil
            agreement = Self.match(body?.stringValue ?? body?["text"]?.stringValue, consensus?["value"]?.stringValue)
        case .documentForm:
            category = nil
            agreement = Self.formAgreement(FormAnswer.pairs(inBlocks: body?["blocks"]?.arrayValue ?? []), consensus?["fields"])
        }
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
