import Dispatch
import Foundation

/// IBCC and EBCC fitted by mean-field variational inference from several seeded starts.
///
/// Each start splits every task's majority-vote share of each class over the subtypes by its
/// own Dirichlet(1, ..., 1) draw (tied classes share one); the starts run in parallel and the one with the highest evidence
/// lower bound wins (ties: the lowest start number), so the result depends only on the answers,
/// the options and the seed, never on thread scheduling.
enum BayesianClassifierCombination {
    /// Fits `ibcc` (`independent`) or `ebcc` to `m`.
    static func fit(_ m: AnswerMatrix, options: BayesianCombinationOptions, independent: Bool,
                    maxIterations: Int, tolerance: Double) -> MethodFit {
        let problem = BCCProblem(m, priors: BCCPriors(m, options: options, independent: independent))
        let starts = independent ? 1 : max(1, options.starts)
        let best = bestStart(problem, seeds: startSeeds(options.seed, count: starts),
                             maxIterations: maxIterations, tolerance: tolerance)
        let answered = m.answersPerWorker()
        let skills = m.workers.indices.map { w in
            let confusion = best.confusion(of: w)
            return ReviewerSkill(accuracy: best.accuracy(confusion: confusion), answers: answered[w], confusion: confusion)
        }
        return MethodFit(probabilities: ProbabilityTable(values: best.posterior, labelCount: m.labelCount),
                         skills: skills, iterations: best.iterations)
    }

    /// Runs one start per seed, on as many threads as there are cores (each reusing one set of
    /// buffers for its starts), and returns the fit with the highest final bound.
    static func bestStart(_ problem: BCCProblem, seeds: [UInt64], maxIterations: Int, tolerance: Double) -> VariationalBCC {
        let best = BestStart(), queue = StartQueue(count: seeds.count)
        let split = { @Sendable (seed: UInt64) in
            subtypeSplit(shares: problem.shares, classes: problem.priors.classes, groups: problem.priors.groups, seed: seed)
        }
        DispatchQueue.concurrentPerform(iterations: min(seeds.count, ProcessInfo.processInfo.activeProcessorCount)) { _ in
            guard var start = queue.next() else { return }
            var fit = VariationalBCC(problem, split: split(seeds[start]))
            while true {
                let bound = fit.run(maxIterations: maxIterations, tolerance: tolerance).last ?? -.infinity
                best.offer(fit, bound: bound, start: start)
                guard let following = queue.next() else { return }
                start = following
                fit.restart(split: split(seeds[start]))
            }
        }
        return best.winner!
    }

    /// One seed per start, drawn from a generator seeded with `seed`.
    static func startSeeds(_ seed: UInt64, count: Int) -> [UInt64] {
        var generator = SplitMix64(state: seed)
        return (0..<count).map { _ in generator.next() }
    }

    /// Dirichlet(1, ..., 1) draws over `groups` subtypes, one per task and class as in the authors'
    /// code, tasks x classes x groups; a class whose majority-vote share (`shares`, tasks x
    /// classes) equals an earlier class's of the same task reuses that class's draw, so a tied
    /// vote starts, and stays, exactly tied.
    static func subtypeSplit(shares: [Double], classes: Int, groups: Int, seed: UInt64) -> [Double] {
        var generator = SplitMix64(state: seed)
        var split = [Double](repeating: 1, count: shares.count * groups)
        guard groups > 1 else { return split }
        for row in shares.indices {
            let first = row - row % classes
            if let same = (first..<row).first(where: { shares[$0] == shares[row] }) {
                for s in 0..<groups { split[row * groups + s] = split[same * groups + s] }
                continue
            }
            var total = 0.0
            for s in 0..<groups {
                split[row * groups + s] = -SpecialFunctions.log(positive: generator.nextUnitInterval())
                total += split[row * groups + s]
            }
            for s in 0..<groups { split[row * groups + s] /= total }
        }
        return split
    }
}

/// Hands out start numbers 0, 1, ... to the threads of `bestStart`.
private final class StartQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next start number, or nil when all `count` are taken.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
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
