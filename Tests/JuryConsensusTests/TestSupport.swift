@testable import JuryConsensus

/// SplitMix64: a seeded generator so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Builds answers from `"worker task label"` lines.
func answers(_ lines: String) -> [Answer] {
    lines.split(separator: "\n").map { line in
        let parts = line.split(separator: " ").map(String.init)
        return Answer(worker: parts[0], task: parts[1], label: parts[2])
    }
}

/// A random crowd: `items` items, `perItem` distinct reviewers each, reviewers of mixed
/// accuracy, labels "0" ..< "classes".
func randomCrowd(seed: UInt64, items: Int = 60, perItem: Int = 5, workers: Int = 12,
                 classes: Int = 3) -> [Answer] {
    var rng = SeededGenerator(seed: seed)
    let skill = (0..<workers).map { _ in Double.random(in: 0.4...0.95, using: &rng) }
    var out: [Answer] = []
    for t in 0..<items {
        let truth = Int.random(in: 0..<classes, using: &rng)
        var chosen = Set<Int>()
        while chosen.count < perItem { chosen.insert(Int.random(in: 0..<workers, using: &rng)) }
        for w in chosen.sorted() {
            let right = Double.random(in: 0..<1, using: &rng) < skill[w]
            let label = right ? truth : (truth + Int.random(in: 1..<classes, using: &rng)) % classes
            out.append(Answer(worker: "w\(w)", task: "t\(t)", label: "\(label)"))
        }
    }
    return out
}

/// Consensus label per task.
func labels(_ answers: [Answer], _ method: AggregationMethod,
            options: AggregationOptions = AggregationOptions()) -> [String: String] {
    Aggregator(options: options).aggregate(answers, method: method).labelsByTask
}
