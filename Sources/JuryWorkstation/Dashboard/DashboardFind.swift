import JuryCore
import JuryCanvas

/// Finding any loop of the lead's teams by name (or its start), its audit trail, and the lead actions on it.
extension DashboardState {
    /// Enter looks the text up; escape closes the prompt.
    mutating func answerFinder(_ command: DashboardCommand) -> [DashboardEffect] {
        guard let text = finder?.text.trimmingCharacters(in: .whitespaces) else { return [] }
        finder = nil
        guard command == .confirm else { return [] }
        guard !text.isEmpty else {
            message = StatusMessage("Nothing to find: type a loop name or its start", .warning)
            return []
        }
        message = StatusMessage("Finding \(text)…")
        return [.find(text)]
    }

    mutating func foundLoops(_ prefix: String, _ matches: [LoopSummary], _ trail: LoopTrail?) -> [DashboardEffect] {
        guard !matches.isEmpty else {
            message = StatusMessage("No loop of your teams starts with \(prefix)", .warning)
            return []
        }
        found = FoundLoops(prefix: prefix, matches: matches, trail: trail)
        let openKey = DashboardKeys.bindings(for: .found).keys(for: DashboardCommand.openMatch.id).first?.name ?? "enter"
        message = trail == nil ? StatusMessage("\(matches.count) loops start with \(prefix): \(openKey) shows the selected one") : nil
        return []
    }

    mutating func trailLoaded(_ trail: LoopTrail) {
        guard var found else { return }
        found.trail = trail
        if let index = found.matches.firstIndex(where: { $0.name == trail.loopName }) { found.selection.selected = index }
        self.found = found
    }

    /// Moves among the matches; the trail shown follows the selection.
    mutating func moveAmongMatches(by delta: Int) -> [DashboardEffect] {
        guard var found else { return [] }
        let before = found.selection.selected
        found.selection = found.selection.moved(by: delta, count: found.matches.count, visible: FoundView.matchRows(found))
        self.found = found
        guard found.selection.selected != before, let match = found.selectedMatch else { return [] }
        return [.loadTrail(match.name)]
    }

    /// Opens the confirm box for `kind` on the loop whose trail is shown, or says why it does not apply.
    mutating func askAbout(_ found: FoundLoops, _ kind: LeadAction.Kind) {
        guard let trail = found.trail else {
            message = StatusMessage("Select a loop first: \(found.matches.count) match \(found.prefix)", .warning)
            return
        }
        switch LeadActionRules.action(kind, on: trail) {
        case .success(let action):
            overlay = .confirm(action)
            message = nil
        case .failure(let reason):
            message = StatusMessage(reason.text, .warning)
        }
    }
}

extension LeadActionRules {
    /// The lead action `kind` on a loop looked up; releasing takes the earliest claim held.
    static func action(_ kind: LeadAction.Kind, on trail: LoopTrail) -> Result<LeadAction, Refusal> {
        let loop = trail.loopName
        guard kind == .releaseClaim else {
            let reason: AttentionItem.Reason = trail.awaitsLead ? .awaitingLead : .failed(reason: trail.failureReason ?? "")
            return action(kind, on: AttentionItem(loopName: loop, flow: trail.flow, status: trail.status, reason: reason))
        }
        guard let claim = trail.claims.first else { return .failure(Refusal(text: "\(kind.verb): nobody holds a claim on \(loop)")) }
        return .success(LeadAction(.releaseClaim, loop: loop, reviewer: claim.reviewer))
    }
}
