/// Which claimable loop a reviewer gets first.
public enum ClaimOrder: String, Sendable, CaseIterable, Codable {
    case oldestFirst = "oldest"
    case lowestConfidenceFirst = "lowest-confidence"

    /// The order's sort key over `loop`, as SQL expressions (ending in the unique `id`).
    var sortKey: [String] {
        self == .oldestFirst ? ["created_at", "id"] : ["coalesce(min_confidence, 1000)", "created_at", "id"]
    }

    /// The partial index (migration 1) that serves the order.
    var index: String { self == .oldestFirst ? "loop_claimable" : "loop_claimable_by_confidence" }
}
