/// The entry point for categorical consensus: answers in, one consensus per item out.
///
/// Stateless apart from its options; safe to share across threads.
public struct Aggregator: Sendable {
    /// Tie policy, prior skills, iteration limits.
    public var options: AggregationOptions

    /// Creates an aggregator with `options` (Crowd-Kit defaults, ties unresolved).
    public init(options: AggregationOptions = AggregationOptions()) {
        self.options = options
    }

    /// Aggregates plain `(worker, task, label)` triples with `method`.
    public func aggregate(_ answers: [(worker: String, task: String, label: String)],
                          method: AggregationMethod) -> AggregationResult {
        aggregate(answers.map { Answer(worker: $0.worker, task: $0.task, label: $0.label) },
                  method: method)
    }

    /// Aggregates `answers` with `method`; items appear in order of first answer.
    public func aggregate(_ answers: [Answer], method: AggregationMethod) -> AggregationResult {
        aggregate(AnswerMatrix(answers, declaredLabels: options.labels), method: method)
    }

    /// Aggregates an already encoded answer matrix (reuse one matrix across methods).
    public func aggregate(_ matrix: AnswerMatrix, method: AggregationMethod) -> AggregationResult {
        guard matrix.answerCount > 0 else {
            let skills = ReviewerSkills(method: method, labels: matrix.labels, reviewers: [:])
            return AggregationResult(method: method, labels: matrix.labels, items: [],
                                     skills: skills, iterations: 0)
        }
        return makeResult(fit(matrix, method: method), matrix: matrix, method: method)
    }

    /// Runs the method itself.
    func fit(_ matrix: AnswerMatrix, method: AggregationMethod) -> MethodFit {
        let prior = options.priorSkills
        let tolerance = options.tolerance ?? 1e-5
        switch method {
        case .mv: return VoteMethods.majority(matrix)
        case .wmv: return VoteMethods.weighted(matrix, prior: prior)
        case .wawa: return VoteMethods.wawa(matrix, prior: prior)
        case .zbs:
            return VoteMethods.zeroBasedSkill(matrix, prior: prior,
                                              iterations: options.maxIterations ?? 100)
        case .ds:
            return DawidSkene.fit(matrix, prior: prior, maxIterations: options.maxIterations ?? 100,
                                  tolerance: tolerance)
        case .onecoinDS:
            return OneCoinDawidSkene.fit(matrix, prior: prior,
                                         maxIterations: options.maxIterations ?? 100,
                                         tolerance: tolerance)
        case .glad:
            return GLAD.fit(matrix, prior: prior, maxIterations: options.maxIterations ?? 100,
                            tolerance: tolerance)
        case .mace: return MACE.fit(matrix, iterations: options.maxIterations ?? 50)
        case .ibcc, .ebcc:
            return BayesianClassifierCombination.fit(
                matrix, options: options.bayesian, independent: method == .ibcc,
                maxIterations: options.maxIterations ?? 500, tolerance: options.tolerance ?? 1e-3)
        }
    }
}
