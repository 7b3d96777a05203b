import GRDB
import JuryJSON

extension Ledger {
    /// Records `reviewer` as the lead who settles `loop` when the loop waits for a lead, none has settled
    /// it yet, and `reviewer` leads its team.
    func settleIfLead(_ loop: LoopRecord, reviewer: String, db: Database) throws {
        guard loop.leadSlot, loop.adjudicator == nil, workforce.isLead(reviewer, of: loop.team) else { return }
        try db.run(sql: "UPDATE loop SET adjudicator = ? WHERE id = ?", arguments: [reviewer, loop.id])
    }

    /// Completes (or escalates) an InProgress loop once every slot has a verdict, or once a lead settled
    /// it and no claim is left out (the verdicts of claims that predate the lead's stay in the output).
    /// Only a loop that is due is read in full, with its flow.
    /// - Returns: the loop's status and counts afterwards.
    @discardableResult
    func finishIfDue(loopId: Int64, now: Int64, db: Database) throws -> LoopProgress {
        guard let progress = try db.fetchRecord(LoopProgress.self, sql: "\(LoopProgress.selection) WHERE id = ?", arguments: [loopId]) else {
            preconditionFailure("loop \(loopId) vanished inside its transaction")
        }
        guard progress.isDueToFinish else { return progress }
        guard let found = try db.fetchRecord(LoopWithFlow.self, sql: "\(LoopWithFlow.selection) WHERE loop.id = ?", arguments: [loopId]) else {
            preconditionFailure("loop \(loopId) vanished inside its transaction")
        }
        let loop = found.loop, name = found.loop.name
        let flow = try storedFlow(found.definition, loop: name)
        let finished = FinishedLoop(
            name: name, flow: flow, taskCount: loop.taskCount, extraReviewers: loop.extraReviewers, adjudicator: loop.adjudicator,
            input: try storedInput(loopId: loopId, loop: name, db: db), answers: try answers(loopId: loopId, loop: name, db: db),
            storedSkills: try db.fetchValue(String.self, sql: "SELECT skills FROM flow_skill WHERE flow = ?", arguments: [flow.name])
                .flatMap { try LedgerColumn.skills.parse($0, loop: name) })
        return try apply(completion.decide(finished), loop: loop, now: now, db: db)
    }

    private func apply(_ decision: CompletionDecision, loop: LoopRecord, now: Int64, db: Database) throws -> LoopProgress {
        let (loopId, name) = (loop.id, loop.name)
        func progress(_ status: LoopStatus, addedSlots: Int) -> LoopProgress {
            LoopProgress(status: status, verdicts: loop.verdicts, taskCount: loop.taskCount + addedSlots, claims: loop.claims,
                         adjudicator: loop.adjudicator)
        }
        switch decision {
        case .complete(let consensus):
            let recorded = try consensus.map { try $0.recordingEscalation(loop.escalationSteps()) }
            try db.run(sql: """
                UPDATE loop SET status = 'Completed', completed_at = ?, output_state = 'pending', consensus = ? WHERE id = ?
                """, arguments: [now, recorded?.encodedString(), loopId])
            try db.audit("complete", loop: name, actor: systemActor, at: now)
            return progress(.completed, addedSlots: 0)
        case .addReviewer(let reason):
            try db.run(sql: "UPDATE loop SET task_count = task_count + 1 WHERE id = ?", arguments: [loopId])
            try recordEscalation(["action": "add-reviewer", "reason": .string(reason)], of: loop, db: db)
            try db.audit("escalate", loop: name, actor: systemActor, at: now, detail: "one more reviewer: \(reason)")
            return progress(.inProgress, addedSlots: 1)
        case .handToLead(let reason):
            try db.run(sql: "UPDATE loop SET task_count = task_count + 1, lead_slot = 1 WHERE id = ?", arguments: [loopId])
            try recordEscalation(["action": "hand-to-lead", "reason": .string(reason)], of: loop, db: db)
            try db.audit("escalate", loop: name, actor: systemActor, at: now, detail: "handed to a lead: \(reason)")
            return progress(.inProgress, addedSlots: 1)
        }
    }

    /// Appends `step` (`{"action", "reason"}`, plus `by` for a lead's own hand-off) to the loop's escalation record.
    /// `loop` is as read in this transaction (its escalation column unchanged since).
    func recordEscalation(_ step: JSONValue, of loop: LoopRecord, db: Database) throws {
        let steps = try loop.escalationSteps() + [step]
        try db.run(sql: "UPDATE loop SET escalation = ? WHERE id = ?", arguments: [JSONValue.array(steps).encodedString(), loop.id])
    }
}
