import GRDB

extension Ledger {
    /// What needs a lead, most urgent first: leases and lifetimes ending within the warning window, loops
    /// waiting for a lead, then recent failures; at most `limit` of each kind, each read through an index.
    public func attentionItems(limit: Int) throws -> [AttentionItem] {
        let soon = nowMilliseconds + QueueStatistics.warningWindowSeconds * 1000
        return try database.read { db in
            let leases = try db.fetchRows(sql: """
                SELECT loop.name, loop.flow, loop.status, reviewer, expires_at FROM claim JOIN loop ON loop.id = loop_id
                WHERE expires_at <= ? ORDER BY expires_at LIMIT ?
                """, arguments: [soon, limit]).map {
                AttentionItem(row: $0, reason: .leaseEnding(reviewer: $0["reviewer"], expiresAt: $0["expires_at"]))
            }
            let lifetimes = try db.fetchRows(sql: """
                SELECT name, flow, status, deadline FROM loop INDEXED BY loop_deadline
                WHERE status = 'InProgress' AND deadline <= ? ORDER BY deadline LIMIT ?
                """, arguments: [soon, limit]).map { AttentionItem(row: $0, reason: .lifetimeEnding(deadline: $0["deadline"])) }
            let leads = try db.fetchRows(sql: """
                SELECT name, flow, status FROM loop INDEXED BY loop_awaiting_lead WHERE status = 'InProgress' AND open_slots > 0 AND lead_slot = 1
                  AND adjudicator IS NULL ORDER BY created_at, id LIMIT ?
                """, arguments: [limit]).map { AttentionItem(row: $0, reason: .awaitingLead) }
            let failures = try db.fetchRows(sql: """
                SELECT name, flow, status, failure_reason FROM loop INDEXED BY loop_status_created
                WHERE status = 'Failed' ORDER BY created_at DESC, id DESC LIMIT ?
                """, arguments: [limit]).map { AttentionItem(row: $0, reason: .failed(reason: $0["failure_reason"] ?? "")) }
            return leases + lifetimes + leads + failures
        }
    }
}

extension AttentionItem {
    init(row: Row, reason: Reason) {
        self.init(loopName: row["name"], flow: row["flow"], status: LoopStatus(rawValue: row["status"]) ?? .inProgress, reason: reason)
    }
}
