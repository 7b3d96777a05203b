import Foundation
import JuryCore

extension QueueClient {
    /// The figures, with "today" from local midnight (`TZ`) of the service's day, and the attention list.
    public func dashboardSnapshot(attentionLimit: Int = DashboardSnapshot.attentionLimit) throws -> DashboardSnapshot {
        DashboardSnapshot(statistics: try statistics(dayStart: Calendar.current.startOfDay(for: now)),
                          attention: try attention(limit: attentionLimit))
    }

    /// Does a lead's `action`; returns what happened, in words.
    /// - Throws: `JuryError` (not a lead of the loop's team, wrong state, unknown loop).
    func perform(_ action: LeadAction) throws -> String {
        switch action.kind {
        case .stop: return try perform(.stop, loop: action.loop, reviewer: nil)
        case .releaseClaim:
            _ = try perform(.releaseClaim, loop: action.loop, reviewer: action.reviewer)
            return "Released \(action.reviewer ?? "")'s claim on \(action.loop)"
        case .reopen:
            _ = try perform(.reopen, loop: action.loop, reviewer: nil)
            return "Reopened \(action.loop)"
        case .adjudicate:
            _ = try perform(.adjudicate, loop: action.loop, reviewer: nil)
            return "Sent \(action.loop) to adjudication"
        }
    }

    /// The loops starting with `prefix`, and the trail of the one named exactly (or the only one).
    private func found(_ prefix: String) throws -> DashboardAction {
        let matches = try findLoops(prefix: prefix, limit: 50)
        let shown = matches.first { $0.name == prefix } ?? (matches.count == 1 ? matches[0] : nil)
        return .foundLoops(prefix, matches, try shown.map { try loopTrail(loop: $0.name) })
    }

    /// Performs one dashboard effect; returns the action carrying its result (errors become `.failed`), or nil.
    func result(of effect: DashboardEffect) -> DashboardAction? {
        do {
            switch effect {
            case .refresh: return .loaded(try dashboardSnapshot())
            case .perform(let action): return .performed(action, try perform(action))
            case .find(let prefix): return try found(prefix)
            case .loadTrail(let loop): return .trailLoaded(try loopTrail(loop: loop))
            case .closePane, .quit: return nil
            }
        } catch {
            switch effect {
            case .perform(let action): return .failed("Could not \(action.kind.verb.lowercased()) \(action.loop): \(error)")
            case .find(let prefix): return .failed("Could not find \(prefix): \(error)")
            case .loadTrail(let loop): return .failed("Could not read the audit trail of \(loop): \(error)")
            default: return .failed("Could not read the figures: \(error)")
            }
        }
    }
}
