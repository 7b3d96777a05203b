import GRDB

extension Ledger {
    /// Gives a Failed loop a new availability lifetime (the flow's) and puts it back in the queue; its
    /// verdicts stay. Only leads of its team may. A loop a lead had settled, failed while it waited for
    /// claims that its failure ended, completes at once (its output is written, or left pending for the
    /// service's retries).
    /// - Returns: the loop's status afterwards: InProgress, or Completed.
    @discardableResult
    public func reopen(loop name: String, actor: String) throws -> LoopStatus {
        let progress = try writeImmediately { db in
            let now = nowMilliseconds
            let found = try leadLoop(name, actor: actor, db: db)
            guard found.loop.status == .failed else {
                throw JuryError.invalidState("\(name) is \(found.loop.status.rawValue); only Failed loops can be reopened")
            }
            let flow = try storedFlow(found.definition, loop: name)
            try db.run(sql: """
                UPDATE loop SET status = 'InProgress', failure_code = NULL, failure_reason = NULL, deadline = ? WHERE id = ?
                """, arguments: [now + Int64(flow.taskAvailabilityLifetimeSeconds) * 1000, found.loop.id])
            try db.audit("reopen", loop: name, actor: actor, at: now)
            return try finishIfDue(loopId: found.loop.id, now: now, db: db)
        }
        if progress.status == .completed { _ = try? writePendingOutputs() }
        return progress.status
    }

    /// Reserves an InProgress loop's remaining work for the leads of its team: one more slot, and every
    /// slot still open, only a lead may claim. The first lead's verdict settles the loop (see `finishIfDue`).
    public func sendToAdjudication(loop name: String, actor: String) throws {
        try writeImmediately { db in
            let now = nowMilliseconds
            let loop = try leadLoop(name, actor: actor, db: db).loop
            guard loop.status == .inProgress else {
                throw JuryError.invalidState("\(name) is \(loop.status.rawValue); only InProgress loops go to adjudication")
            }
            guard !loop.leadSlot else { throw JuryError.invalidState("\(name) is with a lead already") }
            try db.run(sql: "UPDATE loop SET task_count = task_count + 1, lead_slot = 1 WHERE id = ?", arguments: [loop.id])
            try recordEscalation(["action": "hand-to-lead", "reason": "sent-by-lead", "by": .string(actor)], of: loop, db: db)
            try db.audit("adjudicate", loop: name, actor: actor, at: now)
        }
    }

    /// A lead ends `reviewer`'s claim on `loop` (a stuck claim), freeing its slot.
    public func releaseClaim(loop name: String, reviewer: String, lead actor: String) throws {
        _ = try database.read { db in try leadLoop(name, actor: actor, db: db) }
        try release(loop: name, reviewer: reviewer, actor: actor)
    }

    /// The loop and its flow, when `actor` leads its team or acts as a producer (`byProducer`).
    func leadLoop(_ name: String, actor: String, byProducer: Bool = false, db: Database) throws -> LoopWithFlow {
        guard let found = try db.fetchRecord(LoopWithFlow.self, sql: "\(LoopWithFlow.selection) WHERE loop.name = ?", arguments: [name])
        else { throw JuryError.notFound("no human loop named \(name)") }
        guard byProducer || workforce.isLead(actor, of: found.loop.team) else {
            throw JuryError.forbidden("only leads of team \(found.loop.team) may stop, delete, reopen, adjudicate or release claims of its loops; \(actor) is not one")
        }
        return found
    }
}
