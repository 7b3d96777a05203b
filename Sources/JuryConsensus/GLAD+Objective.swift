import Foundation

extension GLAD {
    /// Minus the expected complete log-likelihood Q (Crowd-Kit `_compute_Q`, including the
    /// Gaussian log-priors) and, when `gradient` is true, its gradient over `alphas ++ betas`.
    static func objective(_ m: AnswerMatrix, model: Model, posterior p: ProbabilityTable,
                          gradient: Bool) -> (value: Double, gradient: [Double]) {
        let k = m.labelCount
        let logWrongShare = log(Double(max(k - 1, 1)))
        var q = 0.0
        var grad = [Double](repeating: 0, count: gradient ? model.point.count : 0)
        for t in 0..<m.tasks.count {
            let scale = exp(model.beta(t))
            for a in m.answers(of: t) {
                let w = m.worker(a), alpha = model.alpha(w)
                let x = alpha * scale, right = p.values[t * k + m.label(a)]
                q += right * -softplus(-x) + (1 - right) * (-softplus(x) - logWrongShare)
                guard gradient else { continue }
                let residual = right - 1 / (1 + exp(-x))
                grad[w] -= residual * scale
                grad[model.workers + t] -= residual * alpha * scale
            }
        }
        q += priorTerm(model, grad: &grad, gradient: gradient)
        return (-q, grad)
    }

    /// Sum of log N(x - mean; 0, 1) over all parameters; adds minus its gradient to `grad`.
    static func priorTerm(_ model: Model, grad: inout [Double], gradient: Bool) -> Double {
        let means = model.alphaMeans + model.betaMeans
        let logNorm = 0.5 * log(2 * Double.pi)
        var total = 0.0
        for i in model.point.indices {
            let z = model.point[i] - means[i]
            total += -0.5 * z * z - logNorm
            if gradient { grad[i] += z }
        }
        return total
    }
}
