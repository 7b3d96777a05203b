import GRDB

extension Ledger {
    /// A2I's StopHumanLoop: an InProgress loop stops taking claims. With claims outstanding it is
    /// `Stopping` until they end (verdicts given meanwhile are kept); otherwise it is `Stopped` at once.
    /// - Parameter byProducer: the actor is a producer the service let stop loops (an access key's
    ///   profile), not a lead.
    /// - Throws: `JuryError.forbidden` unless `actor` leads the loop's team or `byProducer`; `invalidState`
    ///   when it is not InProgress.
    @discardableResult
    public func stop(loop name: String, actor: String, byProducer: Bool = false) throws -> LoopStatus {
        return try writeImmediately { db in
            let now = nowMilliseconds
            try sweep(now: now, db: db)
            let loop = try leadLoop(name, actor: actor, byProducer: byProducer, db: db).loop
            guard loop.status == .inProgress else {
                throw JuryError.invalidState("\(name) is \(loop.status.rawValue); only InProgress loops can be stopped")
            }
            let status: LoopStatus = loop.claims > 0 ? .stopping : .stopped
            try db.run(sql: "UPDATE loop SET status = ? WHERE id = ?", arguments: [status.rawValue, loop.id])
            try db.audit("stop", loop: name, actor: actor, at: now, detail: status.rawValue)
            return status
        }
    }

    /// A2I's DeleteHumanLoop: removes a Completed, Failed or Stopped loop with its claims, verdicts and drafts.
    /// Output files already written stay; the audit log keeps its history; the name may be used again.
    /// `byProducer` as for `stop`.
    /// - Throws: `JuryError.invalidState` while the loop is in progress, and while its output.json is
    ///   still to be written (its status event names that file).
    public func delete(loop name: String, actor: String, byProducer: Bool = false) throws {
        try writeImmediately { db in
            let now = nowMilliseconds
            let loop = try leadLoop(name, actor: actor, byProducer: byProducer, db: db).loop
            guard [LoopStatus.completed, .failed, .stopped].contains(loop.status) else {
                let wait = loop.status == .stopping ? "it stops once its open claims end; delete it then" : "stop it first (StopHumanLoop, `jury stop \(name)`)"
                throw JuryError.invalidState("\(name) is \(loop.status.rawValue); \(wait), as A2I requires")
            }
            guard loop.outputState != .pending else {
                throw JuryError.invalidState("\(name)'s output.json is not written yet; delete it once it is (`jury describe \(name)`)")
            }
            try Self.removeFromTextIndex(loop, db: db)
            try db.run(sql: "DELETE FROM loop WHERE id = ?", arguments: [loop.id])
            try db.run(sql: "DELETE FROM draft WHERE loop = ?", arguments: [name])
            try db.audit("delete", loop: name, actor: actor, at: now, detail: "was \(loop.status.rawValue)")
        }
    }
}
