import GRDB

extension Ledger {
    /// Every verdict on `loop`, for a lead of its team (to adjudicate it with the earlier verdicts in view).
    /// - Throws: `JuryError.notFound` for an unknown loop, `.forbidden` when `lead` leads no team of the loop.
    public func loopVerdicts(loop name: String, lead: String) throws -> LoopVerdicts {
        try database.read { db in
            let loop = try loopRecord(name, db: db)
            guard workforce.isLead(lead, of: loop.team) else {
                throw JuryError.forbidden("only leads of team \(loop.team) may read the verdicts on \(name); \(lead) is not one")
            }
            return Self.loopVerdicts(loop, answers: try answers(loopId: loop.id, loop: name, db: db))
        }
    }

    /// `reviewer`'s own verdict on `loop` (the only one in the result).
    /// - Throws: `JuryError.notFound` when the loop is unknown or `reviewer` gave no verdict on it.
    public func ownVerdict(loop name: String, reviewer: String) throws -> LoopVerdicts {
        try database.read { db in
            let loop = try loopRecord(name, db: db)
            let own = try answers(loopId: loop.id, loop: name, db: db).filter { $0.workerId == reviewer }
            guard !own.isEmpty else { throw JuryError.notFound("\(reviewer) gave no verdict on \(name)") }
            return Self.loopVerdicts(loop, answers: own)
        }
    }

    /// Loops whose names start with `prefix`, by name, of the teams `lead` leads (at most `limit`, 1 to 100).
    /// - Throws: `JuryError.forbidden` when `lead` leads no team; `.invalidInput` for an empty prefix.
    public func findLoops(prefix: String, lead: String, limit: Int) throws -> [LoopSummary] {
        let teams = workforce.teamsLed(by: lead)
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
            let loop = try loopRecord(name, db: db)
            guard workforce.isLead(lead, of: loop.team) else {
                throw JuryError.forbidden("only leads of team \(loop.team) may read the audit trail of \(name); \(lead) is not one")
            }
            let claims = try db.fetchRecords(ClaimRecord.self, sql: "SELECT * FROM claim WHERE loop_id = ? ORDER BY claimed_at", arguments: [loop.id])
                .map { LoopTrail.Claim(reviewer: $0.reviewer, expiresAt: $0.expiresAt) }
            let audit = try db.fetchRows(sql: """
                SELECT at, actor, action, detail FROM (SELECT id, at, actor, action, detail FROM audit WHERE loop_name = ? ORDER BY id DESC LIMIT ?)
                ORDER BY id
                """, arguments: [name, LoopTrail.entryLimit]).map { LoopTrail.Entry(at: $0["at"], actor: $0["actor"], action: $0["action"], detail: $0["detail"]) }
            return LoopTrail(loopName: name, flow: loop.flow, team: loop.team, status: loop.status, failureReason: loop.failureReason,
                             verdicts: loop.verdicts, taskCount: loop.taskCount, awaitsLead: Self.awaitsLead(loop), claims: claims, audit: audit)
        }
    }

    private func loopRecord(_ name: String, db: Database) throws -> LoopRecord {
        guard let loop = try db.fetchRecord(LoopRecord.self, sql: "SELECT * FROM loop WHERE name = ?", arguments: [name])
        else { throw JuryError.notFound("no human loop named \(name)") }
        return loop
    }

    private static func loopVerdicts(_ loop: LoopRecord, answers: [HumanAnswer]) -> LoopVerdicts {
        LoopVerdicts(loopName: loop.name, flow: loop.flow, status: loop.status, awaitsLead: awaitsLead(loop),
                     verdicts: answers.map { GivenVerdict(reviewer: $0.workerId, submittedAt: $0.submittedAt, answer: $0.answerContent) })
    }

    /// Handed to a lead (`lead_slot`), no lead settled it yet, and still InProgress.
    private static func awaitsLead(_ loop: LoopRecord) -> Bool {
        loop.status == .inProgress && loop.leadSlot && loop.adjudicator == nil
    }
}
