import Foundation
import JuryCore
import Synchronization

/// Gathers the claims, verdicts and started loops that arrive together into one transaction.
///
/// The calling threads take turns as the writer (leader and followers): a write that finds no writer
/// at work becomes the writer and commits it at once, in its own thread; writes arriving meanwhile
/// wait. When the writer's transaction has committed it wakes each of them with its outcome and hands
/// the turn to the oldest write still waiting, which commits every write waiting then (at most
/// `maximumBatch`) with `Ledger.perform(_:)`, durably when the batch holds a verdict or a loop. So a lone
/// write waits for nobody and crosses no thread, and concurrent ones share one commit.
///
/// Outputs are a second stage: a verdict that completes its loop is answered once its `output.json` is
/// written too, by an output thread, while the writers already commit the next writes.
final class GroupCommit: Sendable {
    let ledger: Ledger
    let maximumBatch: Int
    private let queue = Mutex<(waiting: [PendingWrite], writing: Bool, stopped: Bool)>(([], false, false))
    private let completions = WorkQueue<(VerdictReceipt, PendingWrite)>()
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

    /// Refuses new writes; those already waiting are still committed, and the output thread ends once
    /// the outputs already queued are written.
    func shutdown() {
        queue.withLock { $0.stopped = true }
        completions.stop()
    }

    private func perform(_ write: LedgerWrite) throws -> LedgerWriteOutcome {
        let pending = PendingWrite(write)
        let writesNow = try queue.withLock { queue in
            guard !queue.stopped else { throw JuryError.io("the queue service is shutting down") }
            queue.waiting.append(pending)
            defer { queue.writing = true }
            return !queue.writing
        }
        if writesNow { commitWaitingWrites() }
        while true {
            switch pending.nextTurn() {
            case .done(let outcome): return try outcome.get()
            case .write: commitWaitingWrites()
            }
        }
    }

    /// The writer's turn: commits the writes waiting now, then hands the turn to the oldest write that
    /// arrived meanwhile, or ends it when none did.
    private func commitWaitingWrites() {
        let batch = queue.withLock { queue in
            let batch = Array(queue.waiting.prefix(maximumBatch))
            queue.waiting.removeFirst(batch.count)
            return batch
        }
        store(batch)
        let next = queue.withLock { queue in
            if queue.waiting.isEmpty { queue.writing = false }
            return queue.waiting.first
        }
        next?.takeTurn()
    }

    private func store(_ batch: [PendingWrite]) {
        let results: [Result<LedgerWriteOutcome, JuryError>]
        do {
            results = try ledger.perform(batch.map(\.write))
            if batch.contains(where: \.holdsVerdict) { commits.add(1, ordering: .relaxed) }
        } catch {
            for pending in batch { pending.finish(.failure(error)) }
            return
        }
        for (pending, result) in zip(batch, results) {
            if case .success(.recorded(let receipt)) = result, receipt.completesLoop {
                do {
                    try completions.add((receipt, pending)) { [self] in
                        Thread.detachNewThread { [self] in completions.drain(upTo: .max) { writeOutputs($0) } }
                    }
                } catch {
                    // Shutting down: the verdict is committed; the maintenance turn writes its output.
                    pending.finish(.success(.recorded(receipt)))
                }
            } else {
                pending.finish(result.mapError { $0 })
            }
        }
    }

    /// Writes the pending outputs; each completing verdict learns where its loop's output is (another
    /// writer, such as the maintenance turn, may have written it first) or why it is not.
    private func writeOutputs(_ batch: [(VerdictReceipt, PendingWrite)]) {
        let outputs = Result { try ledger.writePendingOutputs() }
        for (receipt, pending) in batch {
            let written = (try? ledger.writtenOutput(loop: receipt.loopName)).flatMap { $0 }
            pending.finish(.success(.recorded(receipt.withOutput(from: written.map { .success([$0]) } ?? outputs))))
        }
    }
}

/// One write waiting in `GroupCommit`: its thread sleeps until the write's outcome is known or until it
/// is that thread's turn to be the writer.
private final class PendingWrite: Sendable {
    enum Turn {
        case done(Result<LedgerWriteOutcome, any Error>)
        /// The thread is to commit the waiting writes (its own among them).
        case write
    }

    let write: LedgerWrite
    private let outcome = Mutex<Result<LedgerWriteOutcome, any Error>?>(nil)
    private let turnTaken = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)

    init(_ write: LedgerWrite) { self.write = write }

    var holdsVerdict: Bool {
        if case .verdict = write { true } else { false }
    }

    func finish(_ result: Result<LedgerWriteOutcome, any Error>) {
        outcome.withLock { $0 = result }
        wake.signal()
    }

    /// Wakes the waiting thread to be the writer.
    func takeTurn() {
        turnTaken.store(true, ordering: .releasing)
        wake.signal()
    }

    /// Sleeps until the outcome is known or the thread's turn as the writer has come.
    func nextTurn() -> Turn {
        wake.wait()
        if turnTaken.exchange(false, ordering: .acquiringAndReleasing) { return .write }
        return .done(outcome.withLock { $0! })
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

    /// The result once filled, or nil when `seconds` pass first.
    func wait(timeout seconds: Double) -> Result<Value, any Error>? {
        guard filled.wait(timeout: .now() + seconds) == .success else { return nil }
        return result.withLock { $0 }
    }
}
