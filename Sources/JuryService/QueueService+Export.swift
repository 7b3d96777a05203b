import JuryCore

extension QueueService {
    /// A page of `jury export` for `login`: the queue's owner reads every loop, a lead the loops of the teams
    /// they lead; everyone else is refused (verdicts name reviewers, so exports are for those who answer for them).
    /// - Throws: `JuryError.forbidden` for a caller who is neither; what `Ledger.correctionPage` throws.
    func exportPage(_ query: ExportQuery, caller: Caller, login: String) throws -> ExportPage {
        if caller.uid == owner && caller.login == login { return try ledger.correctionPage(query) }
        let led = Set(ledger.workforce.teams.filter { ledger.workforce.isLead(login, of: $0.name) }.map(\.name))
        guard !led.isEmpty else {
            throw JuryError.forbidden("only leads and the queue's owner may export verdicts; \(login) leads no team in \(ledger.queue.workforceURL.path)")
        }
        return try ledger.correctionPage(query, teams: led)
    }
}
