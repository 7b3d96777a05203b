import Foundation
import GRDB

extension Ledger {
    /// Reads `workforce.json` again when it changed since it was last read (another inode, size or
    /// modification time), so a lead's edit takes effect without restarting the service.
    /// `vet` runs first and may refuse the changed file (the service checks that nobody but the queue's
    /// owner could have written it).
    /// - Returns: true when a new workforce is in force.
    /// - Throws: what `vet` throws, or `JuryError.invalidInput` or `.notAQueue` when the changed file does
    ///   not load; the workforce in force stays, and the same refused file is not reported again.
    @discardableResult
    public func reloadWorkforceIfChanged(vet: () throws -> Void = {}) throws -> Bool {
        let file = FileIdentity(of: queue.workforceURL)
        guard loadedWorkforce.withLock({ $0.file != file }) else { return false }
        do {
            try vet()
            let workforce = try queue.loadWorkforce()
            loadedWorkforce.withLock { $0 = (workforce, file) }
            claimsUncheckedAgainstWorkforce.withLock { $0 = true }
            return true
        } catch {
            loadedWorkforce.withLock { $0.file = file }
            throw error
        }
    }

    /// `endClaimsOutsideTeams` after a reload of the workforce, once it succeeds: a failed attempt
    /// is made again at the next call.
    public func endClaimsOutsideTeamsIfWorkforceChanged() throws {
        guard claimsUncheckedAgainstWorkforce.withLock({ due in defer { due = false }; return due }) else { return }
        do {
            try endClaimsOutsideTeams()
        } catch {
            claimsUncheckedAgainstWorkforce.withLock { $0 = true }
            throw error
        }
    }

    /// Ends the claims and lapsed leases of reviewers who are not in their loop's team in the workforce
    /// in force (after a lead took them out), so their slots open at once instead of when the leases
    /// run out; each ended claim is audited as a release by the system. A loop a claim held back
    /// (Stopping, or settled by its lead) finishes as it would on a release.
    /// - Returns: the number of claims ended.
    @discardableResult
    public func endClaimsOutsideTeams() throws -> Int {
        let workforce = workforce
        return try writeImmediately(durable: false) { db in
            let now = nowMilliseconds
            let outside = try db.fetchRecords(ClaimOnLoop.self, sql: ClaimOnLoop.selection)
                .filter { !workforce.teams(of: $0.claim.reviewer).contains($0.loop.team) }
            for (claim, loop) in outside.map({ ($0.claim, $0.loop) }) {
                _ = try endClaim(loopId: loop.id, reviewer: claim.reviewer, db: db)
                try db.audit("release", loop: loop.name, actor: systemActor, at: now,
                             detail: "claim of \(claim.reviewer), who is not in team \(loop.team) any more")
                try finishAfterSystemEnded(loop, action: "release", now: now, db: db)
            }
            let lapsed = try Row.fetchAll(db, sql: "SELECT lapsed_claim.loop_id, lapsed_claim.reviewer, loop.team FROM lapsed_claim JOIN loop ON loop.id = lapsed_claim.loop_id")
            for row in lapsed {
                let (loopId, reviewer, team): (Int64, String, String) = (row[0], row[1], row[2])
                guard !workforce.teams(of: reviewer).contains(team) else { continue }
                try db.run(sql: "DELETE FROM lapsed_claim WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer])
            }
            return outside.count
        }
    }
}
