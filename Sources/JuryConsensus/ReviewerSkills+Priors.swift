/// Reading stored skills back into a run's dense worker and label numbering.
extension ReviewerSkills {
    /// Prior accuracy per worker number of `matrix`; nil where the reviewer is unknown.
    func accuracies(for matrix: AnswerMatrix) -> [Double?] {
        matrix.workers.map { reviewers[$0]?.accuracy }
    }

    /// Prior GLAD ability per worker number; nil where unknown.
    func abilities(for matrix: AnswerMatrix) -> [Double?] {
        matrix.workers.map { reviewers[$0]?.ability }
    }

    /// Worker `name`'s confusion matrix remapped to `labels` (`[true][given]`).
    ///
    /// Labels the stored matrix lacks get probability 0 before the caller's clipping;
    /// returns nil when the reviewer has no stored confusion matrix.
    func confusion(of name: String, labels target: [String]) -> [[Double]]? {
        guard let stored = reviewers[name]?.confusion else { return nil }
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        return target.map { truth in
            target.map { given in
                guard let r = index[truth], let c = index[given],
                      r < stored.count, c < stored[r].count else { return 0 }
                return stored[r][c]
            }
        }
    }
}
