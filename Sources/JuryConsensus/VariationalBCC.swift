/// What every start of one `VariationalBCC` fit shares: sizes, priors and the answers as
/// reliability rows grouped by task.
///
/// Layouts, with K classes and M subtypes (`block` = K * M): a *reliability row* is the pair
/// (reviewer j, label given l), numbered j * K + l; it holds the Dirichlet parameters of
/// v[j, k, m](l) for every class k and subtype m at `row * block + k * M + m`.
struct BCCProblem: Sendable {
    let priors: BCCPriors
    /// Tasks, reviewers and K * M.
    let tasks: Int, workers: Int, block: Int
    /// Start of each task's answers in `rowOf`, `tasks + 1` entries.
    let taskStart: [Int]
    /// The reliability row of each answer, answers grouped by task.
    let rowOf: [Int32]
    /// The reliability rows some answer uses, ascending; only those ever leave their prior.
    let usedRows: [Int32]
    /// The prior of a reliability row of label l, at `l * block + x`.
    let rowPriors: [Double]
    /// Majority-vote shares, tasks x K: the class part of every start.
    let shares: [Double]

    init(_ m: AnswerMatrix, priors: BCCPriors) {
        let (k, g) = (priors.classes, priors.groups)
        self.priors = priors
        (tasks, workers, block) = (m.tasks.count, m.workers.count, k * g)
        taskStart = m.taskStart
        rowOf = zip(m.workerOf, m.labelOf).map { $0 * Int32(k) + $1 }
        let used = ConfusionModel.usedRows(m)
        usedRows = used.indices.filter { used[$0] }.map { Int32($0) }
        rowPriors = (0..<(k * k * g)).map { priors.reliabilityPrior(given: $0 / (k * g), truth: $0 / g % k) }
        shares = m.voteShares().values
    }
}

/// The mean-field variational posterior of Bayesian classifier combination for one start.
///
/// Model (Li, Rubinstein and Cohn, 2019): each item has a true class k and a subtype m of that
/// class; each reviewer j has a reliability row v[j, k, m] (a distribution over the label
/// given) per class and subtype. With one subtype this is IBCC (Kim and Ghahramani, 2012).
/// `assignments[t * block + k * M + m]` = q(class k, subtype m) of task t; reliabilities are
/// laid out as in `BCCProblem`. Every buffer is allocated once, by `init`, and reused by
/// every round and by `restart`.
struct VariationalBCC: Sendable {
    let problem: BCCProblem
    /// q(class, subtype) per task, tasks x K x M.
    var assignments: [Double]
    /// q(class) per task, tasks x K (the subtype sums of `assignments`).
    var posterior: [Double]
    /// Dirichlet parameters of the reliabilities, workers x K (given) x K x M: the priors
    /// plus the expected counts of the current `assignments`.
    var reliability: [Double]
    /// E[log v] of the used rows (other rows are never read).
    var logReliability: [Double]
    /// exp(E[log v]) of the used rows, each row divided by its largest entry.
    var reliabilityFactors: [Double]
    /// Per reliability row, workers x K: log of its smallest factor (<= 0).
    var rowFloors: [Double]
    /// Dirichlet parameters of the subtype weights of each class, K x M, from `assignments`.
    var groupWeights: [Double]
    /// E[log tau_k] + E[log pi_km], K x M.
    var logPrior: [Double]
    /// exp(`logPrior`) divided by its largest entry, and the log of its smallest entry.
    var priorFactors: [Double], priorFloor = 0.0
    /// Scratch: digamma of a reviewer's reliability totals, K x M.
    var logTotals: [Double]
    /// Scratch: the log scores of one task, K x M.
    var scores: [Double]
    /// Rounds run by `run`.
    var iterations = 0

    /// Allocates the buffers of `problem` and starts from `split` (see `restart`).
    init(_ problem: BCCProblem, split: [Double]) {
        self.problem = problem
        let (k, block) = (problem.priors.classes, problem.block)
        assignments = [Double](repeating: 0, count: problem.tasks * block)
        posterior = problem.shares
        reliability = (0..<(problem.workers * k)).flatMap { row in problem.rowPriors[(row % k * block)..<(row % k * block + block)] }
        logReliability = [Double](repeating: 0, count: reliability.count)
        reliabilityFactors = logReliability
        rowFloors = [Double](repeating: 0, count: problem.workers * k)
        groupWeights = [Double](repeating: 0, count: block)
        logPrior = groupWeights
        logTotals = groupWeights
        priorFactors = groupWeights
        scores = groupWeights
        restart(split: split)
    }

    /// Starts again from the majority-vote shares, each task's share of class k split over the
    /// subtypes by `split[(t * K + k) * M ..< +M]` (rows summing to 1).
    mutating func restart(split: [Double]) {
        posterior = problem.shares
        let (k, g) = (problem.priors.classes, problem.priors.groups)
        for t in 0..<problem.tasks {
            for c in 0..<k {
                for s in 0..<g { assignments[(t * k + c) * g + s] = posterior[t * k + c] * split[(t * k + c) * g + s] }
            }
        }
        iterations = 0
        countAssignments()
    }

    /// Alternates parameter and assignment updates until every class posterior moved by at most
    /// `tolerance` + 1e-5 times its new value (numpy's `allclose`, the authors' test) or
    /// `maxIterations` rounds ran. Returns the evidence lower bound at the end (the parameters
    /// are those of the final assignments), preceded with `trace` by the bound after every
    /// earlier round (a non-decreasing sequence).
    @discardableResult
    mutating func run(maxIterations: Int, tolerance: Double, trace: Bool = false) -> [Double] {
        var bounds: [Double] = []
        for round in 1...max(1, maxIterations) {
            if trace { bounds.append(bound()) }
            updateExpectations()
            iterations = round
            if updateAssignments(tolerance: tolerance) { break }
        }
        bounds.append(bound())
        return bounds
    }
}
