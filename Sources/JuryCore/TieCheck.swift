import JuryConsensus

/// A split vote is never passed off as a consensus: whatever a method learned about the reviewers, an
/// item whose most chosen label shares its vote count with another label (1/1, 1/1/1, 2/2) is a tie,
/// unless the flow breaks ties by its category order (`TieBreaker: category-order`).
enum TieCheck {
    /// `item` marked unresolved (`tie`) when its top vote count is shared; its confidence is then the
    /// top label's share of the votes, not a skill-weighted posterior. `votes` are the item's answers.
    static func classification(_ item: ItemConsensus, labels votes: [Answer]) -> ItemConsensus {
        var counts: [String: Int] = [:]
        for vote in votes where vote.task == item.task { counts[vote.label, default: 0] += 1 }
        let top = counts.values.max() ?? 0
        let leaders = counts.filter { $0.value == top }.map(\.key).sorted()
        guard leaders.count > 1 else { return item }
        var tied = item
        tied.unresolved = .tie
        tied.tiedLabels = leaders
        tied.confidence = min(item.confidence, Double(top) / Double(counts.values.reduce(0, +)))
        return tied
    }

    /// Every item of `result` checked against its own answers among `answers`.
    static func classification(_ items: [ItemConsensus], answers: [Answer]) -> [ItemConsensus] {
        let byTask = Dictionary(grouping: answers, by: \.task)
        return items.map { classification($0, labels: byTask[$0.task] ?? []) }
    }
}
