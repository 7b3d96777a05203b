/// The lead dashboard's figures at one moment (all times ms since 1970, durations in seconds).
public struct QueueStatistics: Sendable, Equatable {
    /// Loops by state, and the risks, for one flow or (`flow == nil`) for all.
    public struct FlowFigures: Sendable, Equatable {
        public var flow: String?
        public var unclaimed = 0
        public var claimed = 0
        public var completed = 0
        public var failed = 0
        public var stopping = 0
        public var stopped = 0
        /// Age of the oldest loop nobody holds a claim on.
        public var oldestUnclaimedSeconds: Double?
        /// Claims whose lease ends within the warning window.
        public var leasesEndingSoon = 0
        /// InProgress loops whose availability lifetime ends within the warning window (an SLA at risk).
        public var lifetimesEndingSoon = 0
        public var completionsLastHour = 0
        /// Share of the loops completed in the last 24 hours that escalated.
        public var escalatedShare: Double?
        /// Agreement over recent completed loops (categorical task types).
        public var fleissKappa: Double?
        public var krippendorffAlpha: Double?

        /// InProgress loops: the queue's depth.
        public var depth: Int { unclaimed + claimed }
    }

    /// One reviewer's day.
    public struct ReviewerFigures: Sendable, Equatable {
        public var reviewer: String
        public var verdictsToday = 0
        public var medianSeconds: Double?
        public var p90Seconds: Double?
        /// Share of their recent verdicts that match the consensus.
        public var agreement: Double?
        /// Claims they hold now (0: idle).
        public var activeClaims = 0
        /// Their last claim, release or verdict.
        public var lastActivity: Int64?
    }

    /// A history point: depth and total completions at a time.
    public struct Sample: Sendable, Equatable {
        public var at: Int64
        public var depth: Int
        public var completed: Int
    }

    /// Something a lead should look at now.
    public struct Alert: Sendable, Equatable {
        public enum Kind: String, Sendable { case backlogGrowing = "backlog-growing", lowAgreement = "low-agreement", slaAtRisk = "sla-at-risk" }
        public var kind: Kind
        public var message: String
    }

    public var generatedAt: Int64
    public var total: FlowFigures
    public var flows: [FlowFigures]
    /// Files in `inbox/` not yet ingested, and files kept in `rejected/`.
    public var inboxBacklog: Int
    public var rejectedFiles: Int
    /// Samples of the last 24 hours, oldest first (one every `QueueStatistics.sampleInterval`).
    public var history: [Sample]
    public var reviewers: [ReviewerFigures]
    public var alerts: [Alert]

    /// Minutes ahead in which an ending lease or lifetime counts as "soon".
    public static let warningWindowSeconds: Int64 = 600
    /// Seconds between two history samples.
    public static let sampleInterval: Int64 = 300
}
