import Foundation
import GRDB
import JuryJSON

extension Ledger {
    /// Writes `output.json` for completed loops whose output is not yet on disk, several files at once.
    /// Cheap when nothing is pending: one lookup in a partial index.
    ///
    /// Each file is written atomically and the loops are marked afterwards, in one light transaction, so a
    /// crash in between leads to the same bytes being written again, never to a partial or second file.
    /// A loop whose documents cannot be built or written stays pending and does not hold back the others.
    /// The ledger's log is synced first, so no file reports a state a power loss could still undo.
    /// Writers take turns (an exclusive `flock` on the queue folder, across threads and processes), and a
    /// loop made pending again while its files were being written (a recomputed consensus) stays pending
    /// for the next turn, which writes the newer documents over the older ones.
    /// - Returns: the files written.
    /// - Throws: `PendingOutputsFailure` naming each loop left pending and why, with the files that were
    ///   written (and marked) all the same.
    @discardableResult
    public func writePendingOutputs() throws -> [URL] {
        let anyPending = try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM loop WHERE output_state = 'pending')") ?? false
        }
        guard anyPending else { return [] }
        // The documents are read in the turn: read before it, they could be older than ones written in it.
        let turn = try FolderLock(queue.root)
        defer { turn.release() }
        let pending = try database.read { db in
            try db.fetchRecords(LoopMaterial.self, sql: "\(LoopMaterial.selection) WHERE output_state = 'pending'")
        }
        var problems: [(loop: String, reason: String)] = []
        let built = try database.read { db in
            pending.compactMap { material -> (material: LoopMaterial, files: [(document: JSONValue, url: URL)])? in
                do {
                    return (material, try outputDocuments(material, db: db))
                } catch {
                    problems.append((material.loop.name, "\(error)"))
                    return nil
                }
            }
        }
        // What the files report must be on disk before they are, so the sync comes after the last read: a
        // light commit that completed a loop is visible before its own WAL sync, and a power loss in between
        // would undo the completion.
        try syncWAL.withLock { $0 }(URL(filePath: queue.ledgerURL.path + "-wal"))
        let results = DurableFile.writeAll(built.flatMap(\.files).map { (data: $0.document.encoded(pretty: true), url: $0.url) })
        var remaining = results[...]
        let written = built.compactMap { material, files -> (loopId: Int64, generation: Int64, url: URL)? in
            let loopResults = remaining.prefix(files.count)
            remaining = remaining.dropFirst(files.count)
            if let failure = loopResults.lazy.compactMap({ result -> (any Error)? in
                if case .failure(let error) = result { error } else { nil }
            }).first {
                problems.append((material.loop.name, "\(failure)"))
                return nil
            }
            return (material.loop.id, material.outputGeneration, files[0].url)
        }
        try markWritten(written.map { ($0.loopId, $0.generation) })
        guard problems.isEmpty else { throw PendingOutputsFailure(written: written.map(\.url), problems: problems) }
        return written.map(\.url)
    }

    /// The output file of `loop` when it is on disk, else nil.
    public func writtenOutput(loop name: String) throws -> URL? {
        try database.read { db in
            try db.fetchRecord(LoopRecord.self, sql: "SELECT * FROM loop WHERE name = ? AND output_state = 'written'", arguments: [name])
                .map(outputURL(of:))
        }
    }

    /// Records outputs as on disk, each for the output generation its files were built from (a loop made
    /// pending again since stays pending). Light: were it lost, the same bytes would be written again.
    func markWritten(_ outputs: [(loopId: Int64, generation: Int64)]) throws {
        guard !outputs.isEmpty else { return }
        try writeImmediately(durable: false) { db in
            for (loopId, generation) in outputs {
                try db.run(sql: "UPDATE loop SET output_state = 'written' WHERE id = ? AND output_state = 'pending' AND output_generation = ?",
                           arguments: [loopId, generation])
            }
        }
    }

    /// Where a loop's output goes: `FOLDER/FLOW/YYYY/MM/DD/hh/mm/ss/LOOP/output.json`, the time being
    /// the loop's creation time in UTC (A2I's layout).
    public static func outputURL(folder: URL, flow: String, loop: String, createdAt: Int64) -> URL {
        let time = UTCFields(milliseconds: createdAt)
        let stamp = [String(time.year)] + [time.month, time.day, time.hour, time.minute, time.second].map { UTCFields.padded($0, width: 2) }
        return folder.appending(path: ([flow] + stamp + [loop, "output.json"]).joined(separator: "/"))
    }

    /// Where `loop`'s output goes (`outputURL(folder:flow:loop:createdAt:)` in its stored output folder).
    func outputURL(of loop: LoopRecord) -> URL {
        Self.outputURL(folder: queue.resolve(loop.outputFolder), flow: loop.flow, loop: loop.name, createdAt: loop.createdAt)
    }

    /// Where Jury's extras for a loop go: `jury.json` beside its `output.json`.
    public static func extrasURL(besideOutput output: URL) -> URL {
        output.deletingLastPathComponent().appending(path: "jury.json")
    }

    /// A loop's `output.json`, holding exactly A2I's members, then `jury.json` beside it with Jury's extras:
    /// `consensus`, the activation results with Jury's reasons (A2I's custom outputs have no place for them;
    /// its AWS outputs carry them without Jury's members), and the reviewers whose "no content" answers
    /// A2I's layout leaves out of `humanAnswers`.
    private func outputDocuments(_ material: LoopMaterial, db: Database) throws -> [(document: JSONValue, url: URL)] {
        let name = material.loop.name
        let flow = try storedFlow(material.definition, loop: name)
        let input = try material.input.parsedInput(loop: name)
        let activation = try material.input.parsedActivation(loop: name)
        let (shown, noContent) = try answers(loopId: material.loop.id, loop: name, db: db).partitioned { !AnswerContent.isNoContent($0.answerContent, for: flow) }
        var document: [String: JSONValue] = [
            "flowDefinitionArn": .string(arns.flowDefinition(flow.name)),
            "humanAnswers": .array(shown.map(\.json)),
            "humanLoopName": .string(name),
            "inputContent": input,
        ]
        var extras: [String: JSONValue] = [:]
        if !noContent.isEmpty { extras["noContentWorkers"] = .array(noContent.map { .string($0.workerId) }) }
        if let source = flow.requestSource {
            document["awsManagedHumanLoopRequestSource"] = .string(source.rawValue)
            document["inputContent"] = AIServiceContent.inputContent(input, activation: activation, source: source)
        }
        extras["humanTaskActivationConditionResults"] = activation
        extras["consensus"] = try material.loop.parsedConsensus()
        let url = outputURL(of: material.loop)
        let files = [(JSONValue.object(document), url)]
        return extras.isEmpty ? files : files + [(.object(extras), Self.extrasURL(besideOutput: url))]
    }
}

/// Outputs `Ledger.writePendingOutputs()` left pending, each with its reason, and the files it wrote.
public struct PendingOutputsFailure: Error, CustomStringConvertible {
    public let written: [URL]
    public let problems: [(loop: String, reason: String)]

    public var description: String {
        problems.map { "the output of \($0.loop) could not be written: \($0.reason)" }.joined(separator: "; ")
    }
}
