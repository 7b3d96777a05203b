/// The lead dashboard's figures at one moment (all times ms since 1970, durations in seconds).
public struct QueueStatistics: Sendable, Equatable, Codable {
    /// Loops by state, and the risks, for one flow or (`flow == nil`) for all.
    public struct FlowFigures: Sendable, Equatable, Codable {
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

        /// Figures of `flow` (nil: all flows), all zero until set.
        public init(flow: String?) { self.flow = flow }
    }

    /// One reviewer's day.
    public struct ReviewerFigures: Sendable, Equatable, Codable {
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

        /// Figures of `reviewer`, all zero until set.
        public init(reviewer: String) { self.reviewer = reviewer }
    }

    /// A history point: depth and total completions at a time.
    public struct Sample: Sendable, Equatable, Codable {
        public var at: Int64
        public var depth: Int
        public var completed: Int

        public init(at: Int64, depth: Int, completed: Int) {
            (self.at, self.depth, self.completed) = (at, depth, completed)
        }
    }

    /// Something a lead should look at now.
    public struct Alert: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable { case backlogGrowing = "backlog-growing", lowAgreement = "low-agreement", slaAtRisk = "sla-at-risk" }
        public var kind: Kind
        /// The reviewer (low agreement) or flow (SLA) the alert is about; nil for the whole queue.
        public var subject: String?
        public var message: String

        public init(kind: Kind, subject: String?, message: String) {
            (self.kind, self.subject, self.message) = (kind, subject, message)
        }
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

    public init(
        generatedAt: Int64, total: FlowFigures, flows: [FlowFigures], inboxBacklog: Int, rejectedFiles: Int, history: [Sample],
        reviewers: [ReviewerFigures], alerts: [Alert]
    ) {
        (self.generatedAt, self.total, self.flows, self.inboxBacklog, self.rejectedFiles) = (generatedAt, total, flows, inboxBacklog, rejectedFiles)
        (self.history, self.reviewers, self.alerts) = (history, reviewers, alerts)
    }

    /// Minutes ahead in which an ending lease or lifetime counts as "soon".
    public static let warningWindowSeconds: Int64 = 600
    /// Seconds between two history samples.
    public static let sampleInterval: Int64 = 300
}

extension QueueStatistics.FlowFigures {
    mutating func add(state: String, count: Int) {
        switch state {
        case "unclaimed": unclaimed += count
        case "claimed": claimed += count
        case "Completed": completed += count
        case "Failed": failed += count
        case "Stopping": stopping += count
        default: stopped += count
        }
    }
}
