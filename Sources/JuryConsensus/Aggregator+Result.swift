/// What a method hands back before ties and naming are applied.
struct MethodFit {
    /// Posterior (or vote share) per task and label.
    var probabilities: ProbabilityTable
    /// Skill per worker number.
    var skills: [ReviewerSkill]
    /// Rounds run.
    var iterations: Int
}

extension Aggregator {
    /// Turns a fit into named items, applying the tie policy.
    func makeResult(_ fit: MethodFit, matrix: AnswerMatrix,
                    method: AggregationMethod) -> AggregationResult {
        let items = matrix.tasks.indices.map { item(fit.probabilities, task: $0, matrix: matrix) }
        let named = Dictionary(uniqueKeysWithValues: zip(matrix.workers, fit.skills))
        let skills = ReviewerSkills(method: method, labels: matrix.labels, reviewers: named)
        return AggregationResult(method: method, labels: matrix.labels, items: items,
                                 skills: skills, iterations: fit.iterations)
    }

    /// The consensus of task `t`: top label, confidence, tie handling.
    func item(_ table: ProbabilityTable, task t: Int, matrix: AnswerMatrix) -> ItemConsensus {
        let row = table.row(t)
        let top = row.max() ?? 0
        let floor = top - options.tieTolerance * top
        let first = row.firstIndex { $0 >= floor } ?? 0
        var consensus = ItemConsensus(
            task: matrix.tasks[t], label: matrix.labels[first], confidence: top,
            probabilities: row, answers: matrix.answers(of: t).count, agreement: 0,
            tiedLabels: nil, unresolved: nil)
        var code = first
        if row[(first + 1)...].contains(where: { $0 >= floor }) {
            code = breakTie(&consensus, tied: row.indices.filter { row[$0] >= floor }, labels: matrix.labels)
        }
        consensus.agreement = share(of: code, task: t, matrix: matrix)
        return consensus
    }

    /// Applies the tie policy to an item whose top label numbers `tied` (in label order) tie;
    /// returns the number of the label the item keeps.
    func breakTie(_ consensus: inout ItemConsensus, tied: [Int], labels: [String]) -> Int {
        consensus.tiedLabels = tied.map { labels[$0] }
        switch options.tieBreaker {
        case .unresolved: consensus.unresolved = .tie
        case .labelOrder: break
        case .preference(let order):
            let pick = order.lazy.compactMap { preferred in tied.first { labels[$0] == preferred } }.first
            guard let pick else {
                consensus.unresolved = .tie
                break
            }
            consensus.label = labels[pick]
            return pick
        }
        return tied[0]
    }

    /// Share of task `t`'s answers equal to label number `code`.
    func share(of code: Int, task t: Int, matrix: AnswerMatrix) -> Double {
        let range = matrix.answers(of: t)
        let hits = range.reduce(0) { $0 + (matrix.label($1) == code ? 1 : 0) }
        return range.isEmpty ? 0 : Double(hits) / Double(range.count)
    }
}
