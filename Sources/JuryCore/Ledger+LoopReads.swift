import GRDB

extension Ledger {
    /// Every verdict on `loop`, for a lead of its team (to adjudicate it with the earlier verdicts in view).
    /// - Throws: `JuryError.notFound` for an unknown loop, `.forbidden` when `lead` leads no team of the loop.
    public func loopVerdicts(loop name: String, lead: String) throws -> LoopVerdicts {
        try database.read { db in
            let row = try loopRow(name, db: db)
            guard workforce.isLead(lead, of: row["team"]) else {
                throw JuryError.forbidden("only leads of team \(row["team"] as String) may read the verdicts on \(name); \(lead) is not one")
            }
            return try loopVerdicts(row, answers: answers(loopId: row["id"], loop: name, db: db))
        }
    }

    /// `reviewer`'s own verdict on `loop` (the only one in the result).
    /// - Throws: `JuryError.notFound` when the loop is unknown or `reviewer` gave no verdict on it.
    public func ownVerdict(loop name: String, reviewer: String) throws -> LoopVerdicts {
        try database.read { db in
            let row = try loopRow(name, db: db)
            let own = try answers(loopId: row["id"], loop: name, db: db).filter { $0.workerId == reviewer }
            guard !own.isEmpty else { throw JuryError.notFound("\(reviewer) gave no verdict on \(name)") }
            return try loopVerdicts(row, answers: own)
        }
    }

    /// Loops whose names start with `prefix`, by name, of the teams `lead` leads (at most `limit`, 1 to 100).
    /// - Throws: `JuryError.forbidden` when `lead` leads no team; `.invalidInput` for an empty prefix.
    public func findLoops(prefix: String, lead: String, limit: Int) throws -> [LoopSummary] {
        let teams = workforce.teams.filter { $0.isLead(lead) }.map(\.name)
        guard !teams.isEmpty else { throw JuryError.forbidden("only leads may look loops up; \(lead) leads no team") }
        guard !prefix.isEmpty else { throw JuryError.invalidInput("give the start of a loop name") }
        // Loop names are ASCII (ResourceName), so every name with the prefix sorts below prefix + DEL.
        let loops = try database.read { db in
            try LoopRecord.fetchAll(db, sql: """
                SELECT * FROM loop
                WHERE name >= ? AND name < ? AND team IN (\(teams.map { _ in "?" }.joined(separator: ", "))) ORDER BY name LIMIT ?
                """, arguments: StatementArguments([prefix, prefix + "\u{7F}"] + teams + [min(max(limit, 1), 100)]))
        }
        return loops.map(summary)
    }

    /// Where `loop` stands and its audit trail, for a lead of its team.
    /// - Throws: `JuryError.notFound` for an unknown loop, `.forbidden` when `lead` leads no team of the loop.
    public func loopTrail(loop name: String, lead: String) throws -> LoopTrail {
        try database.read { db in
            let row = try loopRow(name, db: db)
            guard workforce.isLead(lead, of: row["team"]) else {
                throw JuryError.forbidden("only leads of team \(row["team"] as String) may read the audit trail of \(name); \(lead) is not one")
            }
            let claims = try db.fetchRows(sql: "SELECT reviewer, expires_at FROM claim WHERE loop_id = ? ORDER BY claimed_at",
                                          arguments: [row["id"] as Int64]).map { LoopTrail.Claim(reviewer: $0["reviewer"], expiresAt: $0["expires_at"]) }
            let audit = try db.fetchRows(sql: """
                SELECT at, actor, action, detail FROM (SELECT id, at, actor, action, detail FROM audit WHERE loop_name = ? ORDER BY id DESC LIMIT ?)
                ORDER BY id
                """, arguments: [name, LoopTrail.entryLimit]).map { LoopTrail.Entry(at: $0["at"], actor: $0["actor"], action: $0["action"], detail: $0["detail"]) }
            return LoopTrail(loopName: name, flow: row["flow"], team: row["team"], status: Self.status(row), failureReason: row["failure_reason"],
                             verdicts: row["verdicts"], taskCount: row["task_count"], awaitsLead: Self.awaitsLead(row), claims: claims, audit: audit)
        }
    }

    private func loopRow(_ name: String, db: Database) throws -> Row {
        guard let row = try db.fetchRow(sql: """
            SELECT id, name, flow, team, status, failure_reason, verdicts, task_count, lead_slot, adjudicator FROM loop WHERE name = ?
            """, arguments: [name])
        else { throw JuryError.notFound("no human loop named \(name)") }
        return row
    }

    private func loopVerdicts(_ row: Row, answers: [HumanAnswer]) throws -> LoopVerdicts {
        LoopVerdicts(loopName: row["name"], flow: row["flow"], status: Self.status(row), awaitsLead: Self.awaitsLead(row),
                     verdicts: answers.map { GivenVerdict(reviewer: $0.workerId, submittedAt: $0.submittedAt, answer: $0.answerContent) })
    }

    private static func status(_ row: Row) -> LoopStatus { LoopStatus(rawValue: row["status"]) ?? .inProgress }

    /// Handed to a lead (`lead_slot`), no lead settled it yet, and still InProgress.
    private static func awaitsLead(_ row: Row) -> Bool {
        status(row) == .inProgress && (row["lead_slot"] as Int) == 1 && (row["adjudicator"] as String?) == nil
    }
}
