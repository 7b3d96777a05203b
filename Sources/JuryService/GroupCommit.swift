import Foundation
import JuryCore
import Synchronization

/// Gathers the claims, verdicts and started loops that arrive together into one transaction: one writer
/// thread takes every write waiting when it is free (at most `maximumBatch`), performs them with
/// `Ledger.perform(_:)`, and wakes each caller once its write is committed (durably when the batch holds
/// a verdict or a loop). A lone write waits for nobody.
///
/// Outputs are a second stage: a verdict that completes its loop is answered once its `output.json` is
/// written too, by an output thread, while the writer already commits the next writes.
final class GroupCommit: Sendable {
    private struct Pending: Sendable {
        let write: LedgerWrite
        let reply: ReplySlot<LedgerWriteOutcome>

        var holdsVerdict: Bool {
            if case .verdict = write { true } else { false }
        }
    }

    let ledger: Ledger
    let maximumBatch: Int
    private let writes = WorkQueue<Pending>()
    private let completions = WorkQueue<(VerdictReceipt, ReplySlot<LedgerWriteOutcome>)>()
    /// Transactions that held at least one verdict, committed so far.
    let commits = Atomic<Int>(0)

    init(ledger: Ledger, maximumBatch: Int = 512) {
        self.ledger = ledger
        self.maximumBatch = maximumBatch
    }

    /// Stores `submission` in the next group commit; returns once it is durable (and, when it completed
    /// its loop, once the output is written or has failed to be).
    /// - Throws: the verdict's `JuryError`, or the transaction's error when the commit failed.
    func submit(_ submission: VerdictSubmission) throws -> VerdictReceipt {
        guard case .recorded(let receipt) = try perform(.verdict(submission)) else { preconditionFailure("a verdict was answered as another write") }
        return receipt
    }

    /// Claims the next slot for `reviewer` in the next group commit (see `Ledger.claim(reviewer:flow:order:)`).
    /// - Throws: the claim's `JuryError`, or the transaction's error when the commit failed.
    func claim(reviewer: String, flow: String?, order: ClaimOrder) throws -> ClaimedTask? {
        guard case .claimed(let task) = try perform(.claimNext(reviewer: reviewer, flow: flow, order: order)) else {
            preconditionFailure("a claim was answered as another write")
        }
        return task
    }

    /// Starts a loop (StartHumanLoop) in the next group commit; returns once it is durable.
    /// - Throws: the transaction's error when the commit failed.
    func admit(_ admission: LoopAdmission) throws -> AdmissionResult {
        guard case .admitted(let result) = try perform(.admission(admission)) else { preconditionFailure("a started loop was answered as another write") }
        return result
    }

    /// Ends both threads once the work already queued is done.
    func shutdown() {
        writes.stop()
        completions.stop()
    }

    private func perform(_ write: LedgerWrite) throws -> LedgerWriteOutcome {
        let reply = ReplySlot<LedgerWriteOutcome>()
        try writes.add(Pending(write: write, reply: reply)) { [self] in
            Thread.detachNewThread { [self] in writes.drain(upTo: maximumBatch) { store($0) } }
            Thread.detachNewThread { [self] in completions.drain(upTo: .max) { writeOutputs($0) } }
        }
        return try reply.wait()
    }

    private func store(_ batch: [Pending]) {
        let results: [Result<LedgerWriteOutcome, JuryError>]
        do {
            results = try ledger.perform(batch.map(\.write))
            if batch.contains(where: \.holdsVerdict) { commits.add(1, ordering: .relaxed) }
        } catch {
            for pending in batch { pending.reply.fill(.failure(error)) }
            return
        }
        for (pending, result) in zip(batch, results) {
            if case .success(.recorded(let receipt)) = result, receipt.completesLoop {
                try? completions.add((receipt, pending.reply)) {}
            } else {
                pending.reply.fill(result.mapError { $0 })
            }
        }
    }

    /// Writes the pending outputs; each completing verdict learns where its loop's output is (another
    /// writer, such as the maintenance turn, may have written it first) or why it is not.
    private func writeOutputs(_ batch: [(VerdictReceipt, ReplySlot<LedgerWriteOutcome>)]) {
        let outputs = Result { try ledger.writePendingOutputs() }
        for (receipt, reply) in batch {
            let written = (try? ledger.writtenOutput(loop: receipt.loopName)).flatMap { $0 }
            reply.fill(.success(.recorded(receipt.withOutput(from: written.map { .success([$0]) } ?? outputs))))
        }
    }
}

/// Work handed to one thread that takes it in batches: `add` queues an item (starting the thread the
/// first time), `drain` runs on that thread until `stop` and the queue is empty.
final class WorkQueue<Item: Sendable>: Sendable {
    private let state = Mutex<(items: [Item], started: Bool, stopped: Bool)>(([], false, false))
    private let wake = DispatchSemaphore(value: 0)

    /// - Parameter start: called once, with the first item, to start the draining thread.
    /// - Throws: `JuryError.io` after `stop`.
    func add(_ item: Item, start: () -> Void) throws {
        let first = try state.withLock { state in
            guard !state.stopped else { throw JuryError.io("the queue service is shutting down") }
            state.items.append(item)
            defer { state.started = true }
            return !state.started
        }
        if first { start() }
        wake.signal()
    }

    func stop() {
        state.withLock { $0.stopped = true }
        wake.signal()
    }

    /// Hands `body` the waiting items, at most `limit` at a time, until stopped with nothing left.
    func drain(upTo limit: Int, _ body: ([Item]) -> Void) {
        while true {
            wake.wait()
            while let batch = next(upTo: limit) { body(batch) }
            if state.withLock({ $0.stopped && $0.items.isEmpty }) { return }
        }
    }

    private func next(upTo limit: Int) -> [Item]? {
        state.withLock { state in
            guard !state.items.isEmpty else { return nil }
            let batch = Array(state.items.prefix(limit))
            state.items.removeFirst(batch.count)
            return batch
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
