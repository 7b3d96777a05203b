import Foundation
import GRDB
import JuryJSON

extension Ledger {
    /// Creates loops for admitted requests in one transaction, idempotently by loop name.
    /// - Returns: one result per admission, in order.
    public func admit(_ admissions: [LoopAdmission]) throws -> [AdmissionResult] {
        var flowVersions: [String: FlowVersion] = [:]
        let results = try writeImmediately(weight: max(1, admissions.count / 8)) { db in
            let now = nowMilliseconds
            var texts: [LoopText] = []
            let results = try admissions.map { admission in
                try admit(admission, now: now, flowVersions: &flowVersions, texts: &texts, db: db)
            }
            try Self.indexTexts(texts, db: db)
            return results
        }
        rememberCommitted(flowVersions)
        return results
    }

    /// Keeps the flow versions of a committed transaction for the next ones (`committedFlowVersions`).
    func rememberCommitted(_ flowVersions: [String: FlowVersion]) {
        guard !flowVersions.isEmpty else { return }
        committedFlowVersions.withLock { $0.merge(flowVersions) { _, new in new } }
    }

    /// A flow's stored version and output folder, looked up once per transaction.
    struct FlowVersion: Sendable {
        /// The definition the row holds (`FlowDefinition.storedForm`).
        let storedForm: JSONValue
        let id: Int64
        /// The output folder as stored with each loop (`QueueDirectory.storedPath`).
        let outputFolder: String
    }

    /// - Parameters:
    ///   - flowVersions: the flows already looked up in this transaction, by flow name.
    ///   - texts: gets the text-index row of a created loop, for `indexTexts(_:db:)` before the
    ///     transaction commits (see `LoopText`).
    func admit(
        _ admission: LoopAdmission, now: Int64, flowVersions: inout [String: FlowVersion], texts: inout [LoopText], db: Database
    ) throws -> AdmissionResult {
        let request = admission.request
        let hash = admission.contentHash
        if let existing = try db.fetchRecord(LoopRecord.self, sql: "SELECT * FROM loop WHERE name = ?", arguments: [request.name]) {
            let same = try existing.contentHash == hash && storedIdentity(of: existing, db: db) == request.identity
            return same ? .duplicate : .conflict(Rejection(
                .conflict, "a loop named \(request.name) already exists with other content (A2I's ConflictException)",
                at: JSONPath.root.appending("HumanLoopName")))
        }
        let flowVersion = try flowVersion(for: admission.flow, cache: &flowVersions, db: db)
        let loopId = try insertLoop(admission, hash: hash, flowVersion: flowVersion, now: now, db: db)
        texts.append(LoopText(loopId: loopId, name: request.name, text: admission.searchText))
        return .created
    }

    /// The identity of the stored request of `loop` (`HumanLoopRequest.identity`); nil when its input is missing.
    private func storedIdentity(of loop: LoopRecord, db: Database) throws -> String? {
        guard let input = try LoopInputRecord.filter(LoopInputRecord.Columns.loopId == loop.id).fetchOne(db) else { return nil }
        return HumanLoopRequest.identity(flowName: loop.flow, inputContent: input.inputContent, classifiers: try input.parsedClassifiers(loop: loop.name))
    }

    private func flowVersion(for flow: FlowDefinition, cache: inout [String: FlowVersion], db: Database) throws -> FlowVersion {
        if let known = cache[flow.name] { return known }
        if let committed = committedFlowVersions.withLock({ $0[flow.name] }), committed.storedForm == flow.storedForm {
            cache[flow.name] = committed
            return committed
        }
        let definition = flow.storedForm.encodedString()
        try db.run(sql: "INSERT OR IGNORE INTO flow_version(name, definition) VALUES (?, ?)", arguments: [flow.name, definition])
        let id = try db.fetchValue(Int64.self, sql: "SELECT id FROM flow_version WHERE name = ? AND definition = ?", arguments: [flow.name, definition])!
        let version = FlowVersion(storedForm: flow.storedForm, id: id, outputFolder: queue.storedPath(of: queue.outputFolder(for: flow)))
        cache[flow.name] = version
        return version
    }

    /// Inserts the loop and its input; returns the loop's row id.
    private func insertLoop(_ admission: LoopAdmission, hash: Int64, flowVersion: FlowVersion, now: Int64, db: Database) throws -> Int64 {
        let flow = admission.flow
        let request = admission.request
        try db.run(
            sql: """
                INSERT INTO loop(name, flow, flow_version, team, task_type, status, created_at, deadline, task_count,
                                 original_task_count, time_limit, min_confidence, content_hash, output_folder)
                VALUES (?, ?, ?, ?, ?, 'InProgress', ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                request.name, flow.name, flowVersion.id, flow.team, flow.taskType.rawValue, now,
                now + Int64(flow.taskAvailabilityLifetimeSeconds) * 1000, flow.taskCount, flow.taskCount, flow.taskTimeLimitSeconds,
                admission.minimumConfidence, hash, flowVersion.outputFolder,
            ])
        let loopId = db.lastInsertedRowID
        try db.run(
            sql: "INSERT INTO loop_input(loop_id, flow_arn, input_content, classifiers, activation) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                loopId, request.flowARN, request.inputContent,
                JSONValue.array(request.contentClassifiers.map(JSONValue.string)).encodedString(),
                admission.activationResults.encodedString(),
            ])
        if let producer = admission.producer { try db.audit("start", loop: request.name, actor: producer, at: now) }
        return loopId
    }
}
