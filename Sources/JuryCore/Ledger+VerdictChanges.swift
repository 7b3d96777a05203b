import GRDB

extension Ledger {
    /// Replaces `reviewer`'s own verdict on `loop` with `answer` while the loop is still InProgress; the
    /// audit log keeps the answer it replaces. Its submission time becomes now; its acceptance time stays.
    /// A lead's amendment of a loop that waits for a lead settles it, as a lead's new verdict would.
    /// - Throws: `JuryError.notFound` when the loop is unknown or the reviewer gave no verdict on it,
    ///   `invalidState` once the loop is no longer InProgress, `invalidInput` for an invalid answer.
    @discardableResult
    public func amend(loop name: String, reviewer: String, answer: JSONValue) throws -> VerdictReceipt {
        let now = nowMilliseconds
        let receipt = try writeImmediately { db in
            try sweep(now: now, db: db)
            let (loop, previous) = try ownVerdict(on: name, of: reviewer, db: db)
            let loopId: Int64 = loop["id"]
            let flow = try storedFlow(loop["definition"], loop: name)
            let stored = try AnswerContent.validated(answer, for: flow, input: try storedInput(loopId: loopId, loop: name, db: db))
            try db.run(sql: "UPDATE verdict SET answer = ?, submitted_at = ? WHERE loop_id = ? AND reviewer = ?",
                       arguments: [stored.encodedString(), now, loopId, reviewer])
            try db.audit("amend", loop: name, actor: reviewer, at: now, detail: "replaced answer \(previous)")
            try settleIfLead(loop, reviewer: reviewer, db: db)
            let status = try finishIfDue(loopId: loopId, now: now, db: db)
            return VerdictReceipt(loopName: name, alreadyStored: false, status: status, verdicts: loop["verdicts"], taskCount: loop["task_count"],
                                  output: nil)
        }
        return receipt.completesLoop ? receipt.withOutput(from: Result { try writePendingOutputs() }) : receipt
    }

    /// Takes back `reviewer`'s own verdict on `loop` while the loop is still InProgress: its slot opens
    /// again (the reviewer may claim it anew); the audit log keeps the answer. A lead who settled the loop
    /// and withdraws leaves it waiting for a lead again.
    /// - Throws: as `amend`.
    public func withdraw(loop name: String, reviewer: String) throws {
        let now = nowMilliseconds
        try writeImmediately { db in
            try sweep(now: now, db: db)
            let (loop, previous) = try ownVerdict(on: name, of: reviewer, db: db)
            let loopId: Int64 = loop["id"]
            try db.run(sql: "DELETE FROM verdict WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer])
            try db.run(sql: """
                UPDATE loop SET verdicts = verdicts - 1, adjudicator = CASE WHEN adjudicator = ? THEN NULL ELSE adjudicator END WHERE id = ?
                """, arguments: [reviewer, loopId])
            try db.audit("withdraw", loop: name, actor: reviewer, at: now, detail: "withdrew answer \(previous)")
        }
    }

    /// The loop row and the stored answer text of `reviewer`'s verdict on the InProgress loop `name`.
    private func ownVerdict(on name: String, of reviewer: String, db: Database) throws -> (Row, String) {
        guard let loop = try db.fetchRow(sql: """
            SELECT loop.id, status, team, verdicts, task_count, lead_slot, adjudicator, definition FROM loop
            JOIN flow_version ON flow_version.id = flow_version WHERE loop.name = ?
            """, arguments: [name])
        else { throw JuryError.notFound("no human loop named \(name)") }
        guard let previous = try db.fetchValue(String.self, sql: "SELECT answer FROM verdict WHERE loop_id = ? AND reviewer = ?",
                                               arguments: [loop["id"] as Int64, reviewer])
        else { throw JuryError.notFound("\(reviewer) gave no verdict on \(name)") }
        guard loop["status"] as String == LoopStatus.inProgress.rawValue else {
            throw JuryError.invalidState("\(name) is \(loop["status"] as String); a verdict can be changed only while its loop is InProgress")
        }
        return (loop, previous)
    }
}
