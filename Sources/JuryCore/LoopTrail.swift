/// One loop as a lead looks it up: where it stands, who holds it, and its audit trail.
public struct LoopTrail: Sendable, Equatable, Codable {
    /// One claim held now.
    public struct Claim: Sendable, Equatable, Codable {
        public let reviewer: String
        /// ms since 1970.
        public let expiresAt: Int64

        public init(reviewer: String, expiresAt: Int64) { (self.reviewer, self.expiresAt) = (reviewer, expiresAt) }
    }

    /// One row of the audit log.
    public struct Entry: Sendable, Equatable, Codable {
        /// ms since 1970.
        public let at: Int64
        public let actor: String
        /// `claim`, `verdict`, `amend`, `stop`, … (see the ledger's audit actions).
        public let action: String
        public let detail: String?

        public init(at: Int64, actor: String, action: String, detail: String?) {
            (self.at, self.actor, self.action, self.detail) = (at, actor, action, detail)
        }
    }

    public let loopName: String
    public let flow: String
    public let team: String
    public let status: LoopStatus
    public let failureReason: String?
    public let verdicts: Int
    public let taskCount: Int
    /// Whether the loop waits for a lead's verdict.
    public let awaitsLead: Bool
    public let claims: [Claim]
    /// Oldest first; at most `LoopTrail.entryLimit`, the latest ones.
    public let audit: [Entry]

    /// The most audit rows a trail carries (the latest).
    public static let entryLimit = 200

    public init(loopName: String, flow: String, team: String, status: LoopStatus, failureReason: String?, verdicts: Int, taskCount: Int,
                awaitsLead: Bool, claims: [Claim], audit: [Entry]) {
        (self.loopName, self.flow, self.team, self.status, self.failureReason) = (loopName, flow, team, status, failureReason)
        (self.verdicts, self.taskCount, self.awaitsLead, self.claims, self.audit) = (verdicts, taskCount, awaitsLead, claims, audit)
    }
}
