import Foundation
import GRDB

extension Ledger {
    /// The loops `reviewer` may claim now (their teams', not yet answered or held by them), at most `limit`,
    /// in `order` after `position`; with no position (the first page) their own unexpired claims come
    /// first. Reads one page through the claimable index from `position` on, so its cost does not
    /// grow with the queue's depth or with how far the reviewer has paged. Leases and lifetimes that ran
    /// out are ended first (unless the ledger is read-only), so the page lists what a claim would take.
    public func queueEntries(
        reviewer: String, flow: String? = nil, order: ClaimOrder = .oldestFirst, limit: Int, after position: QueuePosition? = nil
    ) throws -> [QueueEntry] {
        if !isReadOnly { try sweepExpired() }
        let teams = workforce.teams(of: reviewer)
        let now = nowMilliseconds
        return try database.read { db in
            let held = position == nil ? try heldEntries(reviewer: reviewer, flow: flow, now: now, db: db) : []
            let open = try openEntries(reviewer: reviewer, teams: teams, flow: flow, order: order, now: now,
                                       limit: max(0, limit - held.count), after: position, db: db)
            return held + open
        }
    }

    private func heldEntries(reviewer: String, flow: String?, now: Int64, db: Database) throws -> [QueueEntry] {
        try db.fetchRecords(ClaimOnLoop.self, sql: """
            \(ClaimOnLoop.selection) WHERE reviewer = ? AND expires_at > ? AND (? IS NULL OR loop.flow = ?) ORDER BY claimed_at
            """, arguments: [reviewer, now, flow, flow]).map { Self.queueEntry($0.loop, lease: $0.claim.expiresAt) }
    }

    private func openEntries(
        reviewer: String, teams: [String], flow: String?, order: ClaimOrder, now: Int64, limit: Int, after position: QueuePosition?,
        db: Database
    ) throws -> [QueueEntry] {
        guard !teams.isEmpty, limit > 0 else { return [] }
        let loops = claimableLoops(reviewer: reviewer, flow: flow, order: order, now: now, after: position)
        return try db.fetchRecords(LoopRecord.self, sql: "SELECT loop.* \(loops.sql) LIMIT ?", arguments: loops.arguments + [limit])
            .map { Self.queueEntry($0, lease: nil) }
    }

    private static func queueEntry(_ loop: LoopRecord, lease: Int64?) -> QueueEntry {
        QueueEntry(
            loopName: loop.name, flow: loop.flow, taskType: loop.taskType, minimumConfidence: loop.minConfidence, createdAt: loop.createdAt,
            deadline: loop.deadline, verdicts: loop.verdicts, taskCount: loop.taskCount, leaseExpiresAt: lease, rowID: loop.id)
    }

    /// Claims the named loop for `reviewer` (the queue screen's choice), or returns their existing claim on it.
    /// - Throws: `JuryError` when the loop is unknown, not theirs to claim, already answered by them, full,
    ///   or the reviewer holds a claim on another loop.
    public func claim(loop name: String, reviewer: String) throws -> ClaimedTask {
        let now = nowMilliseconds
        return try writeImmediately(durable: false) { db in
            try sweep(now: now, db: db)
            guard let loop = try db.fetchRecord(LoopRecord.self, sql: "SELECT * FROM loop WHERE name = ?", arguments: [name]) else {
                throw JuryError.notFound("no human loop named \(name)")
            }
            if let held = try heldClaim(reviewer: reviewer, db: db) {
                guard held.loopName == name else { throw Self.alreadyHolding(held) }
                return held
            }
            try checkClaimable(loop, reviewer: reviewer, now: now, db: db)
            return try insertClaim(loop, reviewer: reviewer, now: now, db: db)
        }
    }

    private func checkClaimable(_ loop: LoopRecord, reviewer: String, now: Int64, db: Database) throws {
        let rule = SlotRule(reviewer: reviewer, workforce: workforce, now: now)
        if let refusal = try rule.refusal(of: loop, db: db) { throw refusal }
    }

    /// Inserts a claim row for `loop`, counts the slot, and audits it.
    func insertClaim(_ loop: LoopRecord, reviewer: String, now: Int64, db: Database) throws -> ClaimedTask {
        let loopId = loop.id
        let expires = now + loop.timeLimit * 1000
        try db.run(sql: "INSERT INTO claim(loop_id, reviewer, claimed_at, expires_at) VALUES (?, ?, ?, ?)",
                       arguments: [loopId, reviewer, now, expires])
        try db.run(sql: "UPDATE loop SET claims = claims + 1 WHERE id = ?", arguments: [loopId])
        try db.audit("claim", loop: loop.name, actor: reviewer, at: now, detail: "lease until \(Timestamp.iso8601(milliseconds: expires))")
        return ClaimedTask(loopName: loop.name, flow: loop.flow, taskType: loop.taskType,
                           reviewer: reviewer, claimedAt: now, expiresAt: expires, resumed: false)
    }

    /// The input, flow and activation results of a loop, for the task screen.
    public func taskMaterial(loop name: String) throws -> TaskMaterial {
        try database.read { db in
            guard let found = try db.fetchRecord(LoopMaterial.self, sql: "\(LoopMaterial.selection) WHERE loop.name = ?", arguments: [name])
            else { throw JuryError.notFound("no human loop named \(name)") }
            return TaskMaterial(
                loopName: name, flow: try storedFlow(found.definition, loop: name), input: try found.input.parsedInput(loop: name),
                activationResults: try found.input.parsedActivation(loop: name),
                createdAt: found.loop.createdAt, deadline: found.loop.deadline, minimumConfidence: found.loop.minConfidence)
        }
    }

    /// `reviewer`'s verdict count and median time per task since `start`, and how often their recent
    /// verdicts matched the consensus.
    public func reviewerDay(reviewer: String, since start: Date) throws -> ReviewerDay {
        let now = nowMilliseconds
        let (times, agreement) = try database.read { db in
            let times = try Double.fetchAll(db.cachedStatement(sql: """
                SELECT time_spent FROM verdict WHERE reviewer = ? AND submitted_at >= ? ORDER BY time_spent
                """), arguments: [reviewer, Timestamp.milliseconds(start)])
            return (times, try recentAgreement(now: now, db: db).reviewerAgreement[reviewer])
        }
        return ReviewerDay(verdicts: times.count, medianSeconds: Self.percentile(times, 0.5), agreement: agreement)
    }
}
