import Foundation

/// MACE (Hovy et al., 2013) with variational-Bayes updates, following Crowd-Kit 1.4.2's
/// `MACE(method="vb")`: priors Beta(0.5, 0.5) on knowing-vs-spamming and Dirichlet(10) on
/// the spamming strategy, 50 rounds of (E-step, VB M-step), labels from a final E-step.
///
/// Differences, documented in docs/consensus.md: one deterministic start (knowing = 0.5,
/// uniform strategy) instead of Crowd-Kit's ten restarts, which all reuse `random_state=0`
/// and are therefore one start; and the E-step runs in log space per item.
enum MACE {
    /// The parameters per worker: `knowing[w*2]` (spam), `knowing[w*2+1]` (knowing),
    /// `strategy[w*K + l]`.
    struct Model {
        var knowing: [Double]
        var strategy: [Double]
    }

    /// Expected counts from one E-step.
    struct Counts {
        var knowing: [Double]
        var strategy: [Double]
    }

    /// Fits the model with `iterations` rounds.
    static func fit(_ m: AnswerMatrix, iterations: Int) -> MethodFit {
        let k = m.labelCount
        var model = Model(knowing: [Double](repeating: 0.5, count: m.workers.count * 2),
                          strategy: [Double](repeating: 1 / Double(k), count: m.workers.count * k))
        var (posterior, counts) = eStep(m, model: model)
        for _ in 0..<iterations {
            model = variationalMStep(counts, labelCount: k)
            (posterior, counts) = eStep(m, model: model)
        }
        let answered = m.answersPerWorker()
        let skills = m.workers.indices.map { w in
            ReviewerSkill(accuracy: model.knowing[w * 2 + 1] / (model.knowing[w * 2] + model.knowing[w * 2 + 1]),
                          answers: answered[w], strategy: Array(model.strategy[(w * k)..<((w + 1) * k)]))
        }
        return MethodFit(probabilities: posterior, skills: skills, iterations: iterations)
    }

    /// Probability that worker `w` answers `given` when the truth is `truth`.
    static func emission(_ model: Model, worker w: Int, given: Int, truth: Int, labelCount k: Int) -> Double {
        model.knowing[w * 2] * model.strategy[w * k + given] + (given == truth ? model.knowing[w * 2 + 1] : 0)
    }

    /// Posterior over true labels per item and the expected spamming / knowing counts.
    static func eStep(_ m: AnswerMatrix, model: Model) -> (ProbabilityTable, Counts) {
        let k = m.labelCount
        var table = [Double](repeating: 0, count: m.tasks.count * k)
        var counts = Counts(knowing: [Double](repeating: 0, count: m.workers.count * 2),
                            strategy: [Double](repeating: 0, count: m.workers.count * k))
        table.withUnsafeMutableBufferPointer { out in
            for t in 0..<m.tasks.count {
                for a in m.answers(of: t) {
                    let (w, l) = (m.worker(a), m.label(a))
                    for c in 0..<k {
                        out[t * k + c] += log(emission(model, worker: w, given: l, truth: c, labelCount: k))
                    }
                }
                ConfusionModel.softmax(out, offset: t * k, count: k)
                accumulate(m, task: t, gold: out, model: model, into: &counts)
            }
        }
        return (ProbabilityTable(values: table, labelCount: k), counts)
    }

    /// Adds task `t`'s expected counts given its normalised gold marginals.
    static func accumulate(_ m: AnswerMatrix, task t: Int, gold: UnsafeMutableBufferPointer<Double>,
                           model: Model, into counts: inout Counts) {
        let k = m.labelCount
        for a in m.answers(of: t) {
            let w = m.worker(a), l = m.label(a)
            let spam = model.knowing[w * 2] * model.strategy[w * k + l]
            var spamming = 0.0
            for c in 0..<k {
                spamming += gold[t * k + c] * spam / emission(model, worker: w, given: l, truth: c, labelCount: k)
            }
            let knowing = gold[t * k + l] * model.knowing[w * 2 + 1] / (spam + model.knowing[w * 2 + 1])
            counts.strategy[w * k + l] += spamming
            counts.knowing[w * 2] += spamming
            counts.knowing[w * 2 + 1] += knowing
        }
    }

    /// The VB M-step: exp(SpecialFunctions.digamma(count + prior)) / exp(SpecialFunctions.digamma(row total + prior total)).
    static func variationalMStep(_ counts: Counts, labelCount k: Int) -> Model {
        Model(knowing: normalize(counts.knowing, width: 2, prior: 0.5),
              strategy: normalize(counts.strategy, width: k, prior: 10))
    }

    /// Row-wise variational normalisation of a `rows x width` buffer.
    static func normalize(_ values: [Double], width: Int, prior: Double) -> [Double] {
        var out = values
        for r in 0..<(values.count / width) {
            let row = values[(r * width)..<((r + 1) * width)]
            let denominator = exp(SpecialFunctions.digamma(row.reduce(0, +) + prior * Double(width)))
            for i in row.indices { out[i] = exp(SpecialFunctions.digamma(values[i] + prior)) / denominator }
        }
        return out
    }
}
