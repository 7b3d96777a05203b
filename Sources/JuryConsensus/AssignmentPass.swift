/// The buffers of one assignment pass of `VariationalBCC` and its per-task kernels.
///
/// With L = `entries.count`, q of task t and entry `entries[i]` goes to `assignments` at
/// `t * L + i`, and the factors and counts of reliability row r are in the workspace's record of r.
/// Counts of `entries` go to the workspace (`counts`, `weights`, at the entry's position i),
/// counts of a left-out entry straight to `reliability` and `groupWeights`.
struct AssignmentPass {
    let problem: BCCProblem
    let workspace: BCCWorkspace
    let assignments, posterior, reliability, groupWeights: UnsafeMutablePointer<Double>
    let entries, skipped: UnsafeBufferPointer<Int>
    /// K + 1 positions in `entries`: class c's entries are `classStarts[c]..<classStarts[c + 1]`.
    let classStarts: UnsafeBufferPointer<Int>
    /// E[log tau] + E[log pi] of every entry.
    let logPrior: UnsafeBufferPointer<Double>
    /// See `VariationalBCC`; `priorTop` is the largest E[log tau] + E[log pi].
    let priorFloor, skippedPrior, priorTop: Double

    /// Writes the task's unnormalised q over `entries` into `row` and returns whether every
    /// left-out q is provably below `negligible` (then `row` is normalised).
    @inline(__always)
    func dense(_ answers: Range<Int>, rows: UnsafeBufferPointer<Int32>, into row: UnsafeMutablePointer<Double>) -> Bool {
        let (ws, block, count) = (workspace, problem.block, entries.count), stride = BCCWorkspace.recordStride(count)
        var floor = priorFloor, bound = skippedPrior
        for a in answers {
            let record = ws.records + Int(rows[a]) &* stride
            floor += record[0]
            bound += record[1]
        }
        // The log of a lower bound of the total: the smallest product, or the largest term (1).
        let lowest = floor > -700 ? floor : 0
        if floor > -700 {
            RowKernels.product(ws.priorFactors, factors: ws.records + BCCWorkspace.factorOffset, rows: rows, answers: answers, stride: stride,
                               count: count, into: row)
        } else {
            bound = summedLogs(answers, rows: rows, into: row) + bound
        }
        var total = 0.0
        for i in 0..<count { total += row[i] }
        let excess = bound - problem.negligibleLog
        guard count == block || excess < lowest || (excess < 0 && SpecialFunctions.exp(nonPositive: excess) < total) else {
            return false
        }
        let scale = 1 / total
        for i in 0..<count { row[i] *= scale }
        return true
    }

    /// The log path of `dense`: `row` = exp of the summed logs over `entries`, scaled by their
    /// largest. Returns what turns the bound of the scaled path into one of this path.
    @inline(__always)
    func summedLogs(_ answers: Range<Int>, rows: UnsafeBufferPointer<Int32>, into row: UnsafeMutablePointer<Double>) -> Double {
        let (ws, block, scores) = (workspace, problem.block, workspace.scores)
        var shift = priorTop
        for (i, x) in entries.enumerated() { scores[i] = logPrior[x] }
        for a in answers {
            let r = Int(rows[a]), logV = ws.logReliability + r * block
            shift += ws.rowScales[r]
            for (i, x) in entries.enumerated() { scores[i] += logV[x] }
        }
        let top = UnsafePointer(scores).maxValue(count: entries.count)
        VariationalBCC.scaledExp(scores, top: top, into: row, count: entries.count)
        return shift - top
    }

    /// q of the task over all entries, by the summed logs: `entries` into `row`, the left-out
    /// ones into the workspace's `fullRow` and straight into the counts of the answers' rows
    /// and the subtype weights. Marks in `changed` each left-out entry whose count moved and
    /// adds the left-out q's entropy to `entropy`.
    func full(_ answers: Range<Int>, rows: UnsafeBufferPointer<Int32>, into row: UnsafeMutablePointer<Double>,
              changed: inout [Bool], entropy: inout Double) {
        let (ws, block, full, scores) = (workspace, problem.block, workspace.fullRow, workspace.scores)
        for x in 0..<block { scores[x] = logPrior[x] }
        for a in answers {
            let logV = ws.logReliability + Int(rows[a]) * block
            for x in 0..<block { scores[x] += logV[x] }
        }
        VariationalBCC.scaledExp(scores, top: UnsafePointer(scores).maxValue(count: block), into: full, count: block)
        var total = 0.0
        for x in 0..<block { total += full[x] }
        let scale = 1 / total
        for x in 0..<block { full[x] *= scale }
        for (i, x) in entries.enumerated() { row[i] = full[x] }
        for x in skipped {
            for a in answers {
                let count = reliability + Int(rows[a]) * block + x, before = count.pointee
                count.pointee += full[x]
                if count.pointee != before { changed[x] = true }
            }
            groupWeights[x] += full[x]
            if full[x] >= .leastNormalMagnitude { entropy -= full[x] * SpecialFunctions.log(positive: full[x]) }
        }
    }

    /// Sets the class posterior of task `t` from its normalised q in `row` (plus the left-out
    /// q in `fullRow` when `withSkipped`); returns whether no class moved by more than
    /// `tolerance` + 1e-5 times its new value.
    @inline(__always)
    func updatePosterior(of t: Int, from row: UnsafeMutablePointer<Double>, withSkipped: Bool, tolerance: Double) -> Bool {
        let (k, shares) = (problem.priors.classes, workspace.shares)
        for c in 0..<k {
            var share = 0.0
            for i in classStarts[c]..<classStarts[c + 1] { share += row[i] }
            shares[c] = share
        }
        if withSkipped {
            for x in skipped { shares[x / problem.priors.groups] += workspace.fullRow[x] }
        }
        var converged = true
        for c in 0..<k {
            let share = shares[c]
            converged = converged && abs(share - posterior[t * k + c]) <= tolerance + 1e-5 * share
            posterior[t * k + c] = share
        }
        return converged
    }

    /// Adds a task's q over `entries` in `row` to the workspace counts of its answers' rows and
    /// to the subtype weights.
    @inline(__always)
    func add(_ row: UnsafeMutablePointer<Double>, answers: Range<Int>, rows: UnsafeBufferPointer<Int32>) {
        RowKernels.add(row, to: workspace.records + BCCWorkspace.countOffset(entries.count), rows: rows, answers: answers,
                       stride: BCCWorkspace.recordStride(entries.count), count: entries.count,
                       totals: workspace.weights)
    }
}
