import GRDB

/// A loop's sort key in the claim orders: a queue page continues after the last open entry's
/// position (keyset paging), so a page deep in a million loops costs what the first one does.
public struct QueuePosition: Sendable, Equatable, Codable {
    /// Lowest model confidence, 1000 when the input has none (lowest confidence first's key).
    public let confidenceKey: Double
    /// Admission time, ms since 1970 (oldest first's key).
    public let createdAt: Int64
    /// The ledger's row id of the loop: settles loops admitted in the same millisecond.
    public let rowID: Int64

    public init(minimumConfidence: Double?, createdAt: Int64, rowID: Int64) {
        (confidenceKey, self.createdAt, self.rowID) = (minimumConfidence ?? 1000, createdAt, rowID)
    }

    private init(confidenceKey: Double, createdAt: Int64, rowID: Int64) {
        (self.confidenceKey, self.createdAt, self.rowID) = (confidenceKey, createdAt, rowID)
    }

    /// Before every loop in both orders: the open entries from the start, without the reviewer's
    /// held ones (what follows a first page that held entries filled).
    public static let beforeFirst = QueuePosition(confidenceKey: -.infinity, createdAt: .min, rowID: .min)

    private enum CodingKeys: String, CodingKey { case confidenceKey, createdAt, rowID }

    /// `beforeFirst` travels with no confidence key (JSON has no infinities).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        confidenceKey = try container.decodeIfPresent(Double.self, forKey: .confidenceKey) ?? -.infinity
        createdAt = try container.decode(Int64.self, forKey: .createdAt)
        rowID = try container.decode(Int64.self, forKey: .rowID)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if confidenceKey.isFinite { try container.encode(confidenceKey, forKey: .confidenceKey) }
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(rowID, forKey: .rowID)
    }

    /// The position's values for `order`'s sort key (`ClaimOrder.sortKey`).
    func values(in order: ClaimOrder) -> [DatabaseValueConvertible] {
        order == .oldestFirst ? [createdAt, rowID] : [confidenceKey, createdAt, rowID]
    }
}
