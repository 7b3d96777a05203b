import GRDB

/// Who may take a slot of a loop, written once: the claimable-loops query uses it as SQL, a claim of a
/// named loop and a late verdict use it as a check of one loop. A reviewer may take a slot of an
/// InProgress loop before its deadline, of one of their teams (a lead slot only when they lead that
/// team), that no lead has settled yet, that has a slot open and that they have neither answered nor hold.
struct SlotRule: Sendable {
    let reviewer: String
    let teams: [String]
    let ledTeams: [String]
    /// ms since 1970.
    let now: Int64

    init(reviewer: String, workforce: Workforce, now: Int64) {
        self.reviewer = reviewer
        teams = workforce.teams(of: reviewer)
        ledTeams = teams.filter { workforce.isLead(reviewer, of: $0) }
        self.now = now
    }

    /// The rule as a filter over `loop`, led by the claimable indexes' own terms so SQLite uses them.
    /// `teams` must not be empty.
    var sql: (text: String, arguments: StatementArguments) {
        let marks = { (list: [String]) in list.map { _ in "?" }.joined(separator: ", ") }
        let text = """
            status = 'InProgress' AND open_slots > 0 AND team IN (\(marks(teams)))
              AND (lead_slot = 0 OR team IN (\(marks(ledTeams)))) AND adjudicator IS NULL AND deadline > ?
              AND NOT EXISTS (SELECT 1 FROM verdict WHERE loop_id = loop.id AND reviewer = ?)
              AND NOT EXISTS (SELECT 1 FROM claim WHERE loop_id = loop.id AND reviewer = ?)
            """
        return (text, StatementArguments(teams) + StatementArguments(ledTeams) + [now, reviewer, reviewer])
    }

    /// What the rule reads of one loop.
    struct Slot: Sendable {
        let name: String
        let team: String
        let status: String
        let leadSlot: Bool
        /// The lead whose verdict settled the loop, if one did.
        let adjudicator: String?
        let openSlots: Int
        let deadline: Int64
        let answeredByReviewer: Bool
        let heldByReviewer: Bool
    }

    /// The slot state of `loop` (a row with the loop's columns) for this rule's reviewer.
    func slot(of loop: Row, db: Database) throws -> Slot {
        let loopId: Int64 = loop["id"]
        let exists = { (table: String) in
            try db.fetchValue(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE loop_id = ? AND reviewer = ?)",
                              arguments: [loopId, reviewer]) ?? false
        }
        return Slot(name: loop["name"], team: loop["team"], status: loop["status"], leadSlot: (loop["lead_slot"] as Int) == 1, adjudicator: loop["adjudicator"],
                    openSlots: (loop["task_count"] as Int) - (loop["verdicts"] as Int) - (loop["claims"] as Int),
                    deadline: loop["deadline"], answeredByReviewer: try exists("verdict"), heldByReviewer: try exists("claim"))
    }

    /// Why the reviewer may not take a slot of `slot`, or nil when they may.
    func refusal(_ slot: Slot) -> JuryError? {
        let name = slot.name
        if !teams.contains(slot.team) { return .forbidden("\(name) belongs to team \(slot.team), which \(reviewer) is not in") }
        if slot.leadSlot, !ledTeams.contains(slot.team) { return .forbidden("\(name) waits for a lead of team \(slot.team) to adjudicate") }
        if slot.status != LoopStatus.inProgress.rawValue { return .invalidState("\(name) is \(slot.status)") }
        if slot.deadline <= now { return .invalidState("\(name) is past its availability lifetime") }
        if let lead = slot.adjudicator { return .invalidState("\(name) was settled by the verdict of its lead \(lead); it takes no more verdicts") }
        if slot.answeredByReviewer, slot.leadSlot {
            return .conflict("\(reviewer) already gave a verdict on \(name); amend it (`jury answer --amend`) to settle the loop as its lead")
        }
        if slot.answeredByReviewer { return .conflict("\(reviewer) already gave a verdict on \(name)") }
        if slot.heldByReviewer { return .conflict("\(reviewer) holds a claim on \(name) already") }
        if slot.openSlots <= 0 { return .conflict("every slot of \(name) is taken; pick another task") }
        return nil
    }
}
