import GRDB

extension Ledger {
    /// Gives a Failed loop a new availability lifetime (the flow's) and puts it back in the queue; its
    /// verdicts stay. Only leads of its team may.
    public func reopen(loop name: String, actor: String) throws {
        let now = nowMilliseconds
        try writeImmediately { db in
            let row = try leadRow(name, actor: actor, db: db)
            guard row["status"] as String == LoopStatus.failed.rawValue else {
                throw JuryError.invalidState("\(name) is \(row["status"] as String); only Failed loops can be reopened")
            }
            let flow = try storedFlow(row["definition"], loop: name)
            try db.run(sql: """
                UPDATE loop SET status = 'InProgress', failure_code = NULL, failure_reason = NULL, deadline = ? WHERE id = ?
                """, arguments: [now + Int64(flow.taskAvailabilityLifetimeSeconds) * 1000, row["id"] as Int64])
            try db.audit("reopen", loop: name, actor: actor, at: now)
        }
    }

    /// Reserves an InProgress loop's remaining work for the leads of its team: one more slot, and every
    /// slot still open, only a lead may claim. The first lead's verdict settles the loop (see `finishIfDue`).
    public func sendToAdjudication(loop name: String, actor: String) throws {
        let now = nowMilliseconds
        try writeImmediately { db in
            let row = try leadRow(name, actor: actor, db: db)
            guard row["status"] as String == LoopStatus.inProgress.rawValue, row["lead_slot"] as Int == 0 else {
                throw JuryError.invalidState("\(name) is \(row["status"] as String)\((row["lead_slot"] as Int) == 1 ? " and already with a lead" : ""); only InProgress loops go to adjudication")
            }
            try db.run(sql: "UPDATE loop SET task_count = task_count + 1, lead_slot = 1 WHERE id = ?", arguments: [row["id"] as Int64])
            try recordEscalation(["action": "hand-to-lead", "reason": "sent-by-lead", "by": .string(actor)], loopId: row["id"], loop: name, db: db)
            try db.audit("adjudicate", loop: name, actor: actor, at: now)
        }
    }

    /// A lead ends `reviewer`'s claim on `loop` (a stuck claim), freeing its slot.
    public func releaseClaim(loop name: String, reviewer: String, lead actor: String) throws {
        _ = try database.read { db in try leadRow(name, actor: actor, db: db) }
        try release(loop: name, reviewer: reviewer, actor: actor)
    }

    /// The loop's row, when `actor` leads its team or acts as a producer (`byProducer`).
    func leadRow(_ name: String, actor: String, byProducer: Bool = false, db: Database) throws -> Row {
        guard let row = try db.fetchRow(sql: """
            SELECT loop.id, status, claims, team, lead_slot, definition FROM loop JOIN flow_version ON flow_version.id = flow_version WHERE loop.name = ?
            """, arguments: [name])
        else { throw JuryError.notFound("no human loop named \(name)") }
        guard byProducer || workforce.isLead(actor, of: row["team"]) else {
            throw JuryError.forbidden("only leads of team \(row["team"] as String) may stop, delete, reopen or adjudicate its loops; \(actor) is not one")
        }
        return row
    }
}
