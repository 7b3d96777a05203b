/// Unchecked views of the answer arrays for the methods' inner loops.
struct AnswerBuffers {
    let taskOf: UnsafeBufferPointer<Int>
    let workerOf: UnsafeBufferPointer<Int>
    let labelOf: UnsafeBufferPointer<Int>
}

/// Vote counting and agreement-with-reference helpers shared by the methods.
extension AnswerMatrix {
    /// Calls `body` with unchecked views of the answer arrays (valid only inside `body`).
    func withBuffers<R>(_ body: (AnswerBuffers) -> R) -> R {
        taskOf.withUnsafeBufferPointer { t in
            workerOf.withUnsafeBufferPointer { w in
                labelOf.withUnsafeBufferPointer { l in body(AnswerBuffers(taskOf: t, workerOf: w, labelOf: l)) }
            }
        }
    }

    /// Per-task weighted vote totals, `tasks.count x labels.count`, row-major.
    ///
    /// `weight[w]` is worker `w`'s vote weight; pass nil for one vote each.
    func voteTotals(weights: [Double]? = nil) -> [Double] {
        let k = labelCount
        var totals = [Double](repeating: 0, count: tasks.count * k)
        for a in 0..<answerCount {
            totals[taskOf[a] * k + labelOf[a]] += weights?[workerOf[a]] ?? 1
        }
        return totals
    }

    /// Vote shares per task: totals divided by the task's total (Crowd-Kit `normalize_rows`).
    ///
    /// A task whose total is zero (all weights zero) gets a uniform row.
    func voteShares(weights: [Double]? = nil) -> ProbabilityTable {
        var table = ProbabilityTable(values: voteTotals(weights: weights), labelCount: labelCount)
        table.normalizeRows()
        return table
    }

    /// Each worker's share of answers equal to `reference[task]` (Crowd-Kit `get_accuracy`).
    ///
    /// Answers to tasks whose reference is nil are skipped; a worker with no scored answer
    /// gets nil.
    func accuracy(against reference: [Int?]) -> [Double?] {
        var hits = [Double](repeating: 0, count: workers.count)
        var seen = hits
        for a in 0..<answerCount {
            guard let truth = reference[taskOf[a]] else { continue }
            seen[workerOf[a]] += 1
            if labelOf[a] == truth { hits[workerOf[a]] += 1 }
        }
        return zip(hits, seen).map { $1 > 0 ? $0 / $1 : nil }
    }

    /// Number of answers each worker gave.
    func answersPerWorker() -> [Int] {
        var counts = [Int](repeating: 0, count: workers.count)
        for w in workerOf { counts[w] += 1 }
        return counts
    }
}
