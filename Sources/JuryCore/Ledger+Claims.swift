import GRDB

extension Ledger {
    /// Gives `reviewer` one slot of the next loop of their teams that still needs a reviewer they are not.
    ///
    /// A reviewer holds one claim at a time: one who already holds a claim gets it back instead, so a
    /// crashed or repeated claim never takes a second slot.
    /// - Returns: nil when nothing is claimable.
    /// - Throws: `JuryError.forbidden` when the reviewer is in no team, `JuryError.conflict` when they hold
    ///   a claim in another flow than `flow`.
    public func claim(reviewer: String, flow: String? = nil, order: ClaimOrder = .oldestFirst) throws -> ClaimedTask? {
        guard case .claimed(let task) = try perform([.claimNext(reviewer: reviewer, flow: flow, order: order)])[0].get() else {
            preconditionFailure("a claim was answered as a verdict")
        }
        return task
    }

    /// The body of `claim(reviewer:flow:order:)`, inside a write transaction that has swept expired leases.
    func claimNext(reviewer: String, flow: String?, order: ClaimOrder, now: Int64, db: Database) throws -> ClaimedTask? {
        guard !workforce.teams(of: reviewer).isEmpty else {
            throw JuryError.forbidden("\(reviewer) is in no team of \(queue.workforceURL.path); ask the queue's owner to add them to workforce.json")
        }
        if let held = try heldClaim(reviewer: reviewer, db: db) {
            guard flow == nil || held.flow == flow else { throw Self.alreadyHolding(held) }
            return held
        }
        guard let loop = try nextClaimable(reviewer: reviewer, flow: flow, order: order, now: now, db: db) else {
            return nil
        }
        return try insertClaim(loop, reviewer: reviewer, now: now, db: db)
    }

    /// Gives a claimed slot back (a skip): the loop becomes claimable by others again, and an earlier
    /// lease of the reviewer's on it that ran out no longer admits a late verdict. A skip of a claim
    /// whose lease has run out ends that right alone.
    /// - Throws: `JuryError.notFound` when `reviewer` holds no claim on `loop`, nor one whose lease ran out.
    public func release(loop name: String, reviewer: String, actor: String? = nil) throws {
        try writeImmediately(durable: false) { db in
            let now = nowMilliseconds
            try sweep(now: now, db: db)
            let notHeld = JuryError.notFound("\(reviewer) holds no claim on \(name) (it may have expired)")
            guard let loopId = try db.fetchValue(Int64.self, sql: "SELECT id FROM loop WHERE name = ?", arguments: [name]) else { throw notHeld }
            let held = try endClaim(loopId: loopId, reviewer: reviewer, db: db)
            try db.run(sql: "DELETE FROM lapsed_claim WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer])
            guard held || db.changesCount == 1 else { throw notHeld }
            let detail = [actor == nil ? nil : "claim of \(reviewer)", held ? nil : "its lease had run out"].compactMap { $0 }
            try db.audit("release", loop: name, actor: actor ?? reviewer, at: now, detail: detail.isEmpty ? nil : detail.joined(separator: "; "))
            try finishIfDue(loopId: loopId, now: now, db: db)
        }
    }

    /// The reviewer's unexpired claims, oldest first.
    public func claims(of reviewer: String) throws -> [ClaimedTask] {
        try database.read { db in
            try db.fetchRecords(ClaimOnLoop.self, sql: "\(ClaimOnLoop.selection) WHERE reviewer = ? AND expires_at > ? ORDER BY claimed_at",
                                arguments: [reviewer, nowMilliseconds])
            .map { $0.task(resumed: true) }
        }
    }

    /// The one claim `reviewer` holds, if any (a reviewer holds at most one at a time).
    func heldClaim(reviewer: String, db: Database) throws -> ClaimedTask? {
        try db.fetchRecord(ClaimOnLoop.self, sql: "\(ClaimOnLoop.selection) WHERE reviewer = ? ORDER BY claimed_at LIMIT 1",
                           arguments: [reviewer])?.task(resumed: true)
    }

    /// The refusal of a second claim while `held` is out.
    static func alreadyHolding(_ held: ClaimedTask) -> JuryError {
        .conflict("\(held.reviewer) holds \(held.loopName) (\(held.flow)); answer or release it before claiming another task")
    }

    private func nextClaimable(
        reviewer: String, flow: String?, order: ClaimOrder, now: Int64, db: Database
    ) throws -> LoopRecord? {
        let loops = claimableLoops(reviewer: reviewer, flow: flow, order: order, now: now, after: nil)
        return try db.fetchRecord(LoopRecord.self, sql: "SELECT loop.* \(loops.sql) LIMIT 1", arguments: loops.arguments)
    }

    /// The loops `reviewer` may take a slot of now (`SlotRule`), in `order` after `position`: the
    /// `FROM … ORDER BY` part of one query, read through the order's claimable index, for claiming and
    /// for the queue page alike, kept to the loops `filter` matches (its free words through `text`,
    /// which also says whether the index is walked). The reviewer must be in a team.
    func claimableLoops(
        reviewer: String, flow: String?, order: ClaimOrder, now: Int64, after position: QueuePosition?, filter: QueueFilter? = nil,
        text: TextCondition = .none
    ) -> (sql: String, arguments: StatementArguments) {
        let rule = SlotRule(reviewer: reviewer, workforce: workforce, now: now).sql
        var arguments = rule.arguments
        var filters = ""
        if let flow {
            filters += " AND flow = ?"
            arguments += [flow]
        }
        if let filter {
            filters += filter.sql.text + text.text
            arguments += filter.sql.arguments + text.arguments
        }
        let ordering = order.sortKey.joined(separator: ", ")
        if let position {
            let values = position.values(in: order)
            // The bound on the leading key alone lets SQLite seek the expression index too.
            filters += " AND \(order.sortKey[0]) >= ? AND (\(ordering)) > (\(values.map { _ in "?" }.joined(separator: ", ")))"
            arguments += StatementArguments([values[0]] + values)
        }
        let sql = """
            FROM loop\(text.walksIndex ? " INDEXED BY \(order.index)" : "")
            WHERE \(rule.text)\(filters)
            ORDER BY \(ordering)
            """
        return (sql, arguments)
    }

    /// Removes a claim and its slot count; a Stopping loop with no claims left becomes Stopped.
    /// - Returns: false when there was no such claim.
    func endClaim(loopId: Int64, reviewer: String, db: Database) throws -> Bool {
        try db.run(sql: "DELETE FROM claim WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer])
        guard db.changesCount == 1 else { return false }
        try db.run(sql: "UPDATE loop SET claims = claims - 1 WHERE id = ?", arguments: [loopId])
        try db.run(sql: "UPDATE loop SET status = 'Stopped' WHERE id = ? AND status = 'Stopping' AND claims = 0", arguments: [loopId])
        return true
    }

    /// Expires leases that ran out (remembering them in `lapsed_claim` for a late verdict, with the earliest
    /// claim time when the reviewer's lease on the loop lapsed before) and fails loops
    /// whose availability lifetime ended; both go to the audit log.
    func sweep(now: Int64, db: Database) throws {
        let expired = try db.fetchRecords(ClaimOnLoop.self, sql: "\(ClaimOnLoop.selection) WHERE expires_at <= ?", arguments: [now])
        for (claim, loop) in expired.map({ ($0.claim, $0.loop) }) {
            try db.run(sql: """
                INSERT INTO lapsed_claim(loop_id, reviewer, claimed_at) VALUES (?, ?, ?)
                ON CONFLICT(loop_id, reviewer) DO UPDATE SET claimed_at = min(claimed_at, excluded.claimed_at)
                """,
                       arguments: [claim.loopId, claim.reviewer, claim.claimedAt])
            _ = try endClaim(loopId: claim.loopId, reviewer: claim.reviewer, db: db)
            try db.audit("expire", loop: loop.name, actor: systemActor, at: now, detail: "lease of \(claim.reviewer) ran out")
            try finishAfterSystemEnded(loop, action: "expire", now: now, db: db)
        }
        let lapsed = try db.fetchRecords(LoopRecord.self, sql: """
            SELECT * FROM loop INDEXED BY loop_deadline WHERE status = 'InProgress' AND deadline <= ?
            """, arguments: [now])
        for loop in lapsed {
            let reason = "TaskAvailabilityLifetimeInSeconds ran out with \(loop.verdicts) of \(loop.taskCount) verdicts"
            try db.run(sql: "DELETE FROM claim WHERE loop_id = ?", arguments: [loop.id])
            try db.run(sql: "UPDATE loop SET status = 'Failed', failure_code = 'Expired', failure_reason = ?, claims = 0 WHERE id = ?",
                           arguments: [reason, loop.id])
            try db.audit("fail", loop: loop.name, actor: systemActor, at: now, detail: reason)
        }
    }

    /// Finishes `loop` if the claim the system just ended was all it waited for (`finishIfDue`), in a
    /// savepoint of its own. A loop whose completion cannot be worked out (its stored flow no longer
    /// validates, say) stays in progress, said in an audit row under `action`: it must not refuse every
    /// write of the queue with its error.
    func finishAfterSystemEnded(_ loop: LoopRecord, action: String, now: Int64, db: Database) throws {
        if case .failure(let error) = try inOwnSavepoint(db, { try finishIfDue(loopId: loop.id, now: now, db: db) }) {
            try db.audit(action, loop: loop.name, actor: systemActor, at: now, detail: "the loop stays in progress: finishing it failed: \(error)")
        }
    }

    /// Runs the expiry sweep on its own (for read-only commands that should show current states).
    public func sweepExpired() throws {
        let now = nowMilliseconds
        let due = try database.read { db in
            try db.fetchValue(Bool.self, sql: """
                SELECT EXISTS (SELECT 1 FROM claim WHERE expires_at <= ?1)
                    OR EXISTS (SELECT 1 FROM loop INDEXED BY loop_deadline WHERE status = 'InProgress' AND deadline <= ?1)
                """, arguments: [now]) ?? false
        }
        if due { try writeImmediately { db in try sweep(now: now, db: db) } }
    }
}
