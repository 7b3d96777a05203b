import Foundation

/// The mean-field variational posterior of Bayesian classifier combination for one start.
///
/// Model (Li, Rubinstein and Cohn, 2019): each item has a true class k and a subtype m of that
/// class; each reviewer j has a reliability row v[j, k, m] (a distribution over the label
/// given) per class and subtype. With one subtype this is IBCC (Kim and Ghahramani, 2012).
/// Layouts, with K classes and M subtypes (`block` = K * M):
/// `assignments[t * block + k * M + m]` = q(class k, subtype m) of task t;
/// `reliability[(j * K + given) * block + k * M + m]` = Dirichlet parameter of v[j, k, m].
struct VariationalBCC: Sendable {
    let priors: BCCPriors
    /// q(class, subtype) per task, tasks x K x M.
    var assignments: [Double]
    /// q(class) per task, tasks x K (the subtype sums of `assignments`).
    var posterior: [Double]
    /// Dirichlet parameters of the reliabilities, workers x K (given) x K x M.
    var reliability: [Double]
    /// E[log v] for the same entries.
    var logReliability: [Double]
    /// Dirichlet parameters of the subtype weights of each class, K x M.
    var groupWeights: [Double]
    /// Dirichlet parameters of the class prior, K.
    var classWeights: [Double]
    /// E[log tau_k] + E[log pi_km], K x M.
    var logPrior: [Double]
    /// Entropy of `assignments` in nats.
    var entropy: Double
    /// The prior part of `reliability`, same layout.
    let reliabilityPriors: [Double]
    /// Whether worker w ever gave label l, at `w * K + l`: only those reliability rows are read.
    let usedRows: [Bool]
    /// Rounds run by `run`.
    var iterations = 0

    /// Starts from the majority-vote shares of `m`, each task's share split over the subtypes
    /// by `split` (tasks x M, rows summing to 1).
    init(_ m: AnswerMatrix, priors: BCCPriors, split: [Double]) {
        let (k, g) = (priors.classes, priors.groups)
        self.priors = priors
        usedRows = ConfusionModel.usedRows(m)
        posterior = m.voteShares().values
        assignments = [Double](repeating: 0, count: m.tasks.count * k * g)
        entropy = 0
        for t in 0..<m.tasks.count {
            for c in 0..<k {
                for s in 0..<g {
                    let p = posterior[t * k + c] * split[t * g + s]
                    assignments[(t * k + c) * g + s] = p
                    if p > 0 { entropy -= p * log(p) }
                }
            }
        }
        reliabilityPriors = (0..<(m.workers.count * k * k * g)).map {
            priors.reliabilityPrior(given: $0 / (k * g) % k, truth: $0 / g % k)
        }
        reliability = reliabilityPriors
        logReliability = reliabilityPriors
        groupWeights = [Double](repeating: 0, count: k * g)
        logPrior = groupWeights
        classWeights = [Double](repeating: 0, count: k)
    }

    /// Alternates parameter and assignment updates until no class posterior moves by more
    /// than `tolerance` or `maxIterations` rounds ran, then updates the parameters once more.
    /// Returns the evidence lower bound after the last parameter update, preceded with `trace`
    /// by the bound after every earlier one (a non-decreasing sequence).
    @discardableResult
    mutating func run(_ m: AnswerMatrix, maxIterations: Int, tolerance: Double, trace: Bool = false) -> [Double] {
        var bounds: [Double] = []
        for round in 1...max(1, maxIterations) {
            updateParameters(m)
            if trace { bounds.append(bound(workers: m.workers.count)) }
            iterations = round
            if updateAssignments(m) <= tolerance { break }
        }
        updateParameters(m)
        bounds.append(bound(workers: m.workers.count))
        return bounds
    }
}
