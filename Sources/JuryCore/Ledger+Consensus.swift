import Foundation
import GRDB
import JuryConsensus

extension Ledger {
    /// Recomputes the consensus of every Completed loop of `flow` with `method` and rewrites their outputs
    /// atomically. Classification flows are aggregated across all their loops at once, so methods that learn
    /// reviewer skills (ds, glad, mace, …) use every verdict; the learned skills are stored for the flow and
    /// seed the consensus of loops that complete later.
    public func recomputeConsensus(flow name: String, method: AggregationMethod) throws -> ConsensusRecomputation {
        let loops = try finishedLoops(flow: name)
        guard let flow = loops.first?.flow else { throw JuryError.notFound("flow \(name) has no Completed loops") }
        var settings = flow.consensus
        settings.method = method.rawValue
        settings.escalation = nil
        let labels = loops.flatMap { LoopReviews(loop: $0).labels }
        let matrix = AnswerMatrix(labels, declaredLabels: flow.categories)
        let blocks: [String: JSONValue]
        var skills: ReviewerSkills?
        if flow.taskType == .classification {
            let result = Aggregator(options: settings.aggregationOptions(labels: flow.categories)).aggregate(matrix, method: method)
            skills = result.skills
            blocks = Dictionary(uniqueKeysWithValues: result.items.map { item in
                (item.task, ConsensusBlock.classification(item, method: method).jsonValue)
            })
        } else {
            blocks = Dictionary(uniqueKeysWithValues: loops.map { loop in
                (loop.name, ConsensusCompletion().consensusBlock(for: loop.with(settings)).jsonValue)
            })
        }
        try store(blocks, loops: loops, skills: skills, flow: name)
        agreementCache.withLock { $0.removeAll() }
        recentAgreementCache.withLock { $0 = nil }
        try writePendingOutputs()
        let agreement = flow.taskType == .classification ? (Agreement.fleissKappa(matrix), Agreement.krippendorffAlpha(matrix)) : (nil, nil)
        return ConsensusRecomputation(loops: blocks.count, method: method.rawValue, fleissKappa: agreement.0, krippendorffAlpha: agreement.1)
    }

    private func store(_ blocks: [String: JSONValue], loops: [FinishedLoop], skills: ReviewerSkills?, flow: String) throws {
        let now = nowMilliseconds
        try writeImmediately { db in
            for loop in loops {
                guard var block = blocks[loop.name] else { continue }
                if let adjudication = try db.fetchValue(String.self, sql: "SELECT consensus FROM loop WHERE name = ?", arguments: [loop.name])
                    .flatMap({ try LedgerColumn.consensus.parse($0, loop: loop.name) })?["adjudication"] {
                    block = block.adding("adjudication", adjudication)
                }
                try db.run(sql: "UPDATE loop SET consensus = ?, output_state = 'pending' WHERE name = ? AND status = 'Completed'",
                           arguments: [block.encodedString(), loop.name])
            }
            if let skills, let data = try? JSONEncoder().encode(skills) {
                try db.run(sql: "INSERT OR REPLACE INTO flow_skill(flow, method, skills, updated_at) VALUES (?, ?, ?, ?)",
                           arguments: [flow, skills.method.rawValue, String(decoding: data, as: UTF8.self), now])
            }
        }
    }

    /// The Completed loops of a flow with their verdicts, oldest first.
    func finishedLoops(flow name: String) throws -> [FinishedLoop] {
        try database.read { db in
            try db.fetchRows(sql: """
                SELECT loop.id, loop.name, task_count, original_task_count, definition FROM loop
                JOIN flow_version ON flow_version.id = flow_version WHERE loop.flow = ? AND status = 'Completed' ORDER BY created_at, loop.id
                """, arguments: [name]).map { row in
                FinishedLoop(
                    name: row["name"], flow: try storedFlow(row["definition"], loop: row["name"]), taskCount: row["task_count"],
                    extraReviewers: (row["task_count"] as Int) - (row["original_task_count"] as Int), adjudicator: nil,
                    input: try storedInput(loopId: row["id"], loop: row["name"], db: db),
                    answers: try answers(loopId: row["id"], loop: row["name"], db: db), storedSkills: nil)
            }
        }
    }
}

extension FinishedLoop {
    /// The same loop judged under other consensus settings.
    func with(_ settings: ConsensusSettings) -> FinishedLoop {
        var flow = self.flow
        flow.consensus = settings
        return FinishedLoop(name: name, flow: flow, taskCount: taskCount, extraReviewers: extraReviewers, adjudicator: adjudicator,
                            input: input, answers: answers, storedSkills: storedSkills)
    }
}
