/// One-coin Dawid-Skene, as in Crowd-Kit 1.4.2: each reviewer is right with probability s
/// and otherwise picks one of the K-1 wrong labels uniformly.
///
/// Skill s = mean posterior of the reviewer's own answers; error entries are clipped to
/// [1e-10, 1 - 1e-10]. Same start, priors and stopping rule as `DawidSkene`.
enum OneCoinDawidSkene {
    /// Fits the model; a stored prior accuracy replaces a reviewer's first skill estimate.
    static func fit(_ m: AnswerMatrix, prior: ReviewerSkills?, maxIterations: Int,
                    tolerance: Double) -> MethodFit {
        let counts = m.answersPerWorker()
        let start = m.voteShares()
        var skills = coins(m, posterior: start, counts: counts)
        if let stored = prior?.accuracies(for: m) {
            skills = zip(stored, skills).map { $0 ?? $1 }
        }
        var latest = skills
        let fit = ConfusionModel.runEM(m, start: start, initial: model(skills, labelCount: m.labelCount),
                                       maxIterations: maxIterations, tolerance: tolerance) {
            latest = coins(m, posterior: $0, counts: counts)
            return model(latest, labelCount: m.labelCount)
        }
        let out = m.workers.indices.map { w in
            ReviewerSkill(accuracy: latest[w], answers: counts[w], confusion: fit.model.confusion(of: w))
        }
        return MethodFit(probabilities: fit.posterior, skills: out, iterations: fit.iterations)
    }

    /// Mean posterior probability of each worker's own answers (Crowd-Kit's one-coin M-step);
    /// `counts` is `m.answersPerWorker()`.
    static func coins(_ m: AnswerMatrix, posterior p: ProbabilityTable, counts: [Int]) -> [Double] {
        var total = [Double](repeating: 0, count: m.workers.count)
        for a in 0..<m.answerCount {
            total[m.worker(a)] += p.values[m.task(a) * m.labelCount + m.label(a)]
        }
        return total.indices.map { counts[$0] > 0 ? total[$0] / Double(counts[$0]) : 0 }
    }

    /// Error matrices from coins: s on the diagonal, (1 - s) / (K - 1) elsewhere, clipped.
    static func model(_ skills: [Double], labelCount k: Int) -> ConfusionModel {
        var errors = [Double](repeating: 0, count: skills.count * k * k)
        for (w, s) in skills.enumerated() {
            let wrong = k > 1 ? (1 - s) / Double(k - 1) : 0
            for given in 0..<k {
                for truth in 0..<k {
                    let value = given == truth ? s : wrong
                    errors[(w * k + given) * k + truth] = min(max(value, probabilityFloor), 1 - probabilityFloor)
                }
            }
        }
        return ConfusionModel(errors: errors, labelCount: k)
    }
}
