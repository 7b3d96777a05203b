import Foundation
import GRDB
import JuryJSON

extension Ledger {
    /// Stores `reviewer`'s verdict on `loop` durably, then writes the outputs still pending (this loop's,
    /// if the verdict completed it, and any a crashed process left).
    ///
    /// The reviewer needs their claim, or a claim whose lease ran out while its slot is still free (a late
    /// verdict is kept rather than lost). Submitting the same answer twice stores it once.
    /// - Throws: `JuryError` when the loop is unknown or finished, the answer is invalid, the reviewer
    ///   already gave a different verdict, or holds no claim on the loop.
    @discardableResult
    public func submit(
        loop name: String, reviewer: String, answer: JSONValue, timeSpentSeconds: Double? = nil
    ) throws -> VerdictReceipt {
        try submit([VerdictSubmission(loop: name, reviewer: reviewer, answer: answer, timeSpentSeconds: timeSpentSeconds)])[0].get()
    }

    /// Stores several verdicts in one durable transaction (group commit), each in a savepoint of its own
    /// so that one refused verdict leaves the others alone; then, unless `writingOutputs` is false (the
    /// caller writes them), writes the outputs still pending.
    ///
    /// - Returns: one result per submission, in order; a refused verdict's result holds its `JuryError`.
    ///   A verdict whose output could not be written is still stored: its receipt says so.
    /// - Throws: when the transaction itself fails (disk full at COMMIT, I/O): then none was stored.
    public func submit(_ submissions: [VerdictSubmission], writingOutputs: Bool = true) throws -> [Result<VerdictReceipt, JuryError>] {
        let results = try perform(submissions.map { .verdict($0) }).map { result in
            result.map { outcome -> VerdictReceipt in
                guard case .recorded(let receipt) = outcome else { preconditionFailure("a verdict was answered as a claim") }
                return receipt
            }
        }
        guard writingOutputs, results.contains(where: { (try? $0.get())?.completesLoop == true }) else { return results }
        let outputs = Result { try writePendingOutputs() }
        return results.map { result in result.map { $0.withOutput(from: outputs) } }
    }

    /// Performs `writes` in one transaction, each in a savepoint of its own so that one refused write
    /// leaves the others alone. Expired leases are swept before each verdict as of its arrival
    /// (`VerdictSubmission.arrivedAt`, when earlier than now), and as of now before the other writes; verdicts and admissions run in
    /// their order, and claims after them, so a verdict that arrived in time keeps its lapsed slot from a
    /// claim of the same batch, and a reviewer's claim sent with their verdict gets the next task. The transaction is durable
    /// when it holds a verdict or a started loop; claims alone commit light (see `writeImmediately`). Outputs of loops the
    /// verdicts completed are left pending (`writePendingOutputs()`).
    ///
    /// - Returns: one result per write, in order; a refused write's result holds its `JuryError`.
    /// - Throws: when the transaction itself fails (disk full at COMMIT, I/O): then none was stored.
    public func perform(_ writes: [LedgerWrite]) throws -> [Result<LedgerWriteOutcome, JuryError>] {
        let durable = writes.count(where: \.isDurable)
        var flowVersions: [String: FlowVersion] = [:]
        let results: [Result<LedgerWriteOutcome, JuryError>] = try writeImmediately(durable: durable > 0, weight: max(1, durable / 16)) { db in
            let now = nowMilliseconds
            // Leases are swept as of each verdict's arrival before it is recorded, then as of now before the
            // claims (and at the end): never back, so an earlier arrival after a later one is judged as of the later.
            var sweptTo = Int64.min
            func sweep(asOf time: Int64) throws {
                guard time > sweptTo else { return }
                try self.sweep(now: time, db: db)
                sweptTo = time
            }
            var texts: [LoopText] = []
            // Claims are the writes that are not durable.
            let sequence = writes.indices.filter { writes[$0].isDurable } + writes.indices.filter { !writes[$0].isDurable }
            let outcomes = try sequence.map { writes[$0] }.map { write -> Result<LedgerWriteOutcome, JuryError> in
                switch write {
                case .verdict(let submission): try sweep(asOf: min(now, submission.arrivedAt ?? now))
                case .claimNext: try sweep(asOf: now)
                case .admission: break
                }
                switch write {
                case .claimNext(let reviewer, let flow, let order):
                    return try inOwnSavepoint(db) { .claimed(try claimNext(reviewer: reviewer, flow: flow, order: order, now: now, db: db)) }
                case .verdict(let submission):
                    return try inOwnSavepoint(db) { .recorded(try record(submission, now: now, db: db)) }
                case .admission(let admission):
                    var ownTexts: [LoopText] = []
                    let outcome = try inOwnSavepoint(db) {
                        LedgerWriteOutcome.admitted(try admit(admission, now: now, flowVersions: &flowVersions, texts: &ownTexts, db: db))
                    }
                    // A rolled-back savepoint may have taken a flow version it inserted with it, and its loop.
                    if case .failure = outcome { flowVersions = [:] } else { texts += ownTexts }
                    return outcome
                }
            }
            try sweep(asOf: now)
            try Self.indexTexts(texts, db: db)
            var inWriteOrder = outcomes
            for (position, index) in sequence.enumerated() { inWriteOrder[index] = outcomes[position] }
            return inWriteOrder
        }
        rememberCommitted(flowVersions)
        return results
    }

    /// Runs `body` in a savepoint that is rolled back when it throws a `JuryError`.
    /// - Returns: `body`'s result, or its `JuryError`.
    /// - Throws: any other error (the database's), which ends the whole transaction.
    func inOwnSavepoint<T>(_ db: Database, _ body: () throws -> T) throws -> Result<T, JuryError> {
        var result: Result<T, JuryError> = .failure(.io("not recorded"))
        try db.inSavepoint {
            do {
                result = .success(try body())
                return .commit
            } catch let error as JuryError {
                result = .failure(error)
                return .rollback
            }
        }
        return result
    }

    private func record(_ submission: VerdictSubmission, now: Int64, db: Database) throws -> VerdictReceipt {
        if let seconds = submission.timeSpentSeconds, !(seconds.isFinite && seconds >= 0) {
            throw JuryError.invalidInput("time spent must be a finite number of seconds, 0 or more (got \(seconds))")
        }
        return try record(loop: submission.loop, reviewer: submission.reviewer, answer: submission.answer,
                          timeSpent: submission.timeSpentSeconds, now: now, db: db)
    }

    private func record(
        loop name: String, reviewer: String, answer: JSONValue, timeSpent: Double?, now: Int64, db: Database
    ) throws -> VerdictReceipt {
        guard let found = try db.fetchRecord(LoopWithFlow.self, sql: "\(LoopWithFlow.selection) WHERE loop.name = ?", arguments: [name])
        else { throw JuryError.notFound("no human loop named \(name)") }
        let (loop, loopId) = (found.loop, found.loop.id)
        let flow = try storedFlow(found.definition, loop: name)
        let stored = try AnswerContent.validated(answer, for: flow, input: try storedInput(loopId: loopId, loop: name, db: db))
        if let previous = try db.fetchValue(String.self, sql: "SELECT answer FROM verdict WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer]) {
            guard try LedgerColumn.answer.parse(previous, loop: name) == stored else {
                throw JuryError.conflict("\(reviewer) already gave a different verdict on \(name); change it with `jury answer --amend` while the loop is in progress")
            }
            return VerdictReceipt(loopName: name, alreadyStored: true, status: loop.status, verdicts: loop.verdicts, taskCount: loop.taskCount,
                                  output: nil)
        }
        let acceptedAt = try takeSlot(loop, name: name, reviewer: reviewer, now: now, db: db)
        let metadata = WorkerMetadata.json(for: reviewer, queue: queue)
        try db.run(sql: """
            INSERT INTO verdict(loop_id, reviewer, accepted_at, submitted_at, time_spent, answer, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [loopId, reviewer, acceptedAt, now, min(timeSpent ?? .infinity, max(0, Double(now - acceptedAt) / 1000)),
                             stored.encodedString(), metadata.encodedString()])
        try db.run(sql: "UPDATE loop SET verdicts = verdicts + 1 WHERE id = ?", arguments: [loopId])
        try db.audit("verdict", loop: name, actor: reviewer, at: now)
        try settleIfLead(loop, reviewer: reviewer, db: db)
        let progress = try finishIfDue(loopId: loopId, now: now, db: db)
        return VerdictReceipt(loopName: name, alreadyStored: false, status: progress.status, verdicts: progress.verdicts,
                              taskCount: progress.taskCount, output: nil)
    }

    /// Consumes the reviewer's claim and returns its acceptance time. A claim whose lease ran out still
    /// counts (with its real claim time) while its slot is free: a late verdict is kept rather than lost;
    /// claimed again after it ran out, the task was accepted when it was first claimed.
    /// - Throws: `JuryError.invalidState` when the loop is finished, the reviewer never claimed it, or the
    ///   lapsed claim's slot went to someone else; `JuryError.forbidden` when the reviewer is not in the
    ///   loop's team (any more: the workforce in force decides, not the one of the claim).
    private func takeSlot(_ loop: LoopRecord, name: String, reviewer: String, now: Int64, db: Database) throws -> Int64 {
        let (loopId, status) = (loop.id, loop.status)
        guard status == .inProgress || status == .stopping else {
            throw JuryError.invalidState("\(name) is \(status.rawValue); it takes no more verdicts")
        }
        guard workforce.teams(of: reviewer).contains(loop.team) else {
            throw JuryError.forbidden("\(name) belongs to team \(loop.team), which \(reviewer) is not in (any more); the verdict was not stored")
        }
        let lapsedAt = try db.fetchValue(Int64.self, sql: "SELECT claimed_at FROM lapsed_claim WHERE loop_id = ? AND reviewer = ?",
                                         arguments: [loopId, reviewer])
        if let claimedAt = try db.fetchValue(Int64.self, sql: "SELECT claimed_at FROM claim WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer]) {
            _ = try endClaim(loopId: loopId, reviewer: reviewer, db: db)
            guard let lapsedAt else { return claimedAt }
            try db.run(sql: "DELETE FROM lapsed_claim WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer])
            return min(claimedAt, lapsedAt)
        }
        guard let lapsedAt else { throw JuryError.invalidState("\(reviewer) holds no claim on \(name); claim it first (`jury claim`)") }
        let rule = SlotRule(reviewer: reviewer, workforce: workforce, now: now)
        guard try rule.refusal(of: loop, db: db) == nil else {
            throw JuryError.invalidState("the lease of \(reviewer) on \(name) ran out and its slot went to someone else; the verdict was not stored")
        }
        try db.run(sql: "DELETE FROM lapsed_claim WHERE loop_id = ? AND reviewer = ?", arguments: [loopId, reviewer])
        return lapsedAt
    }

    /// The flow a loop was created under, parsed once per ledger and definition.
    /// - Throws: `JuryError.invalidState` when the stored text of `loop`'s flow is not JSON or no longer validates.
    func storedFlow(_ definition: String, loop: String) throws -> FlowDefinition {
        if let flow = flowCache.withLock({ $0[definition] }) { return flow }
        guard let flow = FlowDefinition.check(try LedgerColumn.definition.parse(definition, loop: loop)).flow else {
            throw JuryError.invalidState("the ledger's copy of a flow no longer validates; see `jury flow check`")
        }
        flowCache.withLock { $0[definition] = flow }
        return flow
    }

    /// The producer's InputContent of the loop `loopId` (named `loop`).
    /// - Throws: `JuryError.invalidState` when the stored text is not JSON, or the ledger holds no input of the loop.
    func storedInput(loopId: Int64, loop: String, db: Database) throws -> JSONValue {
        guard let text = try db.fetchValue(String.self, sql: "SELECT input_content FROM loop_input WHERE loop_id = ?", arguments: [loopId])
        else { throw JuryError.invalidState("the ledger holds no input of loop \(loop); restore jury.sqlite from a backup (docs/deployment.md)") }
        return try LedgerColumn.inputContent.parse(text, loop: loop)
    }

    /// A loop's verdicts in submission order (reviewer name breaks ties), as A2I's humanAnswers.
    func answers(loopId: Int64, loop: String, db: Database) throws -> [HumanAnswer] {
        try db.fetchRecords(VerdictRecord.self, sql: "SELECT * FROM verdict WHERE loop_id = ? ORDER BY submitted_at, reviewer", arguments: [loopId])
            .map { try $0.humanAnswer(loop: loop) }
    }
}
