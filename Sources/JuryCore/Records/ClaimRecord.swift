import GRDB

/// A row of `claim`: one reviewer's lease on one slot of a loop.
struct ClaimRecord: Codable, FetchableRecord, TableRecord, Sendable {
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
}

/// A claim with its loop (`claim JOIN loop`), read through `selection`.
struct ClaimOnLoop: FetchableRecord, Sendable {
    let claim: ClaimRecord
    let loop: LoopRecord

    /// The `SELECT … FROM` part of every read of claims with their loops.
    static let selection = "SELECT loop.*, claim.* FROM claim JOIN loop ON loop.id = claim.loop_id"

    init(row: Row) throws {
        claim = try ClaimRecord(row: row)
        loop = try LoopRecord(row: row)
    }

    /// The claim as its reviewer sees it; `resumed` when they already held it.
    func task(resumed: Bool) -> ClaimedTask {
        ClaimedTask(loopName: loop.name, flow: loop.flow, taskType: loop.taskType, reviewer: claim.reviewer,
                    claimedAt: claim.claimedAt, expiresAt: claim.expiresAt, resumed: resumed)
    }
}
