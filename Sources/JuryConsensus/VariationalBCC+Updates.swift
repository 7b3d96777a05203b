import Foundation

/// The two coordinate-ascent steps of `VariationalBCC`.
extension VariationalBCC {
    /// q(parameters) from the current assignments: expected counts plus priors, and the
    /// expected logs the assignment step reads.
    mutating func updateParameters(_ m: AnswerMatrix) {
        countReliabilities(m)
        expectLogReliabilities()
        let (k, g) = (priors.classes, priors.groups), block = k * g
        for x in 0..<block { groupWeights[x] = priors.groupPrior }
        for c in 0..<k { classWeights[c] = priors.classPrior[c] }
        for t in 0..<(assignments.count / block) {
            for x in 0..<block { groupWeights[x] += assignments[t * block + x] }
            for c in 0..<k { classWeights[c] += posterior[t * k + c] }
        }
        let classTotal = SpecialFunctions.digamma(classWeights.reduce(0, +))
        for c in 0..<k {
            let row = groupWeights[(c * g)..<((c + 1) * g)]
            let base = SpecialFunctions.digamma(classWeights[c]) - classTotal
                - SpecialFunctions.digamma(row.reduce(0, +))
            for s in 0..<g { logPrior[c * g + s] = base + SpecialFunctions.digamma(groupWeights[c * g + s]) }
        }
    }

    /// Reliability parameters: the prior plus each answer's expected class and subtype.
    mutating func countReliabilities(_ m: AnswerMatrix) {
        let (k, g) = (priors.classes, priors.groups), block = k * g
        var counts = reliabilityPriors
        reliability = []
        m.withBuffers { b in
            counts.withUnsafeMutableBufferPointer { mu in
                assignments.withUnsafeBufferPointer { q in
                    for a in 0..<b.count {
                        let source = b.task(a) * block, target = (b.worker(a) * k + b.label(a)) * block
                        Self.add(q.baseAddress! + source, into: mu.baseAddress! + target, count: block)
                    }
                }
            }
        }
        reliability = counts
    }

    /// E[log v] = digamma(parameter) - digamma(sum over the labels given), on used rows.
    mutating func expectLogReliabilities() {
        let (k, g) = (priors.classes, priors.groups), block = k * g
        var totals = [Double](repeating: 0, count: block)
        for worker in 0..<(reliability.count / (k * block)) {
            for x in 0..<block { totals[x] = 0 }
            for given in 0..<k { for x in 0..<block { totals[x] += reliability[(worker * k + given) * block + x] } }
            for x in 0..<block { totals[x] = SpecialFunctions.digamma(totals[x]) }
            for given in 0..<k where usedRows[worker * k + given] {
                let row = (worker * k + given) * block
                for x in 0..<block { logReliability[row + x] = SpecialFunctions.digamma(reliability[row + x]) - totals[x] }
            }
        }
    }

    /// q(class, subtype) of every task from the current parameters; updates `entropy` and
    /// returns the largest change of a class posterior.
    mutating func updateAssignments(_ m: AnswerMatrix) -> Double {
        let (k, g) = (priors.classes, priors.groups), block = k * g
        var scores = assignments, classes = posterior
        (assignments, posterior) = ([], [])
        var change = 0.0, entropy = 0.0
        m.withBuffers { b in
            scores.withUnsafeMutableBufferPointer { q in
                logReliability.withUnsafeBufferPointer { logV in
                    for t in 0..<(q.count / block) {
                        let row = t * block
                        for x in 0..<block { q[row + x] = logPrior[x] }
                        for a in m.answers(of: t) {
                            let source = (b.worker(a) * k + b.label(a)) * block
                            Self.add(logV.baseAddress! + source, into: q.baseAddress! + row, count: block)
                        }
                        entropy += Self.softmaxEntropy(q, offset: row, count: block)
                        change = max(change, Self.collapse(q, task: t, into: &classes, classes: k, groups: g))
                    }
                }
            }
        }
        (assignments, posterior, self.entropy) = (scores, classes, entropy)
        return change
    }

    /// Sums task `t`'s subtypes into `posterior` (tasks x K); returns the largest change.
    static func collapse(_ q: UnsafeMutableBufferPointer<Double>, task t: Int, into posterior: inout [Double],
                         classes k: Int, groups g: Int) -> Double {
        var change = 0.0
        for c in 0..<k {
            var total = 0.0
            for s in 0..<g { total += q[(t * k + c) * g + s] }
            change = max(change, abs(total - posterior[t * k + c]))
            posterior[t * k + c] = total
        }
        return change
    }

    /// Adds `count` values from `source` to `target` (non-overlapping ranges).
    @inline(__always)
    static func add(_ source: UnsafePointer<Double>, into target: UnsafeMutablePointer<Double>, count: Int) {
        for x in 0..<count { target[x] += source[x] }
    }

    /// Turns log scores `buffer[offset ..< offset + count]` into probabilities; returns their
    /// entropy in nats.
    static func softmaxEntropy(_ buffer: UnsafeMutableBufferPointer<Double>, offset: Int, count: Int) -> Double {
        var top = -Double.infinity
        for x in offset..<(offset + count) { top = max(top, buffer[x]) }
        var total = 0.0, weighted = 0.0
        for x in offset..<(offset + count) {
            let shifted = buffer[x] - top, e = exp(shifted)
            buffer[x] = e
            total += e
            weighted += e * shifted
        }
        for x in offset..<(offset + count) { buffer[x] /= total }
        return log(total) - weighted / total
    }
}
