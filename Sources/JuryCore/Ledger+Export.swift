import Foundation
import GRDB

extension Ledger {
    /// One page of `jury export`: completed loops in completion order (then admission order), as correction records.
    ///
    /// A page reads at most `query.pageSize` loops through the completion index (keyset paging), so a page deep in a
    /// million loops costs what the first one does and an export holds one page at a time. With `changedOnly`, the
    /// records of loops whose consensus is the model's answer are left out: a page may then be short, even empty,
    /// while `next` still moves past the loops it read.
    /// - Parameter teams: only loops of these teams; nil for every team.
    /// - Throws: `JuryError.invalidInput` for a page size out of range; `JuryError.notFound` when `query.flow`
    ///   names a flow the queue neither has nor had loops of (a typo must not export an empty file);
    ///   `JuryError.invalidState` for a stored document that does not parse.
    public func correctionPage(_ query: ExportQuery, teams: Set<String>? = nil) throws -> ExportPage {
        guard (1...ExportQuery.maximumPageSize).contains(query.pageSize) else {
            throw JuryError.invalidInput("the export page size must be 1 to \(ExportQuery.maximumPageSize)")
        }
        let (filter, arguments) = Self.exportFilter(query, teams: teams)
        return try database.read { db in
            let loops = try db.fetchRecords(LoopMaterial.self, sql: """
                SELECT loop.*, flow_version.definition, loop_input.*
                FROM loop INDEXED BY loop_completed JOIN flow_version ON flow_version.id = flow_version JOIN loop_input ON loop_id = loop.id
                WHERE \(filter) ORDER BY completed_at, loop.id LIMIT \(query.pageSize + 1)
                """, arguments: arguments)
            if loops.isEmpty, query.after == nil, let flow = query.flow { try requireKnownFlow(flow, db: db) }
            let page = loops.prefix(query.pageSize)
            let records = try page.map { try correctionRecord($0, db: db) }
            let next = loops.count > query.pageSize ? page.last.map { ExportPosition(completedAt: $0.loop.completedAt ?? 0, rowID: $0.loop.id) } : nil
            return ExportPage(records: query.changedOnly ? records.filter(\.changed) : records, next: next)
        }
    }

    private static func exportFilter(_ query: ExportQuery, teams: Set<String>?) -> (String, StatementArguments) {
        var clauses = ["completed_at IS NOT NULL"]
        var arguments: StatementArguments = []
        if let flow = query.flow { clauses.append("loop.flow = ?"); arguments += [flow] }
        if let after = query.completedAfter { clauses.append("completed_at > ?"); arguments += [Timestamp.nearestMilliseconds(after)] }
        if let before = query.completedBefore { clauses.append("completed_at < ?"); arguments += [Timestamp.nearestMilliseconds(before)] }
        if let position = query.after { clauses.append("(completed_at, loop.id) > (?, ?)"); arguments += [position.completedAt, position.rowID] }
        if let teams {
            clauses.append("team IN (\(Array(repeating: "?", count: teams.count).joined(separator: ", ")))")
            arguments += StatementArguments(teams.sorted())
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    /// The record of the completed loop in `row`; a loop stored without a consensus block (a ledger opened with
    /// another completion policy) gets the one its flow's settings give.
    private func correctionRecord(_ material: LoopMaterial, db: Database) throws -> CorrectionRecord {
        let stored = material.loop
        let name = stored.name
        let input = try material.input.parsedInput(loop: name)
        let loop = FinishedLoop(
            name: name, flow: try storedFlow(material.definition, loop: name).forLoop(input: input), taskCount: stored.taskCount,
            extraReviewers: stored.extraReviewers, adjudicator: stored.adjudicator, input: input,
            answers: try answers(loopId: stored.id, loop: name, db: db), storedSkills: nil)
        let consensus = try stored.parsedConsensus() ?? ConsensusCompletion().consensusBlock(for: loop, escalating: false).jsonValue
        return Corrections.record(loop, consensus: consensus, createdAt: stored.createdAt, completedAt: stored.completedAt ?? 0)
    }
}
