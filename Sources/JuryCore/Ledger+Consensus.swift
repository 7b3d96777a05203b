import Foundation
import GRDB
import JuryConsensus
import JuryJSON

extension Ledger {
    /// Recomputes the consensus of every Completed loop of `flow` with `method`. Classification flows are
    /// aggregated across all their loops at once, so methods that learn reviewer skills (ds, glad, mace, …)
    /// use every verdict; a split vote stays a tie (`TieCheck`). Loops a lead settled keep their consensus.
    ///
    /// Without `writing` nothing changes: the result says what would. With it, each loop whose consensus
    /// changes gets a new jury.json, where its consensus is (the one it replaces is kept beside it as
    /// `jury.vN.json`), and an audit row by `actor`; the learned skills are stored for the flow and seed the consensus of loops
    /// that complete later.
    /// - Throws: `JuryError.notFound` when the flow has no Completed loops.
    public func recomputeConsensus(flow name: String, method: AggregationMethod, writing: Bool = false,
                                   actor: String = systemActor) throws -> ConsensusRecomputation {
        let loops = try completedLoops(flow: name)
        guard let flow = loops.first?.loop.flow else { throw JuryError.notFound("flow \(name) has no Completed loops") }
        var settings = flow.consensus
        settings.method = method.rawValue
        settings.escalation = nil
        let labels = loops.flatMap { LoopReviews(loop: $0.loop).labels }
        let matrix = AnswerMatrix(labels, declaredLabels: flow.categories)
        var skills: ReviewerSkills?
        var blocks: [String: JSONValue] = [:]
        if flow.taskType == .classification {
            let result = Aggregator(options: settings.aggregationOptions(labels: flow.categories)).aggregate(matrix, method: method)
            skills = result.skills
            let items = settings.breakTiesByCategoryOrder ? result.items : TieCheck.classification(result.items, answers: labels)
            for item in items { blocks[item.task] = ConsensusBlock.classification(item, method: method).jsonValue }
        } else {
            for loop in loops { blocks[loop.loop.name] = ConsensusCompletion().consensusBlock(for: loop.loop.with(settings)).jsonValue }
        }
        let changes = loops.compactMap { loop in loop.change(to: blocks[loop.loop.name]) }
        if writing { try write(changes, loops: loops, skills: skills, method: method, actor: actor) }
        let agreement = flow.taskType == .classification ? (Agreement.fleissKappa(matrix), Agreement.krippendorffAlpha(matrix)) : (nil, nil)
        return ConsensusRecomputation(
            loops: loops.count, method: method.rawValue, fleissKappa: agreement.0, krippendorffAlpha: agreement.1, changes: changes.map(\.change),
            settledByLead: loops.filter { $0.loop.adjudicator != nil }.count, written: writing)
    }

    /// Stores the changed blocks (and the skills), keeping each replaced jury.json, then writes the new outputs.
    /// Outputs still pending (a run killed after its commit) are written first, so the consensus the
    /// ledger holds is the one kept, never one an earlier version already holds.
    private func write(_ changes: [StoredLoop.Change], loops: [StoredLoop], skills: ReviewerSkills?, method: AggregationMethod,
                       actor: String) throws {
        try writePendingOutputs()
        for change in changes { try keepPreviousConsensus(loop: change.change.loop) }
        try writeImmediately { db in
            let now = nowMilliseconds
            for change in changes {
                try db.run(sql: "UPDATE loop SET consensus = ?, output_state = 'pending' WHERE id = ? AND status = 'Completed'",
                           arguments: [change.block.encodedString(), change.loopId])
                try db.audit("reaggregate", loop: change.change.loop, actor: actor, at: now, detail: change.change.description)
            }
            if let skills, let data = try? JSONEncoder().encode(skills) {
                try db.run(sql: "INSERT OR REPLACE INTO flow_skill(flow, method, skills, updated_at) VALUES (?, ?, ?, ?)",
                           arguments: [loops[0].loop.flow.name, skills.method.rawValue, String(decoding: data, as: UTF8.self), now])
            }
        }
        agreementCache.withLock { $0.removeAll() }
        recentAgreementCache.withLock { $0 = nil }
        try writePendingOutputs()
    }

    /// Copies a loop's written jury.json (its consensus) to the first free `jury.vN.json` beside it (N from 1), durably,
    /// unless the last one kept holds the same bytes (a run killed before its commit kept it already).
    private func keepPreviousConsensus(loop name: String) throws {
        guard let output = try writtenOutput(loop: name) else { return }
        let current = Self.extrasURL(besideOutput: output)
        guard FileManager.default.fileExists(atPath: current.path) else { return }
        let folder = current.deletingLastPathComponent()
        let kept = { (version: Int) in folder.appending(path: "jury.v\(version).json") }
        let version = (1...).first { !FileManager.default.fileExists(atPath: kept($0).path) }!
        let bytes = try Data(contentsOf: current)
        if version > 1, (try? Data(contentsOf: kept(version - 1))) == bytes { return }
        try DurableFile.write(bytes, to: kept(version))
    }

    /// The Completed loops of a flow with their verdicts and stored consensus, oldest first.
    private func completedLoops(flow name: String) throws -> [StoredLoop] {
        try database.read { db in
            try db.fetchRecords(LoopWithFlow.self, sql: """
                \(LoopWithFlow.selection) WHERE loop.flow = ? AND status = 'Completed' ORDER BY created_at, loop.id
                """, arguments: [name]).map { found in
                let stored = found.loop
                let loop = FinishedLoop(
                    name: stored.name, flow: try storedFlow(found.definition, loop: stored.name), taskCount: stored.taskCount,
                    extraReviewers: stored.extraReviewers, adjudicator: stored.adjudicator,
                    input: try storedInput(loopId: stored.id, loop: stored.name, db: db),
                    answers: try answers(loopId: stored.id, loop: stored.name, db: db), storedSkills: nil)
                return StoredLoop(id: stored.id, loop: loop, consensus: try stored.parsedConsensus(), escalation: try stored.escalationSteps())
            }
        }
    }
}
