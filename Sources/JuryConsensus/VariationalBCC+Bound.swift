/// The evidence lower bound and the reviewer reliabilities of a `VariationalBCC` fit.
extension VariationalBCC {
    /// The evidence lower bound in nats, exact when the parameters were last updated from the
    /// current assignments: the log Beta normalisers of all posterior Dirichlets minus those of
    /// the priors, plus the entropy of the assignments.
    func bound(workers: Int) -> Double {
        let (k, g) = (priors.classes, priors.groups), block = k * g
        var total = priors.logNormalizers(workers: workers) + entropy
        total += SpecialFunctions.logBeta(count: k) { classWeights[$0] }
        for c in 0..<k { total += SpecialFunctions.logBeta(count: g) { groupWeights[c * g + $0] } }
        for worker in 0..<workers {
            for x in 0..<block {
                total += SpecialFunctions.logBeta(count: k) { reliability[(worker * k + $0) * block + x] }
            }
        }
        return total
    }

    /// Expected P(reviewer `worker` answers `given` | truth `truth`), averaged over the
    /// truth's subtypes by their expected weights, as `[truth][given]` rows summing to 1.
    func confusion(of worker: Int) -> [[Double]] {
        let (k, g) = (priors.classes, priors.groups), block = k * g
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
        let total = classWeights.reduce(0, +)
        return confusion.indices.reduce(0) { $0 + classWeights[$1] / total * confusion[$1][$1] }
    }
}
