import Foundation

/// GLAD (Whitehill et al., 2009) as in Crowd-Kit 1.4.2.
///
/// P(answer correct) = sigmoid(alpha_w * exp(beta_t)); a wrong answer picks one of the K-1
/// other labels uniformly. Alphas and betas start at 1 with N(1, 1) priors; class priors are
/// uniform and fixed. Each round: E-step, then an M-step of at most 25 conjugate-gradient
/// steps (gradient tolerance 0.01). Stops after 100 rounds or when the objective per
/// (answer, label) pair gains less than 1e-5. Labels come from the last E-step.
enum GLAD {
    /// The parameters: `point = alphas ++ betas`.
    struct Model {
        var point: [Double]
        let alphaMeans: [Double]
        let betaMeans: [Double]
        let workers: Int
        func alpha(_ w: Int) -> Double { point[w] }
        func beta(_ t: Int) -> Double { point[workers + t] }
    }

    /// Fits the model; a stored `ability` in `prior` sets that reviewer's start and prior mean.
    static func fit(_ m: AnswerMatrix, prior: ReviewerSkills?, maxIterations: Int,
                    tolerance: Double) -> MethodFit {
        let alphas = (prior?.abilities(for: m) ?? m.workers.map { _ in nil }).map { $0 ?? 1 }
        let betas = [Double](repeating: 1, count: m.tasks.count)
        var model = Model(point: alphas + betas, alphaMeans: alphas, betaMeans: betas,
                          workers: m.workers.count)
        var posterior = eStep(m, model: model)
        var q = -objective(m, model: model, posterior: posterior, gradient: false).value
        var rounds = 0
        while rounds < maxIterations {
            let last = q
            posterior = eStep(m, model: model)
            model.point = ConjugateGradient(maxSteps: 25, gradientTolerance: 0.01).minimize(model.point) {
                var trial = model
                trial.point = $0
                return objective(m, model: trial, posterior: posterior, gradient: true)
            }
            q = -objective(m, model: model, posterior: posterior, gradient: false).value
                / Double(m.answerCount * m.labelCount)
            rounds += 1
            if q - last < tolerance { break }
        }
        return MethodFit(probabilities: posterior, skills: skills(m, model: model), iterations: rounds)
    }

    /// Stored skills: accuracy = sigmoid(alpha) (an item of difficulty beta = 0), ability = alpha.
    static func skills(_ m: AnswerMatrix, model: Model) -> [ReviewerSkill] {
        let counts = m.answersPerWorker()
        return m.workers.indices.map { w in
            ReviewerSkill(accuracy: 1 / (1 + exp(-model.alpha(w))), answers: counts[w],
                          ability: model.alpha(w))
        }
    }

    /// log(1 + e^x) without overflow.
    static func softplus(_ x: Double) -> Double {
        x > 30 ? x : (x < -30 ? exp(x) : log1p(exp(x)))
    }

    /// The E-step: posterior over true labels per task under the current model.
    static func eStep(_ m: AnswerMatrix, model: Model) -> ProbabilityTable {
        let k = m.labelCount
        let logWrongShare = log(Double(max(k - 1, 1)))
        let logPrior = log(1 / Double(k))
        var table = [Double](repeating: 0, count: m.tasks.count * k)
        table.withUnsafeMutableBufferPointer { out in
            for t in 0..<m.tasks.count {
                let scale = exp(model.beta(t))
                var wrong = 0.0
                for c in 0..<k { out[t * k + c] = 0 }
                for a in m.answers(of: t) {
                    let x = model.alpha(m.worker(a)) * scale
                    let logRight = -softplus(-x), logWrong = -softplus(x) - logWrongShare
                    wrong += logWrong
                    out[t * k + m.label(a)] += logRight - logWrong
                }
                for c in 0..<k { out[t * k + c] += wrong + logPrior }
                ConfusionModel.softmax(out, offset: t * k, count: k)
            }
        }
        return ProbabilityTable(values: table, labelCount: k)
    }
}
