/// Unchecked views of the answer arrays for the methods' inner loops.
struct AnswerBuffers {
    let taskOf: UnsafeBufferPointer<Int32>
    let workerOf: UnsafeBufferPointer<Int32>
    let labelOf: UnsafeBufferPointer<Int32>

    /// Number of answers.
    var count: Int { taskOf.count }
    /// Task number of answer `a`.
    func task(_ a: Int) -> Int { Int(taskOf[a]) }
    /// Worker number of answer `a`.
    func worker(_ a: Int) -> Int { Int(workerOf[a]) }
    /// Label number of answer `a`.
    func label(_ a: Int) -> Int { Int(labelOf[a]) }
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
            totals[task(a) * k + label(a)] += weights?[worker(a)] ?? 1
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
        var hits = [Int](repeating: 0, count: workers.count)
        var seen = hits
        withBuffers { answers in
            reference.withUnsafeBufferPointer { reference in
                hits.withUnsafeMutableBufferPointer { hits in
                    seen.withUnsafeMutableBufferPointer { seen in
                        for a in 0..<answers.count {
                            guard let truth = reference[answers.task(a)] else { continue }
                            let worker = answers.worker(a)
                            seen[worker] &+= 1
                            hits[worker] &+= answers.label(a) == truth ? 1 : 0
                        }
                    }
                }
            }
        }
        return zip(hits, seen).map { $1 > 0 ? Double($0) / Double($1) : nil }
    }

    /// Number of answers each worker gave.
    func answersPerWorker() -> [Int] {
        var counts = [Int](repeating: 0, count: workers.count)
        for w in workerOf { counts[Int(w)] += 1 }
        return counts
    }
}
