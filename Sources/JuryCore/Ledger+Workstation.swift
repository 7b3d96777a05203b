import Foundation
import GRDB

extension Ledger {
    /// The loops `reviewer` may claim now (their teams', not yet answered or held by them) that `filter`
    /// matches, at most `limit`, in `order` after `position`; with no position (the first page) their own
    /// unexpired claims (those `filter` matches) come first. Reads one page through the claimable index
    /// from `position` on, so its cost does not grow with how far the reviewer has paged; flow and
    /// confidence terms that few loops match read further to fill the page. Free words that at most
    /// `TextCondition.namedLoopsAtMost` loops match are looked up by id instead (see `TextCondition`).
    /// Leases and lifetimes that ran out are ended first (unless the ledger is read-only), so the page
    /// lists what a claim would take.
    public func queueEntries(
        reviewer: String, flow: String? = nil, order: ClaimOrder = .oldestFirst, limit: Int, after position: QueuePosition? = nil,
        filter: QueueFilter? = nil
    ) throws -> [QueueEntry] {
        try queueEntries(reviewer: reviewer, flow: flow, order: order, limit: limit, after: position, filter: filter,
                         namedLoopsAtMost: TextCondition.namedLoopsAtMost)
    }

    /// `queueEntries` naming at most `namedLoopsAtMost` matching loops by id (tests choose the plan with it).
    func queueEntries(
        reviewer: String, flow: String?, order: ClaimOrder, limit: Int, after position: QueuePosition?, filter: QueueFilter?,
        namedLoopsAtMost: Int
    ) throws -> [QueueEntry] {
        if !isReadOnly { try sweepExpired() }
        let teams = workforce.teams(of: reviewer)
        let now = nowMilliseconds
        return try database.read { db in
            let text = try TextCondition.of(filter, namedAtMost: namedLoopsAtMost, db: db)
            let held = position == nil ? try heldEntries(reviewer: reviewer, flow: flow, filter: filter, text: text, now: now, db: db) : []
            let page = OpenPage(flow: flow, order: order, limit: max(0, limit - held.count), after: position, filter: filter, text: text)
            return held + (try openEntries(reviewer: reviewer, teams: teams, page, now: now, db: db))
        }
    }

    /// What one page of open entries asks for.
    private struct OpenPage {
        let flow: String?
        let order: ClaimOrder
        let limit: Int
        let after: QueuePosition?
        let filter: QueueFilter?
        let text: TextCondition
    }

    /// Statements naming matching loops by id differ every time, so these are not kept in the statement cache.
    private func heldEntries(
        reviewer: String, flow: String?, filter: QueueFilter?, text: TextCondition, now: Int64, db: Database
    ) throws -> [QueueEntry] {
        let condition = filter?.sql ?? (text: "", arguments: [])
        return try ClaimOnLoop.fetchAll(db, sql: """
            \(ClaimOnLoop.selection) WHERE reviewer = ? AND expires_at > ? AND (? IS NULL OR loop.flow = ?)\(condition.text)\(text.text)
            ORDER BY claimed_at
            """, arguments: [reviewer, now, flow, flow] + condition.arguments + text.arguments).map { Self.queueEntry($0.loop, lease: $0.claim.expiresAt) }
    }

    private func openEntries(reviewer: String, teams: [String], _ page: OpenPage, now: Int64, db: Database) throws -> [QueueEntry] {
        guard !teams.isEmpty, page.limit > 0 else { return [] }
        let loops = claimableLoops(reviewer: reviewer, flow: page.flow, order: page.order, now: now, after: page.after, filter: page.filter,
                                   text: page.text)
        let sql = "SELECT loop.* \(loops.sql) LIMIT ?"
        let arguments = loops.arguments + [page.limit]
        let found = page.text.walksIndex
            ? try db.fetchRecords(LoopRecord.self, sql: sql, arguments: arguments) : try LoopRecord.fetchAll(db, sql: sql, arguments: arguments)
        return found.map { Self.queueEntry($0, lease: nil) }
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
        return try writeImmediately(durable: false) { db in
            let now = nowMilliseconds
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

    /// The input, flow and activation results of a loop, for the task screen of `reviewer`, who must be
    /// in the loop's team (a reviewer or a lead of it: the workforce in force decides).
    /// - Throws: `JuryError.notFound` for an unknown loop, `forbidden` for a reviewer outside its team.
    public func taskMaterial(loop name: String, reviewer: String) throws -> TaskMaterial {
        try database.read { db in
            guard let found = try db.fetchRecord(LoopMaterial.self, sql: "\(LoopMaterial.selection) WHERE loop.name = ?", arguments: [name])
            else { throw JuryError.notFound("no human loop named \(name)") }
            guard workforce.teams(of: reviewer).contains(found.loop.team) else {
                throw JuryError.forbidden("\(name) belongs to team \(found.loop.team), which \(reviewer) is not in; its task is not shown")
            }
            return TaskMaterial(
                loopName: name, flow: try storedFlow(found.definition, loop: name), input: try found.input.parsedInput(loop: name),
                activationResults: try found.input.parsedActivation(loop: name),
                createdAt: found.loop.createdAt, deadline: found.loop.deadline, minimumConfidence: found.loop.minConfidence)
        }
    }

    /// The time spent on each verdict of reviewer `?` submitted at or after `?` (milliseconds), shortest
    /// first; read from the `verdict_reviewer_time` index alone.
    static let reviewerTimesSince = "SELECT time_spent FROM verdict WHERE reviewer = ? AND submitted_at >= ? ORDER BY time_spent"

    /// `reviewer`'s verdict count and median time per task since `start`, and how often their recent
    /// verdicts matched the consensus.
    public func reviewerDay(reviewer: String, since start: Date) throws -> ReviewerDay {
        let now = nowMilliseconds
        let (times, agreement) = try database.read { db in
            let times = try Double.fetchAll(db.cachedStatement(sql: Self.reviewerTimesSince), arguments: [reviewer, Timestamp.milliseconds(start)])
            return (times, try recentAgreement(now: now, db: db).reviewerAgreement[reviewer])
        }
        return ReviewerDay(verdicts: times.count, medianSeconds: Self.percentile(times, 0.5), agreement: agreement)
    }
}
