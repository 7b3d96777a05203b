/// The parameter step of `VariationalBCC`: E[log v], E[log tau] + E[log pi], the round's dense
/// entries and their scaled exponentials.
///
/// Digamma is taken only where a count left its prior; an entry every count of which is at its
/// prior keeps the precomputed prior value, written once when it comes to its prior. The round's
/// digammas (every used row's counts and every reviewer's totals at those entries) are taken in
/// one pass over one buffer, four at a time. A row's factors are exp(E[log v]) of the round's
/// entries scaled by their largest (the scale cancels in the normalisation of q).
extension VariationalBCC {
    /// Recomputes every expectation from the current parameters and chooses `entries`.
    mutating func updateExpectations() {
        updatePriorExpectations()
        writePriorLogs()
        let (k, block, problem, workspace) = (problem.priors.classes, problem.block, problem, workspace)
        let fresh = atPrior.indices.filter { !atPrior[$0] }, freshSkipped = skippedEntries.filter { !atPrior[$0] }
        let staleSkipped = skippedEntries.filter { atPrior[$0] }
        let staleTops = (0..<k).map { l in staleSkipped.map { problem.priorLogReliability[l * block + $0] }.max() ?? -.infinity }
        reliability.withUnsafeBufferPointer { v in fresh.withUnsafeBufferPointer { fresh in
            entries.withUnsafeBufferPointer { entries in freshSkipped.withUnsafeBufferPointer { freshSkipped in
                let count = Self.gatherDigammaArguments(v.baseAddress!, problem: problem, fresh: fresh, into: workspace.batch)
                Self.digammas(workspace.batch, count: count)
                var exponents = workspace.exponents
                Self.forEachBatchedRow(problem, fresh: fresh.count) { row, totals, counts, _ in
                    let logV = workspace.logReliability + row * block
                    for (i, x) in fresh.enumerated() { logV[x] = workspace.batch[counts + i] - workspace.batch[totals + i] }
                    Self.rowBounds(row, entries: entries, freshSkipped: freshSkipped, staleTop: staleTops[row % k],
                                   block: block, workspace: workspace, exponents: exponents)
                    exponents += entries.count
                }
                Self.fourAtATime(workspace.exponents, count: exponents - workspace.exponents) { SpecialFunctions.exp(nonPositive: $0) }
                exponents = workspace.exponents
                for row in problem.usedRows {
                    let factors = workspace.record(Int(row), entries: entries.count) + BCCWorkspace.factorOffset
                    factors.update(from: exponents, count: entries.count)
                    exponents += entries.count
                }
            } }
        } }
    }

    /// Writes, reviewer by reviewer in the order of `usedRows`, the reviewer's reliability totals
    /// at the `fresh` entries and then each of its used rows' counts there into `batch` (the layout
    /// of `forEachBatchedRow`); returns how many values it wrote.
    @inline(__always)
    static func gatherDigammaArguments(_ v: UnsafePointer<Double>, problem: BCCProblem, fresh: UnsafeBufferPointer<Int>,
                                       into batch: UnsafeMutablePointer<Double>) -> Int {
        let (k, block) = (problem.priors.classes, problem.block)
        return forEachBatchedRow(problem, fresh: fresh.count) { row, totals, counts, firstOfReviewer in
            if firstOfReviewer {
                let first = v + row / k &* k &* block
                for (i, x) in fresh.enumerated() {
                    var total = first[x]
                    for given in 1..<k { total += first[given &* block &+ x] }
                    batch[totals &+ i] = total
                }
            }
            let values = v + row &* block
            for (i, x) in fresh.enumerated() { batch[counts &+ i] = values[x] }
        }
    }

    /// The batch layout of a round's digamma arguments: reviewer by reviewer in the order of
    /// `usedRows`, `fresh` totals, then `fresh` counts for each of the reviewer's used rows. Calls
    /// `body` for each used row, in order, with the row, where its reviewer's totals and its own
    /// counts start, and whether it is its reviewer's first used row; returns the batch's length.
    @inline(__always)
    @discardableResult
    static func forEachBatchedRow(_ problem: BCCProblem, fresh: Int,
                                  _ body: (_ row: Int, _ totals: Int, _ counts: Int, _ firstOfReviewer: Bool) -> Void) -> Int {
        let k = problem.priors.classes
        var worker = -1, totals = 0, next = 0
        for row in problem.usedRows {
            let row = Int(row), first = row / k != worker
            if first { (worker, totals, next) = (row / k, next, next &+ fresh) }
            body(row, totals, next, first)
            next &+= fresh
        }
        return next
    }

    /// Writes the prior E[log v] of every entry that came to its prior into all used rows; an
    /// entry stays at its prior value in the workspace until a count of it moves.
    mutating func writePriorLogs() {
        let (k, block, logV) = (problem.priors.classes, problem.block, workspace.logReliability)
        for x in 0..<block where atPrior[x] && !logsAtPrior[x] {
            for row in problem.usedRows {
                logV[Int(row) * block + x] = problem.priorLogReliability[Int(row) % k * block + x]
            }
        }
        logsAtPrior = atPrior
    }

    /// E[log tau_k] + E[log pi_km]; sets `entries` (those within `BCCProblem.skipGap` of the
    /// largest, plus the heaviest subtype of each class, so every class keeps a positive
    /// posterior), `skippedEntries`, the prior factors of `entries`, `priorFloor` and `skippedPrior`.
    mutating func updatePriorExpectations() {
        let (k, g) = (problem.priors.classes, problem.priors.groups)
        let allClasses = SpecialFunctions.digamma(problem.priors.classPrior.reduce(0, +) + Double(problem.tasks))
        for c in 0..<k {
            let total = groupWeights[(c * g)..<((c + 1) * g)].reduce(0, +)
            let base = SpecialFunctions.digamma(classWeight(c)) - allClasses - SpecialFunctions.digamma(total)
            for s in 0..<g { logPrior[c * g + s] = base + SpecialFunctions.digamma(groupWeights[c * g + s]) }
        }
        let top = logPrior.max() ?? 0, logPrior = logPrior
        let kept = (0..<k).map { c in (c * g..<(c + 1) * g).max { logPrior[$0] < logPrior[$1] }! }
        let live = logPrior.indices.map { g == 1 || logPrior[$0] - top >= -problem.skipGap || kept[$0 / g] == $0 }
        entries = logPrior.indices.filter { live[$0] }
        skippedEntries = logPrior.indices.filter { !live[$0] }
        skippedPrior = skippedEntries.map { logPrior[$0] - top }.max() ?? -.infinity
        priorFloor = entries.map { logPrior[$0] - top }.min() ?? 0
        for (i, x) in entries.enumerated() { workspace.priorFactors[i] = SpecialFunctions.exp(nonPositive: logPrior[x] - top) }
    }

    /// Replaces the first `count` values of `lanes` (room for `count` rounded up to 4) by their
    /// digamma, four at a time; the lanes past them are set to digamma(1).
    @inline(__always)
    static func digammas(_ lanes: UnsafeMutablePointer<Double>, count: Int) {
        fourAtATime(lanes, count: count) { SpecialFunctions.digamma($0) }
    }

    /// Replaces the first `count` values of `lanes` (room for `count` rounded up to 4) by
    /// `function` of them, four at a time; the lanes past them are set to `function` of 1.
    @inline(__always)
    static func fourAtATime(_ lanes: UnsafeMutablePointer<Double>, count: Int, _ function: (SIMD4<Double>) -> SIMD4<Double>) {
        for i in count..<((count + 3) & ~3) { lanes[i] = 1 }
        let raw = UnsafeMutableRawPointer(lanes)
        for offset in Swift.stride(from: 0, to: count * 8, by: 32) {
            raw.storeBytes(of: function(raw.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)),
                           toByteOffset: offset, as: SIMD4<Double>.self)
        }
    }

    /// The scale, floor and largest left-out E[log v] of reliability row `row`, and the
    /// exponents of its factors (E[log v] minus the scale at the round's entries, in their order)
    /// into `exponents`; `staleTop` is the largest prior E[log v] of the left-out entries at
    /// their prior.
    @inline(__always)
    static func rowBounds(_ row: Int, entries: UnsafeBufferPointer<Int>, freshSkipped: UnsafeBufferPointer<Int>,
                          staleTop: Double, block: Int, workspace: BCCWorkspace, exponents: UnsafeMutablePointer<Double>) {
        let (logV, record) = (workspace.logReliability + row * block, workspace.record(row, entries: entries.count))
        var top = -Double.infinity, bottom = Double.infinity, skippedTop = staleTop
        if entries.count == block {
            for x in 0..<block { (top, bottom) = (max(top, logV[x]), min(bottom, logV[x])) }
            for x in 0..<block { exponents[x] = logV[x] - top }
        } else {
            for x in entries { (top, bottom) = (max(top, logV[x]), min(bottom, logV[x])) }
            for x in freshSkipped { skippedTop = max(skippedTop, logV[x]) }
            for (i, x) in entries.enumerated() { exponents[i] = logV[x] - top }
        }
        (workspace.rowScales[row], record[0], record[1]) = (top, bottom - top, skippedTop - top)
    }

    /// Writes exp(values[x] - top) for the `count` values to `factors`, `top` being at least
    /// their largest. (A plain loop, which the compiler vectorises.)
    @inline(__always)
    static func scaledExp(_ values: UnsafePointer<Double>, top: Double, into factors: UnsafeMutablePointer<Double>, count: Int) {
        for x in 0..<count { factors[x] = SpecialFunctions.exp(nonPositive: values[x] - top) }
    }
}

extension UnsafePointer<Double> {
    /// The largest of the first `count` values (-infinity for none).
    @inline(__always)
    func maxValue(count: Int) -> Double {
        var top = -Double.infinity
        for x in 0..<count { top = Swift.max(top, self[x]) }
        return top
    }
}
