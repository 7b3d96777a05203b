import GRDB

/// Who may take a slot of a loop, written once as a list of terms, each an SQL test over `loop` with
/// the refusal it stands for. The claimable-loops query joins the terms; a claim of a named loop and a
/// late verdict evaluate the same terms for that one loop and report the first that fails.
///
/// A reviewer may take a slot of a loop of one of their teams (a lead slot only when they lead that
/// team) that is InProgress before its deadline, that no lead has settled yet, that they have neither
/// answered nor hold, and that has a slot open.
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

    /// One condition of the rule: an SQL boolean over the row of `loop`, the values of its `?`s in order,
    /// and why a loop that fails it is refused.
    struct Term: Sendable {
        let sql: String
        let values: [DatabaseValue]
        let refusal: @Sendable (LoopRecord) -> JuryError
    }

    /// The terms in the order a refusal is reported (the first that fails names it).
    var terms: [Term] {
        let (reviewer, marks) = (reviewer, { (list: [String]) in list.map { _ in "?" }.joined(separator: ", ") })
        return [
            Term(sql: "team IN (\(marks(teams)))", values: teams.map { $0.databaseValue }) {
                .forbidden("\($0.name) belongs to team \($0.team), which \(reviewer) is not in")
            },
            Term(sql: "(lead_slot = 0 OR team IN (\(marks(ledTeams))))", values: ledTeams.map { $0.databaseValue }) {
                .forbidden("\($0.name) waits for a lead of team \($0.team) to adjudicate")
            },
            Term(sql: "status = 'InProgress'", values: []) { .invalidState("\($0.name) is \($0.status.rawValue)") },
            Term(sql: "deadline > ?", values: [now.databaseValue]) { .invalidState("\($0.name) is past its availability lifetime") },
            Term(sql: "adjudicator IS NULL", values: []) {
                .invalidState("\($0.name) was settled by the verdict of its lead \($0.adjudicator ?? ""); it takes no more verdicts")
            },
            Term(sql: "NOT EXISTS (SELECT 1 FROM verdict WHERE loop_id = loop.id AND reviewer = ?)", values: [reviewer.databaseValue]) {
                $0.leadSlot
                    ? .conflict("\(reviewer) already gave a verdict on \($0.name); amend it (`jury answer --amend`) to settle the loop as its lead")
                    : .conflict("\(reviewer) already gave a verdict on \($0.name)")
            },
            Term(sql: "NOT EXISTS (SELECT 1 FROM claim WHERE loop_id = loop.id AND reviewer = ?)", values: [reviewer.databaseValue]) {
                .conflict("\(reviewer) holds a claim on \($0.name) already")
            },
            Term(sql: "open_slots > 0", values: []) { .conflict("every slot of \($0.name) is taken; pick another task") },
        ]
    }

    /// The rule as one filter over `loop` (the claimable indexes' own terms, `status` and `open_slots`, are
    /// among them, so `INDEXED BY` those indexes holds). `teams` must not be empty.
    var sql: (text: String, arguments: StatementArguments) {
        let terms = terms
        return (terms.map(\.sql).joined(separator: "\n  AND "), Self.arguments(terms))
    }

    /// Why the reviewer may not take a slot of `loop` now, or nil when they may: every term evaluated by
    /// SQLite for that loop's row, the first that fails reported.
    func refusal(of loop: LoopRecord, db: Database) throws -> JuryError? {
        let terms = terms
        let sql = "SELECT " + terms.map { "(\($0.sql))" }.joined(separator: ", ") + " FROM loop WHERE id = ?"
        guard let row = try db.fetchRow(sql: sql, arguments: Self.arguments(terms, then: [loop.id.databaseValue])) else {
            return .notFound("no human loop named \(loop.name)")
        }
        let failed = try terms.indices.first { index in try !row.decode(Bool.self, atIndex: index) }
        return failed.map { terms[$0].refusal(loop) }
    }

    /// The terms' values in order, then `more`, as one argument list (built once: GRDB's generic
    /// `StatementArguments` initialisers and `+=` cost microseconds each, on every claim).
    private static func arguments(_ terms: [Term], then more: [DatabaseValue] = []) -> StatementArguments {
        var values: [(any DatabaseValueConvertible)?] = []
        for term in terms { for value in term.values { values.append(value) } }
        for value in more { values.append(value) }
        return StatementArguments(values)
    }
}
