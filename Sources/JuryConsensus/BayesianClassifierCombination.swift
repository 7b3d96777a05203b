import Dispatch
import Foundation

/// IBCC and EBCC fitted by mean-field variational inference from several seeded starts.
///
/// Each start splits every task's majority-vote shares over the subtypes by its own
/// Dirichlet(1, ..., 1) draw; the starts run in parallel and the one with the highest evidence
/// lower bound wins (ties: the lowest start number), so the result depends only on the answers,
/// the options and the seed, never on thread scheduling.
enum BayesianClassifierCombination {
    /// Fits `ibcc` (`independent`) or `ebcc` to `m`.
    static func fit(_ m: AnswerMatrix, options: BayesianCombinationOptions, independent: Bool,
                    maxIterations: Int, tolerance: Double) -> MethodFit {
        let priors = BCCPriors(m, options: options, independent: independent)
        let starts = independent ? 1 : max(1, options.starts)
        let best = bestStart(m, priors: priors, seeds: startSeeds(options.seed, count: starts),
                             maxIterations: maxIterations, tolerance: tolerance)
        let answered = m.answersPerWorker()
        let skills = m.workers.indices.map { w in
            let confusion = best.confusion(of: w)
            return ReviewerSkill(accuracy: best.accuracy(confusion: confusion), answers: answered[w], confusion: confusion)
        }
        return MethodFit(probabilities: ProbabilityTable(values: best.posterior, labelCount: m.labelCount),
                         skills: skills, iterations: best.iterations)
    }

    /// Runs one start per seed on all cores and returns the fit with the highest final bound.
    static func bestStart(_ m: AnswerMatrix, priors: BCCPriors, seeds: [UInt64],
                          maxIterations: Int, tolerance: Double) -> VariationalBCC {
        let best = BestStart()
        DispatchQueue.concurrentPerform(iterations: seeds.count) { start in
            var fit = VariationalBCC(m, priors: priors,
                                     split: subtypeSplit(tasks: m.tasks.count, groups: priors.groups, seed: seeds[start]))
            let bound = fit.run(m, maxIterations: maxIterations, tolerance: tolerance).last ?? -.infinity
            best.offer(fit, bound: bound, start: start)
        }
        return best.winner!
    }

    /// One seed per start, drawn from a generator seeded with `seed`.
    static func startSeeds(_ seed: UInt64, count: Int) -> [UInt64] {
        var generator = SplitMix64(state: seed)
        return (0..<count).map { _ in generator.next() }
    }

    /// A Dirichlet(1, ..., 1) draw over `groups` subtypes per task, tasks x groups.
    static func subtypeSplit(tasks: Int, groups: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(state: seed)
        var split = [Double](repeating: 1, count: tasks * groups)
        guard groups > 1 else { return split }
        for t in 0..<tasks {
            var total = 0.0
            for s in 0..<groups {
                split[t * groups + s] = -log(generator.nextUnitInterval())
                total += split[t * groups + s]
            }
            for s in 0..<groups { split[t * groups + s] /= total }
        }
        return split
    }
}

/// The best start seen so far, shared by the parallel starts.
private final class BestStart: @unchecked Sendable {
    private let lock = NSLock()
    private var bound = -Double.infinity
    private var start = Int.max
    /// The fit with the highest bound; among equal bounds the lowest start number.
    private(set) var winner: VariationalBCC?

    /// Keeps `fit` if it beats the current winner; a NaN bound counts as minus infinity.
    func offer(_ fit: VariationalBCC, bound: Double, start: Int) {
        let score = bound.isNaN ? -Double.infinity : bound
        lock.lock()
        defer { lock.unlock() }
        if winner == nil || score > self.bound || (score == self.bound && start < self.start) {
            (winner, self.bound, self.start) = (fit, score, start)
        }
    }
}
