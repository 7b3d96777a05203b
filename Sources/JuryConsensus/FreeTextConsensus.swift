/// One reviewer's free-text answer for one item.
public struct FreeTextAnswer: Sendable, Hashable, Codable {
    public var worker: String
    public var task: String
    public var text: String

    /// Creates a free-text answer.
    public init(worker: String, task: String, text: String) {
        self.worker = worker
        self.task = task
        self.text = text
    }
}

/// The free-text consensus for one item: always one reviewer's answer, verbatim.
public struct FreeTextConsensus: Sendable, Equatable {
    /// Item id.
    public var task: String
    /// The chosen answer exactly as its reviewer wrote it.
    public var text: String
    /// The reviewer whose answer was chosen.
    public var worker: String
    /// Mean normalised edit similarity of the chosen answer to the other answers, in [0, 1];
    /// 0 when there is only one answer.
    public var confidence: Double
    /// Answers received.
    public var answers: Int
    /// `.tie` when distinct answers share the best score; `.tooFewAnswers` for one answer.
    public var unresolved: UnresolvedReason?
}

/// Free text: pick the answer that agrees most with the others. Never composes new text.
///
/// Similarity of two answers = 1 - Levenshtein distance / length of the longer, over
/// grapheme clusters after `ValueNormalizer.cleanText` (NFKC, case, whitespace); two empty
/// answers are identical. Each answer scores its mean similarity to the other answers; the
/// best score wins, the earliest answer on equal scores. A tie is reported only between
/// answers that differ after normalisation.
public struct FreeTextAggregator: Sendable {
    /// Scores within this distance count as equal (default 1e-9).
    public var tieTolerance: Double

    /// Creates an aggregator.
    public init(tieTolerance: Double = 1e-9) {
        self.tieTolerance = tieTolerance
    }

    /// One consensus per item, in order of first answer.
    public func aggregate(_ answers: [FreeTextAnswer]) -> [FreeTextConsensus] {
        groupedByTask(answers, task: \.task).map { choose($0.answers) }
    }

    /// The consensus among one item's answers (non-empty).
    func choose(_ answers: [FreeTextAnswer]) -> FreeTextConsensus {
        let texts = answers.map { Array(ValueNormalizer.cleanText($0.text)) }
        let similarity = EditSimilarity.matrix(texts)
        let scores = texts.indices.map { i in
            texts.indices.filter { $0 != i }
                .reduce(0.0) { $0 + similarity[i][$1] }
                / Double(max(texts.count - 1, 1))
        }
        let best = scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }!
        let tied = scores.indices.contains {
            abs(scores[$0] - scores[best]) <= tieTolerance && texts[$0] != texts[best]
        }
        let reason: UnresolvedReason? = answers.count < 2 ? .tooFewAnswers : (tied ? .tie : nil)
        return FreeTextConsensus(task: answers[best].task, text: answers[best].text,
                                 worker: answers[best].worker,
                                 confidence: answers.count < 2 ? 0 : ConsensusBlock.rounded(scores[best]),
                                 answers: answers.count, unresolved: reason)
    }
}

/// Normalised edit similarity.
public enum EditSimilarity {
    /// 1 - Levenshtein(a, b) / max(|a|, |b|); 1 for two empty sequences.
    public static func similarity<T: Equatable>(_ a: [T], _ b: [T]) -> Double {
        let longest = max(a.count, b.count)
        return longest == 0 ? 1 : 1 - Double(distance(a, b)) / Double(longest)
    }

    /// Symmetric matrix of `similarity` between every two sequences, each pair computed
    /// once; the diagonal is 1.
    static func matrix<T: Equatable>(_ sequences: [[T]]) -> [[Double]] {
        var result = [[Double]](repeating: [Double](repeating: 1, count: sequences.count),
                                count: sequences.count)
        for i in sequences.indices {
            for j in sequences.indices where j > i {
                result[i][j] = similarity(sequences[i], sequences[j])
                result[j][i] = result[i][j]
            }
        }
        return result
    }

    /// Levenshtein distance (unit insert, delete, substitute) in O(|a| |b|) time.
    public static func distance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count), current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitute, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension ConsensusBlock {
    /// The block for a free-text consensus; `value` is the chosen answer verbatim, absent for a tie.
    public static func freeText(_ item: FreeTextConsensus, policy: EscalationPolicy? = nil,
                                extraReviewers: Int = 0) -> ConsensusBlock {
        var block = ConsensusBlock(
            taskType: .freeText, method: "edit-similarity", value: item.unresolved == .tie ? nil : item.text,
            confidence: rounded(item.confidence), unresolved: false,
            agreement: rounded(item.confidence), answers: item.answers)
        block.applyPolicy(policy, extraReviewers: extraReviewers, known: item.unresolved)
        return block
    }
}
