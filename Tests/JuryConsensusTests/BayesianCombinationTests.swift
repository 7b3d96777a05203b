import Foundation
import Testing
@testable import JuryConsensus

@Suite("IBCC and EBCC")
struct BayesianCombinationTests {
    @Test("a unanimous crowd is followed with high confidence", arguments: [AggregationMethod.ibcc, .ebcc])
    func unanimous(method: AggregationMethod) {
        let data = answers("a t1 x\nb t1 x\nc t1 x\nd t1 x\na t2 y\nb t2 y\nc t2 y\nd t2 y")
        let result = Aggregator().aggregate(data, method: method)
        #expect(result.labelsByTask == ["t1": "x", "t2": "y"])
        #expect(result.items.allSatisfy { $0.confidence > 0.9 && $0.unresolved == nil })
    }

    @Test("a reviewer who always answers the other label is outvoted and rated low", arguments: [AggregationMethod.ibcc, .ebcc])
    func adversarialReviewer(method: AggregationMethod) {
        var data: [Answer] = [], gold: [String: String] = [:]
        for t in 0..<60 {
            let truth = t % 3 == 0 ? "a" : "b", flipped = truth == "a" ? "b" : "a"
            gold["t\(t)"] = truth
            data += [Answer(worker: "p", task: "t\(t)", label: truth), Answer(worker: "q", task: "t\(t)", label: truth),
                     Answer(worker: "liar", task: "t\(t)", label: flipped)]
        }
        let result = Aggregator().aggregate(data, method: method)
        #expect(result.accuracy(gold: gold).accuracy == 1)
        let liar = result.skills.reviewers["liar"]!, honest = result.skills.reviewers["p"]!
        #expect(liar.accuracy < 0.5 && honest.accuracy > 0.8)
        let a = result.labels.firstIndex(of: "a")!, b = result.labels.firstIndex(of: "b")!
        #expect(liar.confusion![a][b] > liar.confusion![a][a])
        #expect(liar.confusion![b][a] > liar.confusion![b][b])
    }

    @Test("a declared class nobody chose is never the consensus and keeps a small posterior", arguments: [AggregationMethod.ibcc, .ebcc])
    func unchosenClass(method: AggregationMethod) {
        let options = AggregationOptions(labels: ["a", "b", "c"])
        let data = answers("p t1 a\nq t1 a\nr t1 b\np t2 b\nq t2 b\nr t2 b\np t3 a\nq t3 b\nr t3 a")
        let result = Aggregator(options: options).aggregate(data, method: method)
        let c = result.labels.firstIndex(of: "c")!
        #expect(result.items.allSatisfy { $0.label != "c" && $0.probabilities[c] > 0 && $0.probabilities[c] < 0.1 })
        #expect(result.items.allSatisfy { abs($0.probabilities.reduce(0, +) - 1) < 1e-9 })
        #expect(result.skills.reviewers.values.allSatisfy { $0.confusion?.count == 3 })
    }

    @Test("two reviewers who disagree on one item leave it unresolved", arguments: [AggregationMethod.ibcc, .ebcc])
    func tie(method: AggregationMethod) {
        let result = Aggregator().aggregate(answers("p t1 x\nq t1 y"), method: method)
        #expect(result.items[0].unresolved == .tie)
        #expect(result.items[0].tiedLabels == ["x", "y"])
        #expect(abs(result.items[0].confidence - 0.5) < 1e-9)
    }

    @Test("the same seed gives the same result, whatever the thread scheduling")
    func deterministic() {
        let data = randomCrowd(seed: 5, items: 80, workers: 15, classes: 4)
        let options = AggregationOptions(bayesian: BayesianCombinationOptions(starts: 9, seed: 77))
        let first = Aggregator(options: options).aggregate(data, method: .ebcc)
        for _ in 0..<3 { #expect(Aggregator(options: options).aggregate(data, method: .ebcc) == first) }
    }

    @Test("the kept start is the one with the highest bound")
    func keepsBestStart() {
        let matrix = AnswerMatrix(randomCrowd(seed: 8, items: 50, workers: 10, classes: 3))
        let options = BayesianCombinationOptions(starts: 6, seed: 3)
        let problem = BCCProblem(matrix, priors: BCCPriors(matrix, options: options, independent: false))
        let seeds = BayesianClassifierCombination.startSeeds(options.seed, count: options.starts)
        let fits = seeds.map { seed in
            var fit = VariationalBCC(problem, split: BayesianClassifierCombination.subtypeSplit(
                shares: problem.shares, classes: 3, groups: 10, seed: seed))
            return (fit.run(maxIterations: 500, tolerance: 1e-3).last!, fit.posterior)
        }
        let best = fits.max { $0.0 < $1.0 }!
        #expect(Set(fits.map(\.0)).count > 1)
        let result = Aggregator(options: AggregationOptions(bayesian: options)).aggregate(matrix, method: .ebcc)
        #expect(result.items.flatMap(\.probabilities) == best.1)
    }

    @Test("the evidence lower bound never decreases over the iterations", arguments: [1, 10] as [Int])
    func boundIncreases(groups: Int) {
        let matrix = AnswerMatrix(randomCrowd(seed: 21, items: 70, workers: 12, classes: 3))
        let priors = BCCPriors(matrix, options: BayesianCombinationOptions(groups: groups), independent: false)
        let problem = BCCProblem(matrix, priors: priors)
        var fit = VariationalBCC(problem, split: BayesianClassifierCombination.subtypeSplit(
            shares: problem.shares, classes: 3, groups: groups, seed: 9))
        let bounds = fit.run(maxIterations: 500, tolerance: 1e-6, trace: true)
        #expect(bounds.count > 3)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $1 >= $0 - 1e-9 * abs($0) })
        #expect(bounds.last! > bounds.first!)
    }

    @Test("subtype splits are Dirichlet draws per task and class, shared by tied classes, different per seed")
    func splits() {
        let shares = [0.5, 0.5, 0, 0.2, 0.8, 0]
        let one = BayesianClassifierCombination.subtypeSplit(shares: shares, classes: 3, groups: 10, seed: 1)
        let other = BayesianClassifierCombination.subtypeSplit(shares: shares, classes: 3, groups: 10, seed: 2)
        #expect(one.count == 60 && one.allSatisfy { $0 > 0 })
        #expect((0..<6).allSatisfy { row in abs(one[(row * 10)..<(row * 10 + 10)].reduce(0, +) - 1) < 1e-12 })
        #expect(one[0..<10] == one[10..<20])
        #expect(one[30..<40] != one[40..<50])
        #expect(one != other)
    }

    @Test("the vectorisable exp, log and digamma agree with the C library", arguments: [1e-300, 0.01, 0.5, 1, 4, 6.5, 37, 1e5, 1e12])
    func specialFunctions(x: Double) {
        #expect(abs(SpecialFunctions.log(positive: x) - log(x)) <= 1e-15 * max(1, abs(log(x))))
        #expect(abs(SpecialFunctions.exp(nonPositive: -x / 2) - exp(-x / 2)) <= 1e-15 * exp(-x / 2) || x / 2 > 708)
        let reference = digammaByRecurrence(x)
        #expect(abs(SpecialFunctions.digamma(x) - reference) <= 1e-13 * max(1, abs(reference)))
    }

    @Test("the four-lane digamma and exp give the scalar functions' bits in every lane")
    func fourLanes() {
        var generator = SplitMix64(state: 7)
        for _ in 0..<2_000 {
            // Positive values over 40 binades for digamma, non-positive ones past -708 for exp.
            let values = SIMD4<Double>((0..<4).map { _ in 0x1p-20 * pow(2, generator.nextUnitInterval() * 40) })
            let digammas = SpecialFunctions.digamma(values), exps = SpecialFunctions.exp(nonPositive: -values / 1000)
            for lane in 0..<4 {
                #expect(digammas[lane].bitPattern == SpecialFunctions.digamma(values[lane]).bitPattern)
                #expect(exps[lane].bitPattern == SpecialFunctions.exp(nonPositive: -values[lane] / 1000).bitPattern)
            }
        }
    }

    @Test("log splits its argument into m * 2^e, m in (r / 2, r] for r the Double nearest sqrt(2), by integer operations alone")
    func logArguments() {
        let root = 1.4142135623730951 // the Double nearest sqrt(2)
        let values: [Double] = [1, 2, 0.5, 3, 12_345.678, 1e-300, root, root.nextUp, root.nextDown, root / 2,
                                (root / 2).nextUp, 2 * root, (2 * root).nextUp, .leastNormalMagnitude, .greatestFiniteMagnitude]
        for value in values {
            let (mantissa, exponent) = value.logArguments
            #expect(mantissa > root / 2 && mantissa <= root, "\(value)")
            #expect(Double(sign: .plus, exponent: Int(exponent), significand: mantissa) == value, "\(value)")
        }
        #expect(root.logArguments == (root, 0) && root.nextUp.logArguments == (root.nextUp / 2, 1))
        for start in stride(from: 0, to: values.count - 3, by: 1) {
            let lanes = SIMD4(values[start..<(start + 4)]), (mantissas, exponents) = lanes.logArguments
            for lane in 0..<4 {
                #expect(mantissas[lane] == lanes[lane].logArguments.mantissa && exponents[lane] == lanes[lane].logArguments.exponent)
            }
        }
    }

    /// Digamma from the recurrence up to 20 and the asymptotic series there: the slow reference.
    func digammaByRecurrence(_ value: Double) -> Double {
        var x = value, shift = 0.0
        while x < 20 {
            shift -= 1 / x
            x += 1
        }
        let f = 1 / (x * x)
        return shift + log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))))
    }
}
