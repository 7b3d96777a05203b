import Foundation
import JuryCore

/// Gathers loops started together (StartHumanLoop over the A2I API) into one durable transaction, as
/// `GroupCommit` does for verdicts: one writer thread admits every request waiting when it is free (at
/// most `maximumBatch`) with `Ledger.admit`, and wakes each caller once its loop is durable.
final class AdmissionCommit: Sendable {
    private struct Pending: Sendable {
        let admission: LoopAdmission
        let reply: ReplySlot<AdmissionResult>
    }

    let ledger: Ledger
    let maximumBatch: Int
    private let admissions = WorkQueue<Pending>()

    init(ledger: Ledger, maximumBatch: Int = 512) {
        self.ledger = ledger
        self.maximumBatch = maximumBatch
    }

    /// Admits `admission` in the next group commit; returns once it is durable.
    /// - Throws: the transaction's error when the commit failed, `JuryError.io` after `shutdown`.
    func admit(_ admission: LoopAdmission) throws -> AdmissionResult {
        let reply = ReplySlot<AdmissionResult>()
        try admissions.add(Pending(admission: admission, reply: reply)) { [self] in
            Thread.detachNewThread { [self] in admissions.drain(upTo: maximumBatch) { store($0) } }
        }
        return try reply.wait()
    }

    /// Ends the writer thread once the admissions already queued are stored.
    func shutdown() { admissions.stop() }

    private func store(_ batch: [Pending]) {
        do {
            let results = try ledger.admit(batch.map(\.admission))
            for (pending, result) in zip(batch, results) { pending.reply.fill(.success(result)) }
        } catch {
            for pending in batch { pending.reply.fill(.failure(error)) }
        }
    }
}
