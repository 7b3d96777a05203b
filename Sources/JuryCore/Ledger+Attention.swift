import GRDB

extension Ledger {
    /// What needs a lead, most urgent first: leases and lifetimes ending within the warning window, loops
    /// waiting for a lead, then recent failures; at most `limit` of each kind, each read through an index.
    public func attentionItems(limit: Int) throws -> [AttentionItem] {
        let soon = nowMilliseconds + QueueStatistics.warningWindowSeconds * 1000
        return try database.read { db in
            let leases = try db.fetchRecords(ClaimOnLoop.self, sql: "\(ClaimOnLoop.selection) WHERE expires_at <= ? ORDER BY expires_at LIMIT ?",
                                             arguments: [soon, limit]).map {
                AttentionItem(loop: $0.loop, reason: .leaseEnding(reviewer: $0.claim.reviewer, expiresAt: $0.claim.expiresAt))
            }
            let lifetimes = try db.fetchRecords(LoopRecord.self, sql: """
                SELECT * FROM loop INDEXED BY loop_deadline WHERE status = 'InProgress' AND deadline <= ? ORDER BY deadline LIMIT ?
                """, arguments: [soon, limit]).map { AttentionItem(loop: $0, reason: .lifetimeEnding(deadline: $0.deadline)) }
            let leads = try db.fetchRecords(LoopRecord.self, sql: """
                SELECT * FROM loop INDEXED BY loop_awaiting_lead WHERE status = 'InProgress' AND open_slots > 0 AND lead_slot = 1
                  AND adjudicator IS NULL ORDER BY created_at, id LIMIT ?
                """, arguments: [limit]).map { AttentionItem(loop: $0, reason: .awaitingLead) }
            let failures = try db.fetchRecords(LoopRecord.self, sql: """
                SELECT * FROM loop INDEXED BY loop_status_created WHERE status = 'Failed' ORDER BY created_at DESC, id DESC LIMIT ?
                """, arguments: [limit]).map { AttentionItem(loop: $0, reason: .failed(reason: $0.failureReason ?? "")) }
            return leases + lifetimes + leads + failures
        }
    }
}
