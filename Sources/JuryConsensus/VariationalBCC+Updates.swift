/// The two coordinate-ascent steps of `VariationalBCC`, as loops over flat buffers.
///
/// Digamma and exp are taken once per parameter and round: a task's q(class, subtype) is the
/// product of exp(E[log tau] + E[log pi]) and exp(E[log v]) of its answers' rows, each row
/// scaled by its largest entry (the scale cancels in the normalisation). Only a task whose
/// product could underflow (the sum of its rows' log ranges below -700) sums logs and takes
/// exp per entry instead. The new q of a task is added, while still in cache, to the
/// reliability counts of its answers' rows for the next round.
extension VariationalBCC {
    /// E[log v] of the used rows, E[log tau] + E[log pi], and their scaled exponentials, from
    /// the current parameters.
    mutating func updateExpectations() {
        let (k, block) = (problem.priors.classes, problem.block)
        let (reliability, problem) = (reliability, problem)
        var (logV, factors, floors, totals) = (logReliability, reliabilityFactors, rowFloors, logTotals)
        (logReliability, reliabilityFactors, rowFloors, logTotals) = ([], [], [], [])
        reliability.withUnsafeBufferPointer { v in
            logV.withUnsafeMutableBufferPointer { logV in factors.withUnsafeMutableBufferPointer { factors in
                totals.withUnsafeMutableBufferPointer { totals in
                    var worker = -1
                    for row in problem.usedRows {
                        let row = Int(row), base = row * block
                        if row / k != worker {
                            worker = row / k
                            let first = worker * k * block
                            for x in 0..<block { totals[x] = v[first + x] }
                            for given in 1..<k {
                                for x in 0..<block { totals[x] += v[first + given * block + x] }
                            }
                            for x in 0..<block { totals[x] = SpecialFunctions.digamma(totals[x]) }
                        }
                        for x in 0..<block { logV[base + x] = SpecialFunctions.digamma(v[base + x]) - totals[x] }
                        floors[row] = Self.scaledExp(logV.baseAddress! + base, into: factors.baseAddress! + base, count: block)
                    }
                }
            } }
        }
        (logReliability, reliabilityFactors, rowFloors, logTotals) = (logV, factors, floors, totals)
        updatePriorExpectations()
    }

    /// E[log tau_k] + E[log pi_km] and their scaled exponentials.
    mutating func updatePriorExpectations() {
        let (k, g) = (problem.priors.classes, problem.priors.groups)
        let classPrior = problem.priors.classPrior
        let allClasses = SpecialFunctions.digamma(classPrior.reduce(0, +) + Double(problem.tasks))
        for c in 0..<k {
            let total = groupWeights[(c * g)..<((c + 1) * g)].reduce(0, +)
            let base = SpecialFunctions.digamma(classWeight(c)) - allClasses - SpecialFunctions.digamma(total)
            for s in 0..<g { logPrior[c * g + s] = base + SpecialFunctions.digamma(groupWeights[c * g + s]) }
        }
        let logPrior = logPrior
        priorFloor = logPrior.withUnsafeBufferPointer { logPrior in
            priorFactors.withUnsafeMutableBufferPointer { factors in
                Self.scaledExp(logPrior.baseAddress!, into: factors.baseAddress!, count: problem.block)
            }
        }
    }

    /// q(class, subtype) of every task from the current expectations, then the parameters
    /// (reliability counts, subtype weights) from the new q. Returns whether no class
    /// posterior moved by more than `tolerance` + 1e-5 times its new value.
    mutating func updateAssignments(tolerance: Double) -> Bool {
        let (k, g, block) = (problem.priors.classes, problem.priors.groups, problem.block)
        resetParameters()
        let (logV, factors, floors, logPrior, priorFactors, priorFloor) =
            (logReliability, reliabilityFactors, rowFloors, logPrior, priorFactors, priorFloor)
        var converged = true, classes = posterior, scratch = scores
        (posterior, scores) = ([], [])
        withParameterBuffers { problem, q, counts, weights in
            logV.withUnsafeBufferPointer { logV in factors.withUnsafeBufferPointer { factors in
                floors.withUnsafeBufferPointer { floors in logPrior.withUnsafeBufferPointer { logPrior in
                    priorFactors.withUnsafeBufferPointer { priorFactors in
                        classes.withUnsafeMutableBufferPointer { posterior in scratch.withUnsafeMutableBufferPointer { scores in
                            problem.rowOf.withUnsafeBufferPointer { rowOf in
                                for t in 0..<problem.tasks {
                                    let row = q + t * block, answers = problem.taskStart[t]..<problem.taskStart[t + 1]
                                    var floor = priorFloor
                                    for a in answers { floor += floors[Int(rowOf[a])] }
                                    if floor > -700 {
                                        Self.multiply(priorFactors.baseAddress!, by: factors.baseAddress!, rows: rowOf,
                                                      answers: answers, block: block, into: row)
                                    } else {
                                        for x in 0..<block { scores[x] = logPrior[x] }
                                        for a in answers {
                                            let source = logV.baseAddress! + Int(rowOf[a]) * block
                                            for x in 0..<block { scores[x] += source[x] }
                                        }
                                        _ = Self.scaledExp(scores.baseAddress!, into: row, count: block)
                                    }
                                    var total = 0.0
                                    for x in 0..<block { total += row[x] }
                                    let scale = 1 / total
                                    for x in 0..<block { row[x] *= scale }
                                    for c in 0..<k {
                                        var share = 0.0
                                        for s in 0..<g { share += row[c * g + s] }
                                        converged = converged && abs(share - posterior[t * k + c]) <= tolerance + 1e-5 * share
                                        posterior[t * k + c] = share
                                    }
                                    Self.add(row, answers: answers, rows: rowOf, block: block, counts: counts, weights: weights)
                                }
                            }
                        } }
                    }
                } }
            } }
        }
        (posterior, scores) = (classes, scratch)
        return converged
    }

    /// The parameters from the current assignments (after `restart`).
    mutating func countAssignments() {
        let block = problem.block
        resetParameters()
        withParameterBuffers { problem, q, counts, weights in
            problem.rowOf.withUnsafeBufferPointer { rowOf in
                for t in 0..<problem.tasks {
                    Self.add(q + t * block, answers: problem.taskStart[t]..<problem.taskStart[t + 1], rows: rowOf,
                             block: block, counts: counts, weights: weights)
                }
            }
        }
    }

    /// Sets the used reliability rows and the subtype weights back to their priors.
    mutating func resetParameters() {
        let (k, block) = (problem.priors.classes, problem.block)
        for x in 0..<block { groupWeights[x] = problem.priors.groupPrior }
        problem.rowPriors.withUnsafeBufferPointer { priors in
            reliability.withUnsafeMutableBufferPointer { v in
                for row in problem.usedRows {
                    let row = Int(row), prior = row % k * block
                    for x in 0..<block { v[row * block + x] = priors[prior + x] }
                }
            }
        }
    }

    /// Calls `body` with the problem and writable assignments, reliabilities and subtype weights.
    mutating func withParameterBuffers(
        _ body: (BCCProblem, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    ) {
        let problem = problem
        assignments.withUnsafeMutableBufferPointer { q in
            reliability.withUnsafeMutableBufferPointer { counts in
                groupWeights.withUnsafeMutableBufferPointer { weights in
                    body(problem, q.baseAddress!, counts.baseAddress!, weights.baseAddress!)
                }
            }
        }
    }

    /// `row` = `first` times the `block`-long rows of `factors` numbered `rows[a]` for the
    /// `answers`.
    @inline(__always)
    static func multiply(_ first: UnsafePointer<Double>, by factors: UnsafePointer<Double>, rows: UnsafeBufferPointer<Int32>,
                         answers: Range<Int>, block: Int, into row: UnsafeMutablePointer<Double>) {
        for x in 0..<block { row[x] = first[x] }
        for a in answers {
            let factor = factors + Int(rows[a]) * block
            for x in 0..<block { row[x] *= factor[x] }
        }
    }

    /// Adds a task's q(class, subtype) `row` to the reliability rows of its `answers` (whose rows
    /// `rows` holds) and to the subtype weights.
    @inline(__always)
    static func add(_ row: UnsafeMutablePointer<Double>, answers: Range<Int>, rows: UnsafeBufferPointer<Int32>, block: Int,
                    counts: UnsafeMutablePointer<Double>, weights: UnsafeMutablePointer<Double>) {
        for a in answers {
            let target = counts + Int(rows[a]) * block
            for x in 0..<block { target[x] += row[x] }
        }
        for x in 0..<block { weights[x] += row[x] }
    }

    /// Writes exp(values[x] - max) for the `count` values to `factors`; returns min - max.
    @inline(__always)
    static func scaledExp(_ values: UnsafePointer<Double>, into factors: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var top = -Double.infinity, bottom = Double.infinity
        for x in 0..<count {
            top = max(top, values[x])
            bottom = min(bottom, values[x])
        }
        for x in 0..<count { factors[x] = SpecialFunctions.exp(nonPositive: values[x] - top) }
        return bottom - top
    }
}
