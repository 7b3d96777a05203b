/// The parameter step of `VariationalBCC`: E[log v], E[log tau] + E[log pi], the round's dense
/// entries and their scaled exponentials.
///
/// Digamma is taken only where a count left its prior; an entry every count of which is at its
/// prior keeps the precomputed prior value, written once when it comes to its prior. A row's factors are exp(E[log v]) of the round's
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
                var worker = -1
                for row in problem.usedRows {
                    let row = Int(row)
                    if row / k != worker {
                        worker = row / k
                        Self.workerTotals(v.baseAddress! + worker * k * block, problem: problem, fresh: fresh, workspace: workspace)
                    }
                    Self.rowExpectations(row, v: v.baseAddress!, block: block, fresh: fresh, workspace: workspace)
                    Self.rowFactors(row, entries: entries, freshSkipped: freshSkipped, staleTop: staleTops[row % k],
                                    block: block, workspace: workspace)
                }
            } }
        } }
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

    /// Digamma of the reliability totals of the reviewer whose first row starts at `v`, at the
    /// `fresh` entries (the others are not read).
    @inline(__always)
    static func workerTotals(_ v: UnsafePointer<Double>, problem: BCCProblem, fresh: UnsafeBufferPointer<Int>,
                             workspace: BCCWorkspace) {
        let (k, block, lanes) = (problem.priors.classes, problem.block, workspace.lanes)
        for (i, x) in fresh.enumerated() {
            var total = v[x]
            for given in 1..<k { total += v[given * block + x] }
            lanes[i] = total
        }
        digammas(lanes, count: fresh.count)
        for (i, x) in fresh.enumerated() { workspace.totals[x] = lanes[i] }
    }

    /// E[log v] of reliability row `row` at the `fresh` entries, given the reviewer's `totals`.
    @inline(__always)
    static func rowExpectations(_ row: Int, v: UnsafePointer<Double>, block: Int, fresh: UnsafeBufferPointer<Int>,
                                workspace: BCCWorkspace) {
        let (values, logV, totals, lanes) = (v + row * block, workspace.logReliability + row * block, workspace.totals, workspace.lanes)
        for (i, x) in fresh.enumerated() { lanes[i] = values[x] }
        digammas(lanes, count: fresh.count)
        for (i, x) in fresh.enumerated() { logV[x] = lanes[i] - totals[x] }
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

    /// The factors, scale, floor and largest left-out E[log v] of reliability row `row`;
    /// `staleTop` is the largest prior E[log v] of the left-out entries at their prior.
    @inline(__always)
    static func rowFactors(_ row: Int, entries: UnsafeBufferPointer<Int>, freshSkipped: UnsafeBufferPointer<Int>,
                           staleTop: Double, block: Int, workspace: BCCWorkspace) {
        let (logV, record) = (workspace.logReliability + row * block, workspace.record(row, entries: entries.count))
        let factors = record + BCCWorkspace.factorOffset
        guard entries.count < block else {
            let top = UnsafePointer(logV).maxValue(count: block)
            workspace.rowScales[row] = top
            (record[0], record[1]) = (scaledExp(logV, top: top, into: factors, count: block), -.infinity)
            return
        }
        var top = -Double.infinity, bottom = Double.infinity, skippedTop = staleTop
        for x in entries { (top, bottom) = (max(top, logV[x]), min(bottom, logV[x])) }
        for x in freshSkipped { skippedTop = max(skippedTop, logV[x]) }
        let lanes = workspace.lanes
        for (i, x) in entries.enumerated() { lanes[i] = logV[x] - top }
        fourAtATime(lanes, count: entries.count) { SpecialFunctions.exp(nonPositive: $0) }
        factors.update(from: lanes, count: entries.count)
        (workspace.rowScales[row], record[0], record[1]) = (top, bottom - top, skippedTop - top)
    }

    /// Writes exp(values[x] - top) for the `count` values to `factors`, `top` being their
    /// largest; returns min - top. (A plain loop, which the compiler vectorises.)
    @inline(__always)
    static func scaledExp(_ values: UnsafePointer<Double>, top: Double, into factors: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var bottom = Double.infinity
        for x in 0..<count { bottom = min(bottom, values[x]) }
        for x in 0..<count { factors[x] = SpecialFunctions.exp(nonPositive: values[x] - top) }
        return bottom - top
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
