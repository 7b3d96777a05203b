import GRDB
import JuryJSON

extension Ledger {
    /// What needs a lead, most urgent first: leases and lifetimes ending within the warning window, loops
    /// waiting for a lead, then recent failures; at most `limit` of each kind, each read through an index.
    /// With `teams`, only those teams' loops (the ones a lead of them may act on).
    public func attentionItems(limit: Int, teams: [String]? = nil) throws -> [AttentionItem] {
        let soon = nowMilliseconds + QueueStatistics.warningWindowSeconds * 1000
        let ofTeams = teams == nil ? "" : " AND loop.team IN (SELECT value FROM json_each(?))"
        let teamList: StatementArguments = teams.map { [JSONValue.array($0.map { .string($0) }).encodedString()] } ?? []
        return try database.read { db in
            let leases = try db.fetchRecords(ClaimOnLoop.self, sql: "\(ClaimOnLoop.selection) WHERE expires_at <= ?\(ofTeams) ORDER BY expires_at LIMIT ?",
                                             arguments: [soon] + teamList + [limit]).map {
                AttentionItem(loop: $0.loop, reason: .leaseEnding(reviewer: $0.claim.reviewer, expiresAt: $0.claim.expiresAt))
            }
            let lifetimes = try db.fetchRecords(LoopRecord.self, sql: """
                SELECT * FROM loop INDEXED BY loop_deadline WHERE status = 'InProgress' AND deadline <= ?\(ofTeams) ORDER BY deadline LIMIT ?
                """, arguments: [soon] + teamList + [limit]).map { AttentionItem(loop: $0, reason: .lifetimeEnding(deadline: $0.deadline)) }
            let leads = try db.fetchRecords(LoopRecord.self, sql: """
                SELECT * FROM loop INDEXED BY loop_awaiting_lead WHERE status = 'InProgress' AND open_slots > 0 AND lead_slot = 1
                  AND adjudicator IS NULL\(ofTeams) ORDER BY created_at, id LIMIT ?
                """, arguments: teamList + [limit]).map { AttentionItem(loop: $0, reason: .awaitingLead) }
            let failures = try db.fetchRecords(LoopRecord.self, sql: """
                SELECT * FROM loop INDEXED BY loop_status_created WHERE status = 'Failed'\(ofTeams) ORDER BY created_at DESC, id DESC LIMIT ?
                """, arguments: teamList + [limit]).map { AttentionItem(loop: $0, reason: .failed(reason: $0.failureReason ?? "")) }
            return leases + lifetimes + leads + failures
        }
    }
}
