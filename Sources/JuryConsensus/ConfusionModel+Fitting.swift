/// The EM loop shared by Dawid-Skene and one-coin Dawid-Skene.
extension ConfusionModel {
    /// The state EM converges to.
    struct Fit {
        var posterior: ProbabilityTable
        var priors: [Double]
        var model: ConfusionModel
        var iterations: Int
    }

    /// Runs Crowd-Kit's loop: E-step, priors = posterior column means, M-step, lower bound;
    /// stops after `maxIterations` rounds or when the bound improves by less than `tolerance`.
    static func runEM(_ m: AnswerMatrix, start: ProbabilityTable, initial: ConfusionModel,
                      maxIterations: Int, tolerance: Double,
                      mStep: (ProbabilityTable) -> ConfusionModel) -> Fit {
        var fit = Fit(posterior: start, priors: start.columnMeans(), model: initial, iterations: 0)
        var bound = -Double.infinity
        while fit.iterations < maxIterations {
            fit.posterior = fit.model.posterior(m, priors: fit.priors)
            fit.priors = fit.posterior.columnMeans()
            fit.model = mStep(fit.posterior)
            fit.iterations += 1
            let next = fit.model.lowerBound(m, posterior: fit.posterior, priors: fit.priors)
            if next - bound < tolerance { break }
            bound = next
        }
        return fit
    }

    /// Expected counts `counts[(w * K + given) * K + truth]` = sum of P(truth) over w's
    /// answers `given` (the numerator of the Dawid-Skene M-step).
    static func expectedCounts(_ m: AnswerMatrix, posterior p: ProbabilityTable) -> [Double] {
        let k = m.labelCount
        var counts = [Double](repeating: 0, count: m.workers.count * k * k)
        m.withBuffers { b in
            counts.withUnsafeMutableBufferPointer { out in
                p.values.withUnsafeBufferPointer { probs in
                    for a in 0..<b.count {
                        let base = (b.worker(a) * k + b.label(a)) * k, row = b.task(a) * k
                        for c in 0..<k { out[base + c] += probs[row + c] }
                    }
                }
            }
        }
        return counts
    }

    /// Marks which (worker, given label) rows occur in the answers.
    static func usedRows(_ m: AnswerMatrix) -> [Bool] {
        var used = [Bool](repeating: false, count: m.workers.count * m.labelCount)
        for a in 0..<m.answerCount { used[m.worker(a) * m.labelCount + m.label(a)] = true }
        return used
    }
}
