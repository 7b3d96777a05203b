import Foundation
import GRDB
import JuryJSON

extension Ledger {
    /// Whether flow `flow` has a loop InProgress or Stopping (which DeleteFlowDefinition refuses to orphan).
    public func hasActiveLoops(flow: String) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM loop WHERE flow = ? AND status IN ('InProgress', 'Stopping'))",
                              arguments: [flow]) ?? false
        }
    }

    /// ListHumanLoops: loops filtered and ordered by creation time, a page at a time (keyset paging).
    /// - Throws: `JuryError.notFound` when `query.flow` names a flow the queue neither has nor had loops of
    ///   (A2I's ResourceNotFoundException), `invalidInput` for a bad page size or token.
    public func list(_ query: LoopQuery) throws -> LoopPage {
        guard (1...100).contains(query.maxResults) else { throw JuryError.invalidInput("MaxResults (--max-results) must be 1 to 100, as in A2I") }
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let flow = query.flow { clauses.append("flow = ?"); arguments += [ResourceName.lastSegment(ofARN: flow)] }
        // By the status a loop is reported with (`reportedStatus`): a Completed loop whose first output is
        // pending is InProgress. The rows of the page are filtered after the fetch; the page token is
        // the last row fetched, so paging stays exact.
        switch query.status {
        case .inProgress?: clauses.append("(status = 'InProgress' OR (status = 'Completed' AND output_state = 'pending'))")
        case let status?: clauses.append("status = ?"); arguments += [status.rawValue]
        case nil: break
        }
        if let after = query.createdAfter { clauses.append("created_at > ?"); arguments += [Timestamp.nearestMilliseconds(after)] }
        if let before = query.createdBefore { clauses.append("created_at < ?"); arguments += [Timestamp.nearestMilliseconds(before)] }
        if let token = query.nextToken {
            let (created, id) = try Self.decodePageToken(token)
            clauses.append(query.ascending ? "(created_at, id) > (?, ?)" : "(created_at, id) < (?, ?)")
            arguments += [created, id]
        }
        let direction = query.ascending ? "ASC" : "DESC"
        let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        let rows = try database.read { db in
            try db.fetchRecords(LoopRecord.self, sql: """
                SELECT * FROM loop \(filter)
                ORDER BY created_at \(direction), id \(direction) LIMIT \(query.maxResults + 1)
                """, arguments: arguments)
        }
        if rows.isEmpty, query.nextToken == nil, let flow = query.flow { try requireKnownFlow(ResourceName.lastSegment(ofARN: flow)) }
        let page = rows.prefix(query.maxResults)
        let token = rows.count > query.maxResults ? page.last.map { "\($0.createdAt).\($0.id)" } : nil
        let loops = page.map(summary).filter { loop in query.status.map { loop.status == $0 } ?? true }
        return LoopPage(loops: loops, nextToken: token)
    }

    /// Refuses a flow that is neither in the flows folder nor the flow of any loop the ledger holds.
    private func requireKnownFlow(_ name: String) throws {
        try database.read { db in try requireKnownFlow(name, db: db) }
    }

    /// `requireKnownFlow(_:)` inside a read.
    func requireKnownFlow(_ name: String, db: Database) throws {
        let hadLoops = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM flow_version WHERE name = ?)", arguments: [name]) ?? false
        guard hadLoops || queue.loadFlows().flows[name] != nil else { throw JuryError.notFound("no flow definition named \(name)") }
    }

    func summary(_ loop: LoopRecord) -> LoopSummary {
        LoopSummary(name: loop.name, flow: loop.flow, flowArn: arns.flowDefinition(loop.flow), status: reportedStatus(loop),
                    createdAt: loop.createdAt, failureReason: loop.failureReason)
    }

    /// A loop's status as A2I reports it: Completed once its `output.json` is there to read. A Completed
    /// loop whose first output is still pending (being written, or waiting for the service to retry a
    /// failed write) is InProgress, so that a pipeline which waits for Completed and then reads
    /// `HumanLoopOutput` finds both. A recomputed consensus leaves the older file readable meanwhile.
    func reportedStatus(_ loop: LoopRecord) -> LoopStatus {
        guard loop.status == .completed, loop.outputState == .pending else { return loop.status }
        return FileManager.default.fileExists(atPath: outputURL(of: loop).path) ? .completed : .inProgress
    }

    private static func decodePageToken(_ token: String) throws -> (Int64, Int64) {
        let parts = token.split(separator: ".").compactMap { Int64($0) }
        guard parts.count == 2 else { throw JuryError.invalidInput("NextToken (--next-token) \(token) is not a token an earlier page gave") }
        return (parts[0], parts[1])
    }

    /// DescribeHumanLoop, with Jury's extras (slots, claims, activation results, output).
    public func describe(loop name: String) throws -> JSONValue {
        try database.read { db in
            guard let found = try db.fetchRecord(LoopMaterial.self, sql: "\(LoopMaterial.selection) WHERE loop.name = ?", arguments: [name])
            else { throw JuryError.notFound("no human loop named \(name) (a deleted loop is gone, as in A2I)") }
            return try describeDocument(found, db: db)
        }
    }

    private func describeDocument(_ found: LoopMaterial, db: Database) throws -> JSONValue {
        let loop = found.loop
        let claims = try db.fetchRecords(ClaimRecord.self, sql: "SELECT * FROM claim WHERE loop_id = ? ORDER BY claimed_at",
                                         arguments: [loop.id]).map { claim -> JSONValue in
            ["Reviewer": .string(claim.reviewer), "ClaimedAt": .string(Timestamp.iso8601(milliseconds: claim.claimedAt)),
             "LeaseExpiresAt": .string(Timestamp.iso8601(milliseconds: claim.expiresAt))]
        }
        let summary = summary(loop)
        var document = summary.json.objectValue ?? [:]
        document["HumanLoopArn"] = .string(arns.humanLoop(loop.name))
        if let code = loop.failureCode { document["FailureCode"] = .string(code) }
        if summary.status == .completed { document["HumanLoopOutput"] = ["OutputS3Uri": .string(queue.objectURI(of: outputURL(of: loop)))] }
        document["Jury"] = [
            "Status": .string(loop.status.rawValue), "Output": .string(loop.outputState.rawValue),
            "TaskType": .string(loop.taskType.rawValue), "Team": .string(loop.team), "TaskCount": .number(Double(loop.taskCount)),
            "Verdicts": .number(Double(loop.verdicts)), "Claims": .array(claims),
            "AvailableUntil": .string(Timestamp.iso8601(milliseconds: loop.deadline)),
            "MinimumModelConfidence": loop.minConfidence.map(JSONValue.number) ?? .null,
            "HumanTaskActivationConditionResults": try found.input.parsedActivation(loop: loop.name),
        ]
        return .object(document)
    }
}
