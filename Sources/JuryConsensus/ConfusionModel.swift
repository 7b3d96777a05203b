import Foundation

/// Crowd-Kit's clipping floor for probabilities (`_EPS = 1e-10`).
let probabilityFloor = 1e-10

/// Per-reviewer error matrices of the Dawid-Skene family, in one contiguous buffer.
///
/// `errors[(w * K + given) * K + truth]` = P(worker w answers `given` | true label `truth`),
/// Crowd-Kit's `errors_` layout. Rows of labels a worker never gave stay 0 and are never read.
struct ConfusionModel {
    /// The error probabilities, `workers * K * K` entries.
    var errors: [Double]
    /// Number of classes.
    let labelCount: Int

    /// Log-likelihood of every task's answers under each true label, plus log prior,
    /// turned into a posterior per task (the E-step; Crowd-Kit `_e_step`).
    func posterior(_ m: AnswerMatrix, priors: [Double]) -> ProbabilityTable {
        let k = labelCount
        let logErrors = errors.map { $0 > 0 ? log($0) : 0 }
        let logPriors = priors.map { log(max($0, probabilityFloor)) }
        var table = [Double](repeating: 0, count: m.tasks.count * k)
        m.withBuffers { b in
            table.withUnsafeMutableBufferPointer { out in
                logErrors.withUnsafeBufferPointer { le in
                    for t in 0..<m.tasks.count {
                        for c in 0..<k { out[t * k + c] = logPriors[c] }
                        for a in m.answers(of: t) {
                            let base = (b.worker(a) * k + b.label(a)) * k
                            for c in 0..<k { out[t * k + c] += le[base + c] }
                        }
                        Self.softmax(out, offset: t * k, count: k)
                    }
                }
            }
        }
        return ProbabilityTable(values: table, labelCount: k)
    }

    /// Exponentiates `buffer[offset ..< offset + count]` shifted by its maximum, then
    /// normalises it to sum to 1.
    static func softmax(_ buffer: UnsafeMutableBufferPointer<Double>, offset: Int, count: Int) {
        var top = -Double.infinity
        for c in 0..<count { top = max(top, buffer[offset + c]) }
        var total = 0.0
        for c in 0..<count {
            buffer[offset + c] = exp(buffer[offset + c] - top)
            total += buffer[offset + c]
        }
        for c in 0..<count { buffer[offset + c] /= total }
    }

    /// Crowd-Kit's `_evidence_lower_bound` divided by the number of answers: expected
    /// log joint (log prior added once per answer, as Crowd-Kit does) plus posterior entropy.
    func lowerBound(_ m: AnswerMatrix, posterior p: ProbabilityTable, priors: [Double]) -> Double {
        let k = labelCount
        let logPriors = priors.map { log(max($0, probabilityFloor)) }
        let logErrors = errors.map { $0 > 0 ? log($0) : 0 }
        var joint = 0.0
        m.withBuffers { b in
            p.values.withUnsafeBufferPointer { probs in
                logErrors.withUnsafeBufferPointer { le in
                    for a in 0..<b.count {
                        let row = b.task(a) * k, base = (b.worker(a) * k + b.label(a)) * k
                        for c in 0..<k { joint += probs[row + c] * (le[base + c] + logPriors[c]) }
                    }
                }
            }
        }
        var entropy = 0.0
        for value in p.values {
            let clipped = max(value, probabilityFloor)
            entropy -= clipped * log(clipped)
        }
        return (joint + entropy) / Double(m.answerCount)
    }

    /// Worker `w`'s matrix as `[true][given]` rows for storage.
    func confusion(of w: Int) -> [[Double]] {
        let k = labelCount
        return (0..<k).map { truth in (0..<k).map { given in errors[(w * k + given) * k + truth] } }
    }

    /// Expected accuracy of worker `w` under `priors`: sum over c of prior(c) * P(c | c).
    func accuracy(of w: Int, priors: [Double]) -> Double {
        let k = labelCount
        return (0..<k).reduce(0) { $0 + priors[$1] * errors[(w * k + $1) * k + $1] }
    }
}
