import Foundation
import JuryCore

/// What the dashboard needs from the engine. `LedgerDashboardService` provides it; tests may fake it.
public protocol DashboardService: AnyObject {
    /// The engine's clock.
    var now: Date { get }
    /// The figures and the attention list now.
    func snapshot() throws -> DashboardSnapshot
    /// Does `action` in `lead`'s name; returns what happened, in words.
    /// - Throws: `JuryError` (not a lead of the loop's team, wrong state, unknown loop).
    func perform(_ action: LeadAction, lead: String) throws -> String
}

/// The engine's ledger as a `DashboardService`.
public final class LedgerDashboardService: DashboardService {
    public let ledger: Ledger
    /// Items of each kind in the attention list.
    public let attentionLimit: Int

    public init(ledger: Ledger, attentionLimit: Int = 50) {
        self.ledger = ledger
        self.attentionLimit = attentionLimit
    }

    public var now: Date { ledger.time.now }

    /// Sweeps ended leases and lifetimes (as `jury stats` does), then reads the figures with "today"
    /// from local midnight (`TZ`) and the attention list.
    public func snapshot() throws -> DashboardSnapshot {
        try ledger.sweepExpired()
        let statistics = try ledger.statistics(dayStart: Calendar.current.startOfDay(for: ledger.time.now))
        return DashboardSnapshot(statistics: statistics, attention: try ledger.attentionItems(limit: attentionLimit))
    }

    public func perform(_ action: LeadAction, lead: String) throws -> String {
        switch action.kind {
        case .stop:
            let status = try ledger.stop(loop: action.loop, actor: lead)
            return "\(action.loop) is \(status.rawValue)"
        case .releaseClaim:
            try ledger.releaseClaim(loop: action.loop, reviewer: action.reviewer ?? "", lead: lead)
            return "Released \(action.reviewer ?? "")'s claim on \(action.loop)"
        case .reopen:
            try ledger.reopen(loop: action.loop, actor: lead)
            return "Reopened \(action.loop)"
        case .adjudicate:
            try ledger.sendToAdjudication(loop: action.loop, actor: lead)
            return "Sent \(action.loop) to adjudication"
        }
    }
}

extension DashboardService {
    /// Performs one effect; returns the action carrying its result (errors become `.failed`), or nil.
    func result(of effect: DashboardEffect, lead: String) -> DashboardAction? {
        do {
            switch effect {
            case .refresh: return .loaded(try snapshot())
            case .perform(let action): return .performed(action, try perform(action, lead: lead))
            case .closePane, .quit: return nil
            }
        } catch {
            switch effect {
            case .perform(let action): return .failed("Could not \(action.kind.verb.lowercased()) \(action.loop): \(error)")
            default: return .failed("Could not read the figures: \(error)")
            }
        }
    }
}
