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
    /// E[log v] of a reliability row of label l still at its prior, at `l * block + x`.
    let priorLogReliability: [Double]
    /// Digamma of the prior total of a reliability row at each entry, `block` entries.
    let priorLogTotals: [Double]
    /// Below this a q(class, subtype) added to any count leaves it unchanged: half an ulp of the
    /// smallest prior count (every count is at least its prior); `negligibleLog` is one less
    /// than its log, a margin for the rounding of the bounds compared with it.
    let negligible: Double, negligibleLog: Double
    /// A (class, subtype) whose prior weight is below e^-skipGap of the largest leaves the
    /// round's dense product (see `VariationalBCC`); infinity keeps every one.
    let skipGap: Double

    /// The problem of fitting `priors` to `m`; the default `skipGap` is 100 ln 2 (2^-100).
    init(_ m: AnswerMatrix, priors: BCCPriors, skipGap: Double = 69.31471805599453) {
        let (k, g) = (priors.classes, priors.groups)
        (self.priors, self.skipGap) = (priors, skipGap)
        (tasks, workers, block) = (m.tasks.count, m.workers.count, k * g)
        taskStart = m.taskStart
        rowOf = zip(m.workerOf, m.labelOf).map { $0 * Int32(k) + $1 }
        let used = ConfusionModel.usedRows(m)
        usedRows = used.indices.filter { used[$0] }.map { Int32($0) }
        rowPriors = (0..<(k * k * g)).map { priors.reliabilityPrior(given: $0 / (k * g), truth: $0 / g % k) }
        shares = m.voteShares().values
        let rowPriors = rowPriors
        priorLogTotals = (0..<(k * g)).map { x in
            SpecialFunctions.digamma((0..<k).reduce(0.0) { $0 + rowPriors[$1 * k * g + x] })
        }
        let totals = priorLogTotals
        priorLogReliability = rowPriors.indices.map { SpecialFunctions.digamma(rowPriors[$0]) - totals[$0 % (k * g)] }
        negligible = min(priors.groupPrior, priors.diagonal, priors.offDiagonal) * 0x1p-54
        negligibleLog = SpecialFunctions.log(positive: negligible) - 1
    }
}

/// The mean-field variational posterior of Bayesian classifier combination for one start.
///
/// Model (Li, Rubinstein and Cohn, 2019): each item has a true class k and a subtype m of that
/// class; each reviewer j has a reliability row v[j, k, m] (a distribution over the label
/// given) per class and subtype. With one subtype this is IBCC (Kim and Ghahramani, 2012).
/// An *entry* x = k * M + m numbers a (class, subtype) pair; reliabilities are laid out as in
/// `BCCProblem`.
///
/// Entries whose prior weight exp(E[log tau_k] + E[log pi_km]) has fallen below 2^-100 of the
/// largest (EBCC's sparse subtype prior leaves about one live subtype per class) are left out
/// of a round's dense product, all but the heaviest subtype of each class. For each task a bound proves every left-out q below
/// `BCCProblem.negligible`, where adding it changes no count; a task the bound does not cover
/// is computed over all entries. So the counts are those of the full computation, and the
/// posterior differs from it only in rounding (the left-out mass is below 2^-54 of a count).
struct VariationalBCC: Sendable {
    let problem: BCCProblem
    /// Per-round scratch (shared by copies, written only by the running fit).
    let workspace: BCCWorkspace
    /// q(class, subtype) per task (room for tasks x K x M): with L = `assignmentEntries.count`,
    /// q of task t and entry `assignmentEntries[i]` is at `t * L + i`, rows packed so a round
    /// streams only L values per task; the other q are below `problem.negligible`.
    var assignments: [Double]
    /// The entries held by `assignments`, ascending.
    var assignmentEntries: [Int]
    /// Entropy of the left-out q of the tasks computed over all entries, in nats.
    var skippedEntropy = 0.0
    /// q(class) per task, tasks x K (the subtype sums of q).
    var posterior: [Double]
    /// Dirichlet parameters of the reliabilities, workers x K (given) x K x M: the priors
    /// plus the expected counts of the current q.
    var reliability: [Double]
    /// Dirichlet parameters of the subtype weights of each class, K x M, from q.
    var groupWeights: [Double]
    /// E[log tau_k] + E[log pi_km], K x M.
    var logPrior: [Double]
    /// The entries of the next round's dense product, and the others, ascending.
    var entries: [Int], skippedEntries: [Int] = []
    /// Per entry: whether every reliability count of it equals its prior, and whether the
    /// workspace's E[log v] of it holds the prior value in every used row.
    var atPrior: [Bool], logsAtPrior: [Bool]
    /// Log of the smallest prior factor of `entries` (<= 0), and the largest E[log tau] +
    /// E[log pi] of the others relative to the largest of all (-infinity if none).
    var priorFloor = 0.0, skippedPrior = -Double.infinity
    /// Rounds run by `run`.
    var iterations = 0

    /// Allocates the buffers of `problem` and starts from `split` (see `restart`).
    init(_ problem: BCCProblem, split: [Double]) {
        self.problem = problem
        let (k, block) = (problem.priors.classes, problem.block)
        workspace = BCCWorkspace(rows: problem.workers * k, block: block,
                                 batchSize: (problem.usedRows.count + problem.workers) * block,
                                 exponentsSize: problem.usedRows.count * block)
        assignments = [Double](repeating: 0, count: problem.tasks * block)
        assignmentEntries = Array(0..<block)
        posterior = problem.shares
        reliability = (0..<(problem.workers * k)).flatMap { row in problem.rowPriors[(row % k * block)..<(row % k * block + block)] }
        groupWeights = [Double](repeating: 0, count: block)
        logPrior = groupWeights
        entries = assignmentEntries
        atPrior = [Bool](repeating: false, count: block)
        logsAtPrior = atPrior
        restart(split: split)
    }

    /// Starts again from the majority-vote shares, each task's share of class k split over the
    /// subtypes by `split[(t * K + k) * M ..< +M]` (rows summing to 1).
    mutating func restart(split: [Double]) {
        posterior = problem.shares
        let (k, g, block) = (problem.priors.classes, problem.priors.groups, problem.block)
        for t in 0..<problem.tasks {
            for c in 0..<k {
                for s in 0..<g { assignments[(t * k + c) * g + s] = posterior[t * k + c] * split[(t * k + c) * g + s] }
            }
        }
        (assignmentEntries, entries, skippedEntries) = (Array(0..<block), Array(0..<block), [])
        (skippedEntropy, iterations) = (0, 0)
        atPrior = [Bool](repeating: false, count: block)
        logsAtPrior = atPrior
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
