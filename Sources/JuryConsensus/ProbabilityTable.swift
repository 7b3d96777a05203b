/// A dense `rows x labelCount` table of non-negative scores, row-major in one buffer.
///
/// Rows are tasks; after `normalizeRows()` each row is a probability distribution over the
/// labels in label order (see `AnswerMatrix`).
public struct ProbabilityTable: Sendable, Equatable {
    /// Row-major values, `rows * labelCount` entries.
    public var values: [Double]
    /// Number of columns (classes).
    public let labelCount: Int

    /// Wraps `values`; `values.count` must be a multiple of `labelCount`.
    public init(values: [Double], labelCount: Int) {
        precondition(labelCount > 0 && values.count % labelCount == 0, "ragged table")
        self.values = values
        self.labelCount = labelCount
    }

    /// Number of rows.
    public var rows: Int { values.count / labelCount }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Double] {
        Array(values[(r * labelCount)..<((r + 1) * labelCount)])
    }

    /// Scales every row to sum to 1; a row summing to zero becomes uniform.
    public mutating func normalizeRows() {
        let k = labelCount
        for r in 0..<rows {
            var total = 0.0
            for c in 0..<k { total += values[r * k + c] }
            for c in 0..<k {
                values[r * k + c] = total > 0 ? values[r * k + c] / total : 1 / Double(k)
            }
        }
    }

    /// Index of the largest entry of row `r`; the first (lowest index) wins a tie.
    public func argmax(_ r: Int) -> Int {
        var best = 0
        for c in 1..<labelCount where values[r * labelCount + c] > values[r * labelCount + best] {
            best = c
        }
        return best
    }

    /// Column means (Crowd-Kit `probas.mean()`), the class priors of the EM methods.
    public func columnMeans() -> [Double] {
        var means = [Double](repeating: 0, count: labelCount)
        for r in 0..<rows { for c in 0..<labelCount { means[c] += values[r * labelCount + c] } }
        return means.map { rows > 0 ? $0 / Double(rows) : 0 }
    }
}
