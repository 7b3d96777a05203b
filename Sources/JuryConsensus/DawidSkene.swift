/// Dawid-Skene (1979) EM with a full confusion matrix per reviewer, as in Crowd-Kit 1.4.2.
///
/// Start: majority-vote shares as the posterior. M-step: expected counts, clipped to 1e-10
/// on the labels each reviewer used, normalised per true label. Priors: posterior column
/// means. Stop: 100 rounds or a lower-bound gain below 1e-5 per answer.
enum DawidSkene {
    /// Fits the model. A reviewer with a stored confusion matrix in `prior` starts from it
    /// instead of the majority-vote estimate (Crowd-Kit's `initial_error_strategy="assign"`,
    /// but partial sets are allowed).
    static func fit(_ m: AnswerMatrix, prior: ReviewerSkills?, maxIterations: Int,
                    tolerance: Double) -> MethodFit {
        let used = ConfusionModel.usedRows(m)
        let start = m.voteShares()
        var initial = mStep(m, posterior: start, used: used)
        if let prior { seed(&initial, from: prior, matrix: m) }
        let fit = ConfusionModel.runEM(m, start: start, initial: initial,
                                       maxIterations: maxIterations, tolerance: tolerance) {
            mStep(m, posterior: $0, used: used)
        }
        let counts = m.answersPerWorker()
        let skills = m.workers.indices.map { w in
            ReviewerSkill(accuracy: fit.model.accuracy(of: w, priors: fit.priors),
                          answers: counts[w], confusion: fit.model.confusion(of: w))
        }
        return MethodFit(probabilities: fit.posterior, skills: skills, iterations: fit.iterations)
    }

    /// The M-step: expected counts, floored on used rows, each true-label column normalised.
    static func mStep(_ m: AnswerMatrix, posterior: ProbabilityTable, used: [Bool]) -> ConfusionModel {
        var errors = ConfusionModel.expectedCounts(m, posterior: posterior)
        normalize(&errors, used: used, labelCount: m.labelCount)
        return ConfusionModel(errors: errors, labelCount: m.labelCount)
    }

    /// Floors used rows at 1e-10 and scales each worker's true-label columns to sum to 1.
    static func normalize(_ errors: inout [Double], used: [Bool], labelCount k: Int) {
        for w in 0..<(errors.count / (k * k)) {
            var totals = [Double](repeating: 0, count: k)
            for given in 0..<k where used[w * k + given] {
                for c in 0..<k {
                    errors[(w * k + given) * k + c] = max(errors[(w * k + given) * k + c], probabilityFloor)
                    totals[c] += errors[(w * k + given) * k + c]
                }
            }
            for given in 0..<k where used[w * k + given] {
                for c in 0..<k where totals[c] > 0 { errors[(w * k + given) * k + c] /= totals[c] }
            }
        }
    }

    /// Overwrites the matrices of reviewers that `prior` knows, floored and renormalised.
    static func seed(_ model: inout ConfusionModel, from prior: ReviewerSkills, matrix m: AnswerMatrix) {
        let k = m.labelCount
        let all = [Bool](repeating: true, count: k)
        for (w, name) in m.workers.enumerated() {
            guard let confusion = prior.confusion(of: name, labels: m.labels) else { continue }
            var block = [Double](repeating: 0, count: k * k)
            for truth in 0..<k { for given in 0..<k { block[given * k + truth] = confusion[truth][given] } }
            normalize(&block, used: all, labelCount: k)
            model.errors.replaceSubrange((w * k * k)..<((w + 1) * k * k), with: block)
        }
    }
}
