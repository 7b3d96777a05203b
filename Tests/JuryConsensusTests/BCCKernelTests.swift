import Testing
@testable import JuryConsensus

@Suite("EBCC kernels")
struct BCCKernelTests {
    /// Rows of `width` seeded values in (0.5, 1.5), `rows` of them, and answers naming rows.
    static func table(rows: Int, width: Int, answers: Int, seed: UInt64) -> ([Double], [Int32]) {
        var generator = SplitMix64(state: seed)
        let values = (0..<(rows * width)).map { _ in 0.5 + generator.nextUnitInterval() }
        return (values, (0..<answers).map { _ in Int32(generator.next() % UInt64(rows)) })
    }

    @Test("the chunked product equals the plain loop to the bit, tails included", arguments: [0, 1, 2, 3, 5, 8, 11, 19, 40])
    func product(count: Int) {
        let (factors, rows) = Self.table(rows: 7, width: 40, answers: 6, seed: UInt64(count))
        let first = (0..<40).map { 1 + Double($0) / 64 }
        var chunked = [Double](repeating: .nan, count: 40)
        rows.withUnsafeBufferPointer { rows in
            RowKernels.product(first, factors: factors, rows: rows, answers: 1..<6, stride: 40, count: count, into: &chunked)
        }
        let plain = (0..<count).map { i in rows[1..<6].reduce(first[i]) { $0 * factors[Int($1) * 40 + i] } }
        #expect(Array(chunked[0..<count]) == plain)
        #expect(chunked[count...].allSatisfy { $0.isNaN })
    }

    @Test("the chunked add equals the plain loop to the bit, a row answered twice included", arguments: [1, 4, 7, 17, 40])
    func add(count: Int) {
        let (start, _) = Self.table(rows: 5, width: 40, answers: 0, seed: 99)
        let rows: [Int32] = [3, 1, 3, 0]
        let row = (0..<40).map { 0.25 + Double($0) / 128 }
        var (counts, totals) = (start, [Double](repeating: 0.5, count: 40))
        rows.withUnsafeBufferPointer { rows in
            RowKernels.add(row, to: &counts, rows: rows, answers: 0..<4, stride: 40, count: count, totals: &totals)
        }
        var expected = start
        for r in rows { for i in 0..<count { expected[Int(r) * 40 + i] += row[i] } }
        #expect(counts == expected)
        #expect(totals == (0..<40).map { $0 < count ? 0.5 + row[$0] : 0.5 })
    }

    @Test("leaving starved subtypes out gives the full computation's counts, posterior and rounds")
    func skippingIsExact() {
        let matrix = AnswerMatrix(randomCrowd(seed: 5, items: 400, perItem: 4, workers: 20, classes: 3))
        let priors = BCCPriors(matrix, options: BayesianCombinationOptions(), independent: false)
        let fits = [BCCProblem(matrix, priors: priors), BCCProblem(matrix, priors: priors, skipGap: .infinity)].map { problem in
            var fit = VariationalBCC(problem, split: BayesianClassifierCombination.subtypeSplit(
                shares: problem.shares, classes: 3, groups: 10, seed: 11))
            let bound = fit.run(maxIterations: 500, tolerance: 1e-3).last!
            return (fit, bound)
        }
        let (skipping, full) = (fits[0].0, fits[1].0)
        #expect(skipping.entries.count < 10 && full.entries.count == 30)
        #expect(skipping.iterations == full.iterations)
        #expect(zip(skipping.posterior, full.posterior).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(zip(skipping.reliability, full.reliability).allSatisfy { abs($0 - $1) <= 1e-12 * $1 })
        #expect(abs(fits[0].1 - fits[1].1) < 1e-9 * abs(fits[1].1))
        #expect(skipping.posterior.allSatisfy { $0 > 0 })
    }
}
