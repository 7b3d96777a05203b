import Foundation

/// What happened to a submitted verdict.
public struct VerdictReceipt: Sendable, Equatable, Codable {
    public let loopName: String
    /// True when this reviewer's identical verdict was already stored (a retry): nothing was added.
    public let alreadyStored: Bool
    public let status: LoopStatus
    public let verdicts: Int
    public let taskCount: Int
    /// The output file, when this verdict completed the loop and the file was written.
    public let output: URL?
    /// Why the output of a loop this verdict completed is not on disk yet (the verdict is stored; the
    /// queue writes the output again later).
    public let outputProblem: String?

    public init(loopName: String, alreadyStored: Bool, status: LoopStatus, verdicts: Int, taskCount: Int, output: URL?,
                outputProblem: String? = nil) {
        (self.loopName, self.alreadyStored, self.status) = (loopName, alreadyStored, status)
        (self.verdicts, self.taskCount, self.output, self.outputProblem) = (verdicts, taskCount, output, outputProblem)
    }

    /// Whether this verdict completed its loop (so its loop has an output to write).
    public var completesLoop: Bool { status == .completed && !alreadyStored }

    /// This receipt with the output file this verdict's loop got in `outputs` (or why it got none).
    public func withOutput(from outputs: Result<[URL], any Error>) -> VerdictReceipt {
        guard completesLoop else { return self }
        let written: [URL], problem: String?
        switch outputs {
        case .success(let files): (written, problem) = (files, nil)
        case .failure(let failure as PendingOutputsFailure):
            // Only this loop's own problem is this verdict's; other loops' outputs are theirs.
            written = failure.written
            problem = failure.problems.first { $0.loop == loopName }.map(\.reason)
        case .failure(let error): (written, problem) = ([], "\(error)")
        }
        let file = written.first { $0.deletingLastPathComponent().lastPathComponent == loopName }
        return VerdictReceipt(loopName: loopName, alreadyStored: false, status: status, verdicts: verdicts, taskCount: taskCount,
                              output: file, outputProblem: file == nil ? problem : nil)
    }
}
