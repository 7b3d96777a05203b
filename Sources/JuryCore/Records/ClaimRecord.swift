import GRDB

/// A row of `claim`: one reviewer's lease on one slot of a loop.
struct ClaimRecord: Codable, ColumnDecodable, FetchableRecord, TableRecord, Sendable {
    static let databaseTableName = "claim"

    let loopId: Int64
    let reviewer: String
    /// ms since 1970.
    let claimedAt: Int64
    /// End of the lease, ms since 1970.
    let expiresAt: Int64

    enum CodingKeys: String, CodingKey {
        case reviewer
        case loopId = "loop_id", claimedAt = "claimed_at", expiresAt = "expires_at"
    }

    /// Reads the columns by name, as `Decodable` would, straight from the statement.
    /// - Throws: as `ColumnSource.value(_:)`.
    init(columns source: some ColumnSource) throws {
        loopId = try source.column(CodingKeys.loopId)
        reviewer = try source.column(CodingKeys.reviewer)
        claimedAt = try source.column(CodingKeys.claimedAt)
        expiresAt = try source.column(CodingKeys.expiresAt)
    }

    init(row: Row) throws { try self.init(columns: row) }
}

/// A claim with its loop (`claim JOIN loop`), read through `selection`.
struct ClaimOnLoop: ColumnDecodable, FetchableRecord, Sendable {
    let claim: ClaimRecord
    let loop: LoopRecord

    /// The `SELECT … FROM` part of every read of claims with their loops.
    static let selection = "SELECT loop.*, claim.* FROM claim JOIN loop ON loop.id = claim.loop_id"

    init(columns source: some ColumnSource) throws {
        claim = try ClaimRecord(columns: source)
        loop = try LoopRecord(columns: source)
    }

    init(row: Row) throws { try self.init(columns: row) }

    /// The claim as its reviewer sees it; `resumed` when they already held it.
    func task(resumed: Bool) -> ClaimedTask {
        ClaimedTask(loopName: loop.name, flow: loop.flow, taskType: loop.taskType, reviewer: claim.reviewer,
                    claimedAt: claim.claimedAt, expiresAt: claim.expiresAt, resumed: resumed)
    }
}
