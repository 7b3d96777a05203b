/// How one reviewer compares with the consensus and, where known, with gold answers.
public struct ReviewerReport: Sendable, Equatable, Codable {
    /// Reviewer id.
    public var reviewer: String
    /// Answers given.
    public var answers: Int
    /// Share of answers equal to the consensus label (answers to items with a consensus).
    public var agreementWithConsensus: Double?
    /// Share of answers equal to the gold label, over items with gold; nil without gold.
    public var accuracyAgainstGold: Double?
    /// Answers to items with gold.
    public var goldAnswers: Int
    /// `confusion[reference][given]` answer counts in `ReviewerQuality` label order; the
    /// reference is gold where known, else the consensus.
    public var confusion: [[Int]]
}

/// Per-reviewer quality figures for the lead dashboard.
public enum ReviewerQuality {
    /// One report per reviewer, sorted by reviewer id.
    ///
    /// - Parameters:
    ///   - answers: the reviewers' answers.
    ///   - consensus: consensus label per item id.
    ///   - gold: gold label per item id (may be empty).
    ///   - labels: the label order of the confusion matrices; labels met in the data but
    ///     not listed are appended in order of first appearance.
    public static func reports(answers: [Answer], consensus: [String: String],
                               gold: [String: String] = [:], labels: [String] = []) -> [ReviewerReport] {
        let order = labelOrder(answers: answers, consensus: consensus, gold: gold, declared: labels)
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var reports: [String: ReviewerReport] = [:]
        var agreed: [String: (hits: Int, seen: Int)] = [:], correct: [String: Int] = [:]
        for answer in answers {
            var report = reports[answer.worker] ?? empty(answer.worker, size: order.count)
            report.answers += 1
            if let truth = consensus[answer.task] {
                agreed[answer.worker, default: (0, 0)].seen += 1
                if truth == answer.label { agreed[answer.worker]!.hits += 1 }
            }
            if let truth = gold[answer.task] {
                report.goldAnswers += 1
                if truth == answer.label { correct[answer.worker, default: 0] += 1 }
            }
            if let reference = gold[answer.task] ?? consensus[answer.task] {
                report.confusion[index[reference]!][index[answer.label]!] += 1
            }
            reports[answer.worker] = report
        }
        return reports.values.map { finish($0, agreed: agreed[$0.reviewer], correct: correct[$0.reviewer] ?? 0) }
            .sorted { $0.reviewer < $1.reviewer }
    }

    /// The label order: declared labels, then others by first appearance.
    static func labelOrder(answers: [Answer], consensus: [String: String], gold: [String: String],
                           declared: [String]) -> [String] {
        var order = declared, seen = Set(declared)
        let extra = answers.map(\.label) + consensus.keys.sorted().compactMap { consensus[$0] }
            + gold.keys.sorted().compactMap { gold[$0] }
        for label in extra where seen.insert(label).inserted { order.append(label) }
        return order
    }

    static func empty(_ reviewer: String, size: Int) -> ReviewerReport {
        ReviewerReport(reviewer: reviewer, answers: 0, agreementWithConsensus: nil,
                       accuracyAgainstGold: nil, goldAnswers: 0,
                       confusion: Array(repeating: Array(repeating: 0, count: size), count: size))
    }

    static func finish(_ report: ReviewerReport, agreed: (hits: Int, seen: Int)?, correct: Int) -> ReviewerReport {
        var out = report
        if let agreed, agreed.seen > 0 { out.agreementWithConsensus = Double(agreed.hits) / Double(agreed.seen) }
        if report.goldAnswers > 0 { out.accuracyAgainstGold = Double(correct) / Double(report.goldAnswers) }
        return out
    }
}
