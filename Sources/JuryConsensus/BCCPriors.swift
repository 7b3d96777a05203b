/// The sizes and Dirichlet priors of one variational fit, resolved for a matrix.
struct BCCPriors: Sendable {
    /// Number of true classes (K).
    let classes: Int
    /// Subtypes per class (M).
    let groups: Int
    /// Class-prior concentration per class, K entries.
    let classPrior: [Double]
    /// Concentration of each subtype within a class (the total split over M).
    let groupPrior: Double
    /// Reliability prior count of the true class.
    let diagonal: Double
    /// Reliability prior count of each other class.
    let offDiagonal: Double

    /// Resolves `options` for `m`; `ibcc` forces one subtype and the flat class prior.
    init(_ m: AnswerMatrix, options: BayesianCombinationOptions, independent: Bool) {
        classes = m.labelCount
        groups = independent ? 1 : max(1, options.groups)
        groupPrior = options.groupPrior / Double(groups)
        diagonal = options.diagonalPrior
        offDiagonal = options.offDiagonalPrior
        guard options.empiricalClassPrior && !independent else {
            classPrior = [Double](repeating: options.classPrior, count: classes)
            return
        }
        classPrior = m.voteShares().columnMeans().map { $0 > 0 ? $0 * Double(m.tasks.count) : options.classPrior }
    }

    /// Prior count of reviewers answering `given` when the truth is `truth`.
    func reliabilityPrior(given: Int, truth: Int) -> Double {
        given == truth ? diagonal : offDiagonal
    }

    /// The constant part of the bound: minus the log normalisers of all priors, for
    /// `workers` reviewers.
    func logNormalizers(workers: Int) -> Double {
        let tau = SpecialFunctions.logBeta(count: classes) { classPrior[$0] }
        let pi = SpecialFunctions.logBeta(count: groups) { _ in groupPrior }
        let v = SpecialFunctions.logBeta(count: classes) { reliabilityPrior(given: $0, truth: 0) }
        return -tau - Double(classes) * pi - Double(workers * classes * groups) * v
    }
}
