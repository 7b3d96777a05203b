/// The evidence lower bound and the reviewer reliabilities of a `VariationalBCC` fit.
extension VariationalBCC {
    /// Dirichlet parameter of the class prior of class `c`: its prior plus its expected count.
    func classWeight(_ c: Int) -> Double {
        let g = problem.priors.groups
        let counted = groupWeights[(c * g)..<((c + 1) * g)].reduce(0, +) - problem.priors.groupPrior * Double(g)
        return problem.priors.classPrior[c] + counted
    }

    /// The evidence lower bound in nats, exact when the parameters come from the current
    /// assignments (as between rounds of `run`): the log Beta normalisers of all posterior
    /// Dirichlets minus those of the priors, plus the entropy of the assignments.
    func bound() -> Double {
        let (k, g, block) = (problem.priors.classes, problem.priors.groups, problem.block)
        var total = problem.priors.logNormalizers(workers: problem.workers) + entropy()
        total += SpecialFunctions.logBeta(count: k) { classWeight($0) }
        for c in 0..<k { total += SpecialFunctions.logBeta(count: g) { groupWeights[c * g + $0] } }
        for worker in 0..<problem.workers {
            for x in 0..<block {
                total += SpecialFunctions.logBeta(count: k) { reliability[(worker * k + $0) * block + x] }
            }
        }
        return total
    }

    /// Entropy of the current q in nats: of `assignments` (`assignmentEntries.count` values per
    /// task) plus `skippedEntropy`.
    func entropy() -> Double {
        let count = assignmentEntries.count
        var total = skippedEntropy
        for t in 0..<problem.tasks {
            for q in assignments[(t * count)..<(t * count + count)] where q >= .leastNormalMagnitude {
                total -= q * SpecialFunctions.log(positive: q)
            }
        }
        return total
    }

    /// Expected P(reviewer `worker` answers `given` | truth `truth`), averaged over the
    /// truth's subtypes by their expected weights, as `[truth][given]` rows summing to 1.
    func confusion(of worker: Int) -> [[Double]] {
        let (k, g, block) = (problem.priors.classes, problem.priors.groups, problem.block)
        return (0..<k).map { truth in
            let weights = groupWeights[(truth * g)..<((truth + 1) * g)]
            let weightTotal = weights.reduce(0, +)
            return (0..<k).map { given in
                (0..<g).reduce(0.0) { sum, s in
                    let x = truth * g + s
                    let row = (0..<k).reduce(0.0) { $0 + reliability[(worker * k + $1) * block + x] }
                    return sum + groupWeights[x] / weightTotal * reliability[(worker * k + given) * block + x] / row
                }
            }
        }
    }

    /// Expected share of answers equal to the truth: the confusion diagonal weighted by the
    /// expected class prior.
    func accuracy(confusion: [[Double]]) -> Double {
        let weights = confusion.indices.map(classWeight), total = weights.reduce(0, +)
        return confusion.indices.reduce(0) { $0 + weights[$1] / total * confusion[$1][$1] }
    }
}
