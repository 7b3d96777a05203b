import Foundation

/// Majority vote and the methods built on weighted votes (wmv, Wawa, ZeroBasedSkill).
///
/// All follow Crowd-Kit 1.4.2: confidence is the label's share of the (weighted) votes and a
/// reviewer's skill is their share of answers equal to the resulting labels.
enum VoteMethods {
    /// Plain majority vote.
    static func majority(_ m: AnswerMatrix) -> MethodFit {
        finish(m, shares: m.voteShares(), weights: nil, iterations: 0)
    }

    /// Weighted majority vote with weight `max(0, ln((K-1) a / (1-a)))`, a clipped to
    /// [0.01, 0.99]: the optimal weight for a reviewer of accuracy a (Nitzan & Paroush).
    /// `a` is the stored prior accuracy, else the accuracy against plain majority vote.
    static func weighted(_ m: AnswerMatrix, prior: ReviewerSkills?) -> MethodFit {
        let accuracy = skills(m, prior: prior)
        let weights = accuracy.map { logOdds($0, classes: m.labelCount) }
        return finish(m, shares: m.voteShares(weights: weights), weights: nil, iterations: 0)
    }

    /// Wawa: majority vote weighted by accuracy against plain majority vote (or the prior).
    static func wawa(_ m: AnswerMatrix, prior: ReviewerSkills?) -> MethodFit {
        let weights = skills(m, prior: prior)
        return finish(m, shares: m.voteShares(weights: weights), weights: weights, iterations: 0)
    }

    /// ZeroBasedSkill: skills start at 1/K + 1e-5 (or the prior) and move toward accuracy
    /// against the weighted vote by a rate that starts at 1 and halves every 20 steps.
    static func zeroBasedSkill(_ m: AnswerMatrix, prior: ReviewerSkills?,
                               iterations: Int) -> MethodFit {
        let start = 1 / Double(m.labelCount) + 1e-5
        var skills = prior?.accuracies(for: m).map { $0 ?? start }
            ?? Array(repeating: start, count: m.workers.count)
        var rate = 1.0
        for step in stride(from: 1, through: iterations, by: 1) {
            if step % 20 == 0 { rate *= 0.5 }
            let labels = argmaxLabels(m.voteShares(weights: skills))
            let accuracy = m.accuracy(against: labels)
            for w in skills.indices { skills[w] += rate * ((accuracy[w] ?? skills[w]) - skills[w]) }
        }
        return finish(m, shares: m.voteShares(weights: skills), weights: skills,
                      iterations: iterations)
    }

    /// Accuracy against plain majority vote, replaced by the prior where one is stored.
    static func skills(_ m: AnswerMatrix, prior: ReviewerSkills?) -> [Double] {
        let measured = m.accuracy(against: argmaxLabels(m.voteShares()))
        let stored = prior?.accuracies(for: m) ?? Array(repeating: nil, count: m.workers.count)
        return zip(stored, measured).map { $0 ?? $1 ?? 0 }
    }

    /// Log-odds vote weight of a reviewer with accuracy `a` among `classes` labels.
    static func logOdds(_ a: Double, classes: Int) -> Double {
        guard classes > 1 else { return 1 }
        let clipped = min(max(a, 0.01), 0.99)
        return max(0, log(Double(classes - 1) * clipped / (1 - clipped)))
    }

    /// The first top label of every row.
    static func argmaxLabels(_ table: ProbabilityTable) -> [Int?] {
        (0..<table.rows).map { table.argmax($0) }
    }

    /// Packs shares and skills; skill = given weight, else accuracy against the result.
    static func finish(_ m: AnswerMatrix, shares: ProbabilityTable, weights: [Double]?,
                       iterations: Int) -> MethodFit {
        let skill = weights ?? m.accuracy(against: argmaxLabels(shares)).map { $0 ?? 0 }
        let counts = m.answersPerWorker()
        let skills = m.workers.indices.map { w in
            ReviewerSkill(accuracy: skill[w], answers: counts[w])
        }
        return MethodFit(probabilities: shares, skills: skills, iterations: iterations)
    }
}
