import GRDB
import JuryJSON

extension Ledger {
    /// Replaces `reviewer`'s own verdict on `loop` with `answer` while the loop is still InProgress; the
    /// audit log keeps the answer it replaces. Its submission time becomes now; its acceptance time stays.
    /// A lead's amendment of a loop that waits for a lead settles it, as a lead's new verdict would.
    /// The same answer again on a loop that has finished since (a retry whose first reply was lost,
    /// the amendment having completed the loop) changes nothing and is answered as already stored.
    /// - Throws: `JuryError.notFound` when the loop is unknown or the reviewer gave no verdict on it,
    ///   `invalidState` once the loop is no longer InProgress, `forbidden` when the reviewer is not in the
    ///   loop's team any more, `invalidInput` for an invalid answer.
    @discardableResult
    public func amend(loop name: String, reviewer: String, answer: JSONValue) throws -> VerdictReceipt {
        let receipt = try writeImmediately { db in
            let now = nowMilliseconds
            try sweep(now: now, db: db)
            let (found, previous) = try verdict(on: name, of: reviewer, db: db)
            let (loop, loopId) = (found.loop, found.loop.id)
            let flow = try storedFlow(found.definition, loop: name)
            let stored = try AnswerContent.validated(answer, for: flow, input: try storedInput(loopId: loopId, loop: name, db: db))
            // Only once the loop is finished: while it is InProgress the same answer may still settle it.
            if loop.status != .inProgress, try LedgerColumn.answer.parse(previous, loop: name) == stored {
                return VerdictReceipt(loopName: name, alreadyStored: true, status: loop.status, verdicts: loop.verdicts,
                                      taskCount: loop.taskCount, output: nil)
            }
            try requireChangeable(found, name: name, reviewer: reviewer)
            try db.run(sql: "UPDATE verdict SET answer = ?, submitted_at = ? WHERE loop_id = ? AND reviewer = ?",
                       arguments: [stored.encodedString(), now, loopId, reviewer])
            try db.audit("amend", loop: name, actor: reviewer, at: now, detail: "replaced answer \(previous)")
            try settleIfLead(loop, reviewer: reviewer, db: db)
            let progress = try finishIfDue(loopId: loopId, now: now, db: db)
            return VerdictReceipt(loopName: name, alreadyStored: false, status: progress.status, verdicts: progress.verdicts,
                                  taskCount: progress.taskCount, output: nil)
        }
        return receipt.completesLoop ? receipt.withOutput(from: Result { try writePendingOutputs() }) : receipt
    }

    /// Takes back `reviewer`'s own verdict on `loop` while the loop is still InProgress: its slot opens
    /// again (the reviewer may claim it anew); the audit log keeps the answer. A lead who settled the loop
    /// and withdraws leaves it waiting for a lead again.
    /// - Throws: as `amend`.
    public func withdraw(loop name: String, reviewer: String) throws {
        try writeImmediately { db in
            let now = nowMilliseconds
            try sweep(now: now, db: db)
            let (found, previous) = try verdict(on: name, of: reviewer, db: db)
            try requireChangeable(found, name: name, reviewer: reviewer)
            let loopId = found.loop.id
            try db.run(sql: "DELETE FROM verdict WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer])
            try db.run(sql: """
                UPDATE loop SET verdicts = verdicts - 1, adjudicator = CASE WHEN adjudicator = ? THEN NULL ELSE adjudicator END WHERE id = ?
                """, arguments: [reviewer, loopId])
            try db.audit("withdraw", loop: name, actor: reviewer, at: now, detail: "withdrew answer \(previous)")
        }
    }

    /// The loop `name` with its flow, and the stored answer text of `reviewer`'s verdict on it.
    /// - Throws: `JuryError.notFound` when there is no such loop or verdict.
    private func verdict(on name: String, of reviewer: String, db: Database) throws -> (LoopWithFlow, String) {
        guard let found = try db.fetchRecord(LoopWithFlow.self, sql: "\(LoopWithFlow.selection) WHERE loop.name = ?", arguments: [name])
        else { throw JuryError.notFound("no human loop named \(name)") }
        guard let previous = try db.fetchValue(String.self, sql: "SELECT answer FROM verdict WHERE loop_id = ? AND reviewer = ?",
                                               arguments: [found.loop.id, reviewer])
        else { throw JuryError.notFound("\(reviewer) gave no verdict on \(name)") }
        return (found, previous)
    }

    /// Refuses a change to a verdict unless its loop is InProgress and `reviewer` is in its team; the
    /// workforce in force decides, as for a new verdict: one removed from the loop's team changes nothing.
    private func requireChangeable(_ found: LoopWithFlow, name: String, reviewer: String) throws {
        guard found.loop.status == .inProgress else {
            throw JuryError.invalidState("\(name) is \(found.loop.status.rawValue); a verdict can be changed only while its loop is InProgress")
        }
        guard workforce.teams(of: reviewer).contains(found.loop.team) else {
            throw JuryError.forbidden("\(name) belongs to team \(found.loop.team), which \(reviewer) is not in (any more); the verdict was not changed")
        }
    }
}
