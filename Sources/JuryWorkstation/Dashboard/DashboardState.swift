import JuryCore
import JuryCanvas

/// The lead dashboard as a value: the latest figures, what needs a lead, the selection, and the box
/// open over it. `Dashboard.update` changes it; `DashboardView` draws it. Used full screen by
/// `jury dashboard` and as a pane of `jury review` (`WorkstationState.dashboard`).
public struct DashboardState: Equatable, Sendable {
    /// The lead looking (lead actions are done in their name).
    public var lead: String
    public var size: Size
    /// The clock as of the last tick or load, ms since 1970.
    public var now: Int64
    /// How often the figures reload, ms.
    public var refreshInterval: Int64
    public var snapshot: DashboardSnapshot?
    /// True while the pane shows the figures of an earlier visit, from its opening until its reload is
    /// back: a lead action waits for the current ones (the claim it names may have changed since).
    public var showsEarlierFigures = false
    /// When the last reload was asked for (ms); nil before the first.
    public var requestedAt: Int64?
    /// The selection in the attention list.
    public var attention = ScrollState(top: 0, selected: 0)
    public var overlay: DashboardOverlay?
    /// The find prompt in the status row (a loop name or its start), while open.
    public var finder: LineEditor?
    /// The loops found and the audit trail of the one selected; shown in place of the figures while set.
    public var found: FoundLoops?
    public var message: StatusMessage?
    public var isQuitting = false
    /// True inside `jury review`: the pane's key table applies (`D` closes it).
    public var isPane: Bool

    public init(lead: String, size: Size, now: Int64, refreshInterval: Int64 = 2_000, isPane: Bool = false) {
        self.lead = lead
        self.isPane = isPane
        self.size = size
        self.now = now
        self.refreshInterval = refreshInterval
    }

    /// The smallest terminal the full-screen dashboard lays out for (as the workstation).
    public static let minimumSize = WorkstationState.minimumSize

    /// The attention item under the selection, if any.
    public var selectedItem: AttentionItem? {
        guard let items = snapshot?.attention, let index = attention.selected, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// Which key table applies now.
    public var screen: DashboardScreen {
        switch overlay {
        case .help: .help
        case .confirm: .confirm
        case nil: finder != nil ? .find : found != nil ? .found : .main
        }
    }
}

/// What a find brought: the loops whose names start with the text, and the trail of the one looked at.
public struct FoundLoops: Equatable, Sendable {
    public var prefix: String
    /// By name, of the teams the lead leads.
    public var matches: [LoopSummary]
    public var selection = ScrollState(top: 0, selected: 0)
    /// The selected loop's state and audit trail, once read.
    public var trail: LoopTrail?

    public init(prefix: String, matches: [LoopSummary], trail: LoopTrail?) {
        self.prefix = prefix
        self.matches = matches
        self.trail = trail
        selection = ScrollState(top: 0, selected: matches.firstIndex { $0.name == trail?.loopName } ?? 0)
    }

    /// The match under the selection.
    public var selectedMatch: LoopSummary? { selection.selected.flatMap { matches.indices.contains($0) ? matches[$0] : nil } }
}

/// What one reload brings: the figures and the loops a lead may act on.
public struct DashboardSnapshot: Equatable, Sendable {
    public var statistics: QueueStatistics
    public var attention: [AttentionItem]
    /// The most items of each kind the attention list asks for.
    public static let attentionLimit = 50

    public init(statistics: QueueStatistics, attention: [AttentionItem]) {
        self.statistics = statistics
        self.attention = attention
    }
}

/// A box over the dashboard.
public enum DashboardOverlay: Equatable, Sendable {
    case help(ScrollState)
    /// The lead action waiting for `y`.
    case confirm(LeadAction)
}

/// The dashboard's key tables.
public enum DashboardScreen: String, CaseIterable, Sendable {
    case main, find, found, confirm, help

    /// The title used in help and the key reference.
    public var title: String {
        switch self {
        case .main: "Lead dashboard"
        case .find: "Lead dashboard: finding a loop"
        case .found: "Lead dashboard: a loop found"
        case .confirm: "Lead dashboard: confirm an action"
        case .help: "Lead dashboard: help"
        }
    }
}

/// A lead's action on one loop, as a value (the runtime performs it against the ledger, audited).
public struct LeadAction: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable, CaseIterable {
        case stop, releaseClaim, reopen, adjudicate

        /// The confirm box's title.
        public var title: String {
            switch self {
            case .stop: "Stop loop"
            case .releaseClaim: "Release claim"
            case .reopen: "Reopen loop"
            case .adjudicate: "Adjudicate"
            }
        }

        /// The verb for the confirm box and messages.
        public var verb: String {
            switch self {
            case .stop: "Stop"
            case .releaseClaim: "Release the claim on"
            case .reopen: "Reopen"
            case .adjudicate: "Send to adjudication"
            }
        }
    }

    public var kind: Kind
    public var loop: String
    /// Whose claim `releaseClaim` ends.
    public var reviewer: String?

    public init(_ kind: Kind, loop: String, reviewer: String? = nil) {
        self.kind = kind
        self.loop = loop
        self.reviewer = reviewer
    }
}
