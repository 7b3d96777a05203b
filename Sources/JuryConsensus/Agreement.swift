/// Chance-corrected agreement between reviewers, for a flow or a batch of its items.
///
/// Both statistics are nominal (labels are categories, no order) and accept items with
/// unequal numbers of answers; items with fewer than two answers carry no pairing
/// information and are skipped. Each returns nil when undefined (no pairable item, or
/// every answer is the same label so expected disagreement is zero).
public enum Agreement {
    /// Fleiss' kappa, generalised to unequal numbers of ratings per item:
    /// P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1)); P = mean P_i; p_j = label share over
    /// the pairable items; kappa = (P - Pe) / (1 - Pe) with Pe = sum_j p_j^2.
    public static func fleissKappa(_ m: AnswerMatrix) -> Double? {
        let k = m.labelCount
        var observed = 0.0, items = 0, shares = [Double](repeating: 0, count: k), total = 0.0
        for t in 0..<m.tasks.count {
            let counts = labelCounts(m, task: t), n = Double(m.answers(of: t).count)
            guard n >= 2 else { continue }
            observed += counts.reduce(0) { $0 + $1 * ($1 - 1) } / (n * (n - 1))
            items += 1
            for c in 0..<k { shares[c] += counts[c] }
            total += n
        }
        guard items > 0 else { return nil }
        let expected = shares.reduce(0) { $0 + ($1 / total) * ($1 / total) }
        guard expected < 1 else { return nil }
        return (observed / Double(items) - expected) / (1 - expected)
    }

    /// Krippendorff's alpha for nominal data from the coincidence matrix:
    /// alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k,
    /// where each item with m_u >= 2 answers adds n_uc n_uk / (m_u - 1) to o_ck.
    public static func krippendorffAlpha(_ m: AnswerMatrix) -> Double? {
        let k = m.labelCount
        var disagreement = 0.0, marginals = [Double](repeating: 0, count: k)
        for t in 0..<m.tasks.count {
            let counts = labelCounts(m, task: t), n = Double(m.answers(of: t).count)
            guard n >= 2 else { continue }
            let sum = counts.reduce(0, +), squares = counts.reduce(0) { $0 + $1 * $1 }
            disagreement += (sum * sum - squares) / (n - 1)
            for c in 0..<k { marginals[c] += counts[c] }
        }
        let n = marginals.reduce(0, +)
        let expected = n * n - marginals.reduce(0) { $0 + $1 * $1 }
        guard n > 1, expected > 0 else { return nil }
        return 1 - (n - 1) * disagreement / expected
    }

    /// Number of answers per label for task `t`.
    static func labelCounts(_ m: AnswerMatrix, task t: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: m.labelCount)
        for a in m.answers(of: t) { counts[m.label(a)] += 1 }
        return counts
    }
}

/// Agreement figures for a set of answers, ready for a dashboard or the consensus block.
public struct AgreementSummary: Sendable, Equatable, Codable {
    /// Fleiss' kappa, nil when undefined.
    public var fleissKappa: Double?
    /// Krippendorff's alpha (nominal), nil when undefined.
    public var krippendorffAlpha: Double?
    /// Items with at least two answers.
    public var pairableItems: Int
    /// All answers counted.
    public var answers: Int

    /// Computes both statistics over `answers` (one flow, or one batch).
    public init(_ answers: [Answer]) {
        let m = AnswerMatrix(answers)
        fleissKappa = Agreement.fleissKappa(m)
        krippendorffAlpha = Agreement.krippendorffAlpha(m)
        pairableItems = m.tasks.indices.filter { m.answers(of: $0).count >= 2 }.count
        self.answers = m.answerCount
    }
}
