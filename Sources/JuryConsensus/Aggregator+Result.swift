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
        let tied = row.indices.filter { row[$0] >= top - options.tieTolerance * top }
        var consensus = ItemConsensus(
            task: matrix.tasks[t], label: matrix.labels[tied[0]], confidence: top,
            probabilities: row, answers: matrix.answers(of: t).count, agreement: 0,
            tiedLabels: nil, unresolved: nil)
        if tied.count > 1 { breakTie(&consensus, tied: tied.map { matrix.labels[$0] }) }
        consensus.agreement = share(of: consensus.label, task: t, matrix: matrix)
        return consensus
    }

    /// Applies the tie policy to an item whose top labels `tied` (in label order) tie.
    func breakTie(_ consensus: inout ItemConsensus, tied: [String]) {
        consensus.tiedLabels = tied
        switch options.tieBreaker {
        case .unresolved: consensus.unresolved = .tie
        case .labelOrder: break
        case .preference(let order):
            if let pick = order.first(where: tied.contains) { consensus.label = pick }
            else { consensus.unresolved = .tie }
        }
    }

    /// Share of task `t`'s answers equal to `label`.
    func share(of label: String, task t: Int, matrix: AnswerMatrix) -> Double {
        let range = matrix.answers(of: t), code = matrix.labels.firstIndex(of: label)
        let hits = range.reduce(0) { $0 + (matrix.labelOf[$1] == code ? 1 : 0) }
        return range.isEmpty ? 0 : Double(hits) / Double(range.count)
    }
}
