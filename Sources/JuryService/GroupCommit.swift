import Foundation
import JuryCore
import Synchronization

/// Gathers verdicts that arrive together into one durable transaction: one writer thread takes every
/// verdict waiting when it is free (at most `maximumBatch`), stores them with `Ledger.submit(_:)`, and
/// wakes each submitter once its verdict is durable. A lone verdict waits for nobody.
final class GroupCommit: Sendable {
    private struct Pending: Sendable {
        let submission: VerdictSubmission
        let reply: ReplySlot<VerdictReceipt>
    }

    let ledger: Ledger
    let maximumBatch: Int
    private let state = Mutex<(queue: [Pending], running: Bool, stopped: Bool)>(([], false, false))
    private let wake = DispatchSemaphore(value: 0)
    /// Transactions committed so far (each holds one or more verdicts).
    let commits = Atomic<Int>(0)

    init(ledger: Ledger, maximumBatch: Int = 512) {
        self.ledger = ledger
        self.maximumBatch = maximumBatch
    }

    /// Stores `submission` in the next group commit; returns once it is durable.
    /// - Throws: the verdict's `JuryError`, or the transaction's error when the commit failed.
    func submit(_ submission: VerdictSubmission) throws -> VerdictReceipt {
        let reply = ReplySlot<VerdictReceipt>()
        let startWriter = try state.withLock { state in
            guard !state.stopped else { throw JuryError.io("the queue service is shutting down") }
            state.queue.append(Pending(submission: submission, reply: reply))
            defer { state.running = true }
            return !state.running
        }
        if startWriter { Thread.detachNewThread { [self] in writeLoop() } }
        wake.signal()
        return try reply.wait()
    }

    /// Ends the writer thread once the verdicts already queued are stored.
    func shutdown() {
        state.withLock { $0.stopped = true }
        wake.signal()
    }

    private func writeLoop() {
        while true {
            wake.wait()
            while let batch = nextBatch() { store(batch) }
            if state.withLock({ $0.stopped && $0.queue.isEmpty }) { return }
        }
    }

    private func nextBatch() -> [Pending]? {
        state.withLock { state in
            guard !state.queue.isEmpty else { return nil }
            let batch = Array(state.queue.prefix(maximumBatch))
            state.queue.removeFirst(batch.count)
            return batch
        }
    }

    private func store(_ batch: [Pending]) {
        do {
            let results = try ledger.submit(batch.map(\.submission))
            commits.add(1, ordering: .relaxed)
            for (pending, result) in zip(batch, results) { pending.reply.fill(result.mapError { $0 }) }
        } catch {
            for pending in batch { pending.reply.fill(.failure(error)) }
        }
    }
}

/// A result handed from one thread to another that waits for it.
final class ReplySlot<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let filled = DispatchSemaphore(value: 0)

    func fill(_ value: Result<Value, any Error>) {
        result.withLock { $0 = value }
        filled.signal()
    }

    func wait() throws -> Value {
        filled.wait()
        return try result.withLock { $0! }.get()
    }
}
