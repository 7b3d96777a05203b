/// The assignment step of `VariationalBCC`: q(class, subtype) of every task, and from it the
/// counts of the next parameters.
///
/// A task's q over the round's entries is the product of the prior factors and the factors of
/// its answers' rows, or, where that product could underflow (the sum of the floors below -700),
/// exp of the summed logs. The left-out entries are bounded by exp(`skippedPrior` + the sum of
/// each row's largest left-out E[log v] minus its scale); a task whose bound is not below
/// `negligible` times its total is computed over all entries instead. The new q of a task is
/// added, while still in cache, to the counts of its answers' rows.
extension VariationalBCC {
    /// q(class, subtype) of every task from the current expectations, then the parameters
    /// (reliability counts, subtype weights) from the new q. Returns whether no class
    /// posterior moved by more than `tolerance` + 1e-5 times its new value.
    mutating func updateAssignments(tolerance: Double) -> Bool {
        resetParameters()
        let skipped = skippedEntries
        var converged = true, changed = [Bool](repeating: false, count: problem.block), entropy = 0.0
        let problem = problem
        withPassContext(skipped: skipped) { pass in
            problem.rowOf.withUnsafeBufferPointer { rowOf in
                for t in 0..<problem.tasks {
                    let answers = problem.taskStart[t]..<problem.taskStart[t + 1]
                    let row = pass.assignments + t * pass.entries.count
                    let covered = pass.dense(answers, rows: rowOf, into: row)
                    if !covered { pass.full(answers, rows: rowOf, into: row, changed: &changed, entropy: &entropy) }
                    converged = pass.updatePosterior(of: t, from: row, withSkipped: !covered, tolerance: tolerance) && converged
                    pass.add(row, answers: answers, rows: rowOf)
                }
            }
        }
        storeCounts()
        for x in skipped { atPrior[x] = !changed[x] }
        for x in entries { atPrior[x] = false }
        (assignmentEntries, skippedEntropy) = (entries, entropy)
        return converged
    }

    /// The parameters from the current assignments (after `restart`, all entries).
    mutating func countAssignments() {
        let problem = problem
        resetParameters()
        withPassContext(skipped: []) { pass in
            problem.rowOf.withUnsafeBufferPointer { rowOf in
                for t in 0..<problem.tasks {
                    pass.add(pass.assignments + t * pass.entries.count, answers: problem.taskStart[t]..<problem.taskStart[t + 1], rows: rowOf)
                }
            }
        }
        storeCounts()
    }

    /// Sets the used reliability rows, the subtype weights and the workspace counts of
    /// `entries` back to their priors.
    mutating func resetParameters() {
        let (k, block, entries, workspace) = (problem.priors.classes, problem.block, entries, workspace)
        for x in 0..<block { groupWeights[x] = problem.priors.groupPrior }
        for i in entries.indices { workspace.weights[i] = problem.priors.groupPrior }
        problem.rowPriors.withUnsafeBufferPointer { priors in
            reliability.withUnsafeMutableBufferPointer { v in
                for row in problem.usedRows {
                    let row = Int(row), prior = priors.baseAddress! + row % k * block
                    (v.baseAddress! + row * block).update(from: prior, count: block)
                    let counts = workspace.record(row, entries: entries.count) + BCCWorkspace.countOffset(entries.count)
                    for (i, x) in entries.enumerated() { counts[i] = prior[x] }
                }
            }
        }
    }

    /// Copies the workspace counts and subtype weights of `entries` into the parameters.
    mutating func storeCounts() {
        let (block, entries, workspace) = (problem.block, entries, workspace)
        for (i, x) in entries.enumerated() { groupWeights[x] = workspace.weights[i] }
        reliability.withUnsafeMutableBufferPointer { v in
            for row in problem.usedRows {
                let row = Int(row)
                let counts = workspace.record(row, entries: entries.count) + BCCWorkspace.countOffset(entries.count)
                for (i, x) in entries.enumerated() { v[row * block + x] = counts[i] }
            }
        }
    }

    /// Calls `body` with the pointers of one assignment pass over `entries`, `skipped` being the
    /// other entries.
    mutating func withPassContext(skipped: [Int], _ body: (AssignmentPass) -> Void) {
        let (problem, workspace, entries, logPrior) = (problem, workspace, entries, logPrior)
        let (priorFloor, skippedPrior, top) = (priorFloor, skippedPrior, logPrior.max() ?? 0)
        let classes = (0...problem.priors.classes).map { c in entries.count(where: { $0 < c * problem.priors.groups }) }
        assignments.withUnsafeMutableBufferPointer { q in posterior.withUnsafeMutableBufferPointer { posterior in
            reliability.withUnsafeMutableBufferPointer { v in groupWeights.withUnsafeMutableBufferPointer { weights in
                entries.withUnsafeBufferPointer { entries in skipped.withUnsafeBufferPointer { skipped in
                    classes.withUnsafeBufferPointer { classes in logPrior.withUnsafeBufferPointer { logPrior in
                        body(AssignmentPass(problem: problem, workspace: workspace, assignments: q.baseAddress!,
                                            posterior: posterior.baseAddress!, reliability: v.baseAddress!,
                                            groupWeights: weights.baseAddress!, entries: entries, skipped: skipped,
                                            classStarts: classes, logPrior: logPrior,
                                            priorFloor: priorFloor, skippedPrior: skippedPrior, priorTop: top))
                    } }
                } }
            } }
        } }
    }
}
