import GRDB

extension Ledger {
    /// Records `reviewer` as the lead who settles `loop` (a row with its id, team, lead_slot and
    /// adjudicator) when the loop waits for a lead, none has settled it yet, and `reviewer` leads its team.
    func settleIfLead(_ loop: Row, reviewer: String, db: Database) throws {
        guard (loop["lead_slot"] as Int) == 1, (loop["adjudicator"] as String?) == nil, workforce.isLead(reviewer, of: loop["team"]) else {
            return
        }
        try db.run(sql: "UPDATE loop SET adjudicator = ? WHERE id = ?", arguments: [reviewer, loop["id"] as Int64])
    }

    /// Completes (or escalates) an InProgress loop once every slot has a verdict, or once a lead settled
    /// it and no claim is left out (the verdicts of claims that predate the lead's stay in the output).
    /// - Returns: the loop's status afterwards.
    @discardableResult
    func finishIfDue(loopId: Int64, now: Int64, db: Database) throws -> LoopStatus {
        let row = try db.fetchRow(sql: """
            SELECT loop.name, status, verdicts, claims, task_count, original_task_count, adjudicator, definition FROM loop
            JOIN flow_version ON flow_version.id = flow_version WHERE loop.id = ?
            """, arguments: [loopId])!
        let status = LoopStatus(rawValue: row["status"]) ?? .inProgress
        let adjudicator: String? = row["adjudicator"]
        let full = (row["verdicts"] as Int) >= (row["task_count"] as Int)
        guard status == .inProgress, full || (adjudicator != nil && (row["claims"] as Int) == 0) else { return status }
        let name: String = row["name"]
        let flow = try storedFlow(row["definition"], loop: name)
        let finished = FinishedLoop(
            name: name, flow: flow, taskCount: row["task_count"],
            extraReviewers: (row["task_count"] as Int) - (row["original_task_count"] as Int), adjudicator: adjudicator,
            input: try storedInput(loopId: loopId, loop: name, db: db), answers: try answers(loopId: loopId, loop: name, db: db),
            storedSkills: try db.fetchValue(String.self, sql: "SELECT skills FROM flow_skill WHERE flow = ?", arguments: [flow.name])
                .flatMap { try LedgerColumn.skills.parse($0, loop: name) })
        return try apply(completion.decide(finished), loopId: loopId, name: name, now: now, db: db)
    }

    private func apply(_ decision: CompletionDecision, loopId: Int64, name: String, now: Int64, db: Database) throws -> LoopStatus {
        switch decision {
        case .complete(let consensus):
            let recorded = try consensus.map { try $0.recordingEscalation(escalationSteps(loopId: loopId, loop: name, db: db)) }
            try db.run(sql: """
                UPDATE loop SET status = 'Completed', completed_at = ?, output_state = 'pending', consensus = ? WHERE id = ?
                """, arguments: [now, recorded?.encodedString(), loopId])
            try db.audit("complete", loop: name, actor: systemActor, at: now)
            return .completed
        case .addReviewer(let reason):
            try db.run(sql: "UPDATE loop SET task_count = task_count + 1 WHERE id = ?", arguments: [loopId])
            try recordEscalation(["action": "add-reviewer", "reason": .string(reason)], loopId: loopId, loop: name, db: db)
            try db.audit("escalate", loop: name, actor: systemActor, at: now, detail: "one more reviewer: \(reason)")
            return .inProgress
        case .handToLead(let reason):
            try db.run(sql: "UPDATE loop SET task_count = task_count + 1, lead_slot = 1 WHERE id = ?", arguments: [loopId])
            try recordEscalation(["action": "hand-to-lead", "reason": .string(reason)], loopId: loopId, loop: name, db: db)
            try db.audit("escalate", loop: name, actor: systemActor, at: now, detail: "handed to a lead: \(reason)")
            return .inProgress
        }
    }

    /// Appends `step` (`{"action", "reason"}`, plus `by` for a lead's own hand-off) to the loop's escalation record.
    func recordEscalation(_ step: JSONValue, loopId: Int64, loop: String, db: Database) throws {
        let steps = try escalationSteps(loopId: loopId, loop: loop, db: db) + [step]
        try db.run(sql: "UPDATE loop SET escalation = ? WHERE id = ?", arguments: [JSONValue.array(steps).encodedString(), loopId])
    }

    /// The loop's escalation steps, oldest first (empty when it never escalated).
    func escalationSteps(loopId: Int64, loop: String, db: Database) throws -> [JSONValue] {
        let text = try db.fetchValue(String.self, sql: "SELECT escalation FROM loop WHERE id = ?", arguments: [loopId])
        return try LedgerColumn.escalation.parseIfPresent(text, loop: loop)?.arrayValue ?? []
    }
}

extension JSONValue {
    /// A consensus block with the loop's escalation record as its `escalation` member: the last step's
    /// `action` and `reason` and every step in `steps`. Unchanged when the loop never escalated.
    func recordingEscalation(_ steps: [JSONValue]) -> JSONValue {
        guard let last = steps.last else { return self }
        return adding("escalation", ["action": last["action"] ?? .null, "reason": last["reason"] ?? .null, "steps": .array(steps)])
    }
}
