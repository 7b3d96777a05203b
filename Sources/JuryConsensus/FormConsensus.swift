/// One reviewer's filled form for one document: field (a name, or an id such as Textract's KEY block
/// id) to value. A field absent from `fields` (or blank) is a "key missing" vote.
public struct FormAnswer: Sendable, Hashable, Codable {
    public var worker: String
    public var task: String
    public var fields: [String: String]

    /// Creates a form answer.
    public init(worker: String, task: String, fields: [String: String]) {
        self.worker = worker
        self.task = task
        self.fields = fields
    }
}

/// The consensus for one document.
public struct FormConsensus: Sendable, Equatable {
    /// Item id.
    public var task: String
    /// Decision per field (every field any reviewer filled, plus the declared ones).
    public var fields: [String: FieldDecision]
    /// Forms received.
    public var answers: Int
    /// The weakest field's confidence (1 when there are no fields).
    public var confidence: Double { fields.values.map(\.confidence).min() ?? 1 }
    /// `.tie` when any field is tied.
    public var unresolved: UnresolvedReason? {
        fields.values.contains { $0.unresolved != nil } ? .tie : nil
    }
}

/// Document forms: per field, group the reviewers' values by normalised meaning and take
/// the biggest group (a plurality vote, one vote per reviewer).
///
/// Numbers join a group when within `numberTolerance` of the group's first number
/// (groups are formed in increasing order). "Key missing" is a group like any other. The
/// output keeps the most common original spelling of the winning group (first seen on a
/// tie). Two groups with the most votes leave the field unresolved (`.tie`); the earlier
/// group (by first answer) is reported.
public struct FormAggregator: Sendable {
    /// Fields every form has, even if no reviewer filled them.
    public var fields: [String]
    /// The key text of fields named by an id, copied into their decisions (`FieldDecision.key`).
    public var keyTexts: [String: String]
    /// Largest absolute difference at which two numbers agree (default 0.005).
    public var numberTolerance: Double
    /// How values are normalised.
    public var normalizer: ValueNormalizer

    /// Creates an aggregator.
    public init(fields: [String] = [], keyTexts: [String: String] = [:], numberTolerance: Double = 0.005,
                normalizer: ValueNormalizer = ValueNormalizer()) {
        self.fields = fields
        self.keyTexts = keyTexts
        self.numberTolerance = numberTolerance
        self.normalizer = normalizer
    }

    /// One consensus per document, in order of first answer.
    public func aggregate(_ answers: [FormAnswer]) -> [FormConsensus] {
        groupedByTask(answers, task: \.task).map { consensus(task: $0.task, forms: $0.answers) }
    }

    /// The consensus of one document's forms.
    func consensus(task: String, forms: [FormAnswer]) -> FormConsensus {
        var names = fields, seen = Set(fields)
        for form in forms {
            for name in form.fields.keys.sorted() where seen.insert(name).inserted { names.append(name) }
        }
        let decisions = names.map { name in
            var decision = decide(forms.map { $0.fields[name] })
            decision.key = keyTexts[name]
            return (name, decision)
        }
        return FormConsensus(task: task, fields: Dictionary(uniqueKeysWithValues: decisions),
                             answers: forms.count)
    }

    /// The decision for one field from each reviewer's raw value (nil = missing).
    public func decide(_ values: [String?]) -> FieldDecision {
        let groups = group(values.map { (raw: $0, value: normalizer.normalize($0)) })
        let top = groups.map(\.members.count).max() ?? 0
        let winners = groups.filter { $0.members.count == top }
        let winner = winners[0]
        return FieldDecision(
            value: spelling(winner.members.sorted().map { values[$0] }), normalized: winner.key,
            confidence: ConsensusBlock.rounded(Double(top) / Double(max(values.count, 1))),
            votes: top, unresolved: winners.count > 1 ? .tie : nil)
    }

    /// A group of agreeing answers: its key, first value, member answer indices, first index.
    struct Group {
        var key: String
        var anchor: NormalizedValue
        var members: [Int]
        var firstAnswer: Int
    }

    /// Groups answers by normalised value; numbers are visited first, in increasing order (equal
    /// ones in answer order), so a group spans at most `numberTolerance` from its smallest number.
    /// Groups come back in order of their first answer.
    func group(_ items: [(raw: String?, value: NormalizedValue)]) -> [Group] {
        let visit = items.indices.sorted { i, j in
            switch (items[i].value, items[j].value) {
            case (.number(let a), .number(let b)): a != b ? a < b : i < j
            case (.number, _): true
            case (_, .number): false
            default: i < j
            }
        }
        var groups: [Group] = []
        for i in visit {
            if let g = groups.firstIndex(where: { agree($0.anchor, items[i].value) }) {
                groups[g].members.append(i)
                groups[g].firstAnswer = min(groups[g].firstAnswer, i)
            } else {
                groups.append(Group(key: items[i].value.key, anchor: items[i].value,
                                    members: [i], firstAnswer: i))
            }
        }
        return groups.sorted { $0.firstAnswer < $1.firstAnswer }
    }

    /// Whether two normalised values agree (numbers within the tolerance).
    func agree(_ a: NormalizedValue, _ b: NormalizedValue) -> Bool {
        if case .number(let x) = a, case .number(let y) = b { return abs(x - y) <= numberTolerance }
        return a == b
    }

    /// The most common original spelling (first seen on a tie); nil for a missing key.
    func spelling(_ members: [String?]) -> String? {
        let present = members.compactMap { $0 }.filter { !ValueNormalizer.cleanText($0).isEmpty }
        var counts: [String: Int] = [:]
        for raw in present { counts[raw, default: 0] += 1 }
        var best: String?
        for raw in present where best == nil || counts[raw]! > counts[best!]! { best = raw }
        return best
    }
}

extension ConsensusBlock {
    /// The block for a document form consensus; `fields` holds every field's decision.
    public static func form(_ item: FormConsensus, policy: EscalationPolicy? = nil,
                            extraReviewers: Int = 0) -> ConsensusBlock {
        let agreement = item.fields.isEmpty ? 1
            : item.fields.keys.sorted().map { item.fields[$0]!.confidence }.reduce(0, +) / Double(item.fields.count)
        var block = ConsensusBlock(
            taskType: .form, method: "normalized-plurality", fields: item.fields,
            confidence: rounded(item.confidence), unresolved: false,
            agreement: rounded(agreement), answers: item.answers)
        block.applyPolicy(policy, extraReviewers: extraReviewers, known: item.unresolved)
        return block
    }
}
