/// Hyperparameters of the Bayesian classifier-combination methods (`ibcc`, `ebcc`).
///
/// The defaults are those of Li, Rubinstein and Cohn (ICML 2019) and of their published
/// benchmark run: 10 subtypes per class, 40 starts, the empirical class prior. Iteration limit
/// and tolerance come from `AggregationOptions` (defaults 500 and 1e-3). `ibcc` uses only
/// `classPrior`, `diagonalPrior` and `offDiagonalPrior`: it has one subtype, one start and a
/// flat class prior.
public struct BayesianCombinationOptions: Sendable, Equatable {
    /// EBCC: subtypes (mixture components of reliabilities) per true class; at least 1.
    public var groups: Int
    /// Dirichlet concentration of the class prior, the same for every class; > 0.
    public var classPrior: Double
    /// EBCC: total Dirichlet concentration over one class's subtypes (split evenly); > 0.
    public var groupPrior: Double
    /// Dirichlet prior count of answering the true class, per reviewer and subtype; > 0.
    public var diagonalPrior: Double
    /// Dirichlet prior count of each wrong answer, per reviewer and subtype; > 0.
    public var offDiagonalPrior: Double
    /// EBCC: use the majority-vote class totals as the class prior, as the authors' benchmark
    /// does (`classPrior` for a class nobody chose).
    public var empiricalClassPrior: Bool
    /// EBCC: random starts; the one with the highest evidence lower bound is kept. At least 1.
    public var starts: Int
    /// EBCC: seed of the starts; the same seed and answers give the same result, byte for byte.
    public var seed: UInt64

    /// Creates options; every argument defaults to the authors' setting.
    public init(groups: Int = 10, classPrior: Double = 1, groupPrior: Double = 0.1,
                diagonalPrior: Double = 4, offDiagonalPrior: Double = 1,
                empiricalClassPrior: Bool = true, starts: Int = 40, seed: UInt64 = 1234) {
        self.groups = groups
        self.classPrior = classPrior
        self.groupPrior = groupPrior
        self.diagonalPrior = diagonalPrior
        self.offDiagonalPrior = offDiagonalPrior
        self.empiricalClassPrior = empiricalClassPrior
        self.starts = starts
        self.seed = seed
    }
}
