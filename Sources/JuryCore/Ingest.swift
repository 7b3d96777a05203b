import CGlibcExtras
import Foundation
import Synchronization
import JuryJSON

/// What one ingest pass did.
public struct IngestReport: Sendable, Equatable {
    public var created: [String] = []
    public var duplicates: [String] = []
    /// Inbox file names moved to `rejected/`, with why.
    public var rejected: [(file: String, rejection: Rejection)] = []

    mutating func append(_ other: IngestReport) {
        created += other.created
        duplicates += other.duplicates
        rejected += other.rejected
    }

    public static func == (lhs: IngestReport, rhs: IngestReport) -> Bool {
        lhs.created == rhs.created && lhs.duplicates == rhs.duplicates
            && lhs.rejected.map(\.file) == rhs.rejected.map(\.file) && lhs.rejected.map(\.rejection) == rhs.rejected.map(\.rejection)
    }
}

/// Moves inbox files into the ledger.
///
/// Safe to run from several processes and to kill at any point: a file leaves the inbox only after the
/// transaction holding its loop has committed (or after its rejection reason is on disk), and offering
/// the same file again is a no-op. Ingested files move to `ingested/`; refused ones to `rejected/`.
/// Memory stays bounded whatever the inbox holds: the inbox is taken `sliceSize` names at a time, a
/// batch ends at `batchSize` files or once it holds `batchBytes` of InputContent, and only one file's
/// parsed InputContent is alive at a time.
public struct Ingest: Sendable {
    /// Inbox files larger than this are rejected unread (A2I's 3 MiB InputContent, JSON-escaped, fits).
    public static let maximumFileBytes = 8 * 1024 * 1024

    let ledger: Ledger
    let flows: [String: FlowDefinition]
    let batchSize: Int
    let batchBytes: Int
    let sliceSize: Int

    /// - Parameters:
    ///   - batchSize: most files stored in one ledger transaction.
    ///   - batchBytes: InputContent bytes after which a batch ends (it holds at least one file).
    ///   - sliceSize: inbox names held at a time (the first that many in byte order, then the next).
    public init(ledger: Ledger, flows: [String: FlowDefinition], batchSize: Int = 256, batchBytes: Int = 4 * 1024 * 1024,
                sliceSize: Int = 65_536) {
        self.ledger = ledger
        self.flows = flows
        self.batchSize = batchSize
        self.batchBytes = batchBytes
        self.sliceSize = max(1, sliceSize)
    }

    /// Ingests every file now in the inbox.
    ///
    /// Two stages overlap: while one batch is stored in a ledger transaction, another core moves the
    /// files of the batch stored before it to `ingested/` and reads and checks the next batch.
    /// - Throws: `JuryError.io` when the inbox cannot be listed or a file cannot be moved, or the ledger's error.
    public func run() throws -> IngestReport {
        var report = IngestReport()
        DurableFile.removeAbandonedTemporaries(in: ledger.queue.rejectedURL)
        var after: FileName?
        while true {
            let names = try inboxFileNames(after: after)
            report.append(try run(names))
            guard names.count == sliceSize, let last = names.last else { return report }
            after = last
        }
    }

    /// Ingests the files `names` lists.
    private func run(_ names: FileNameList) throws -> IngestReport {
        var report = IngestReport()
        var (checked, next) = checkBatch(of: names, from: 0)
        var stored: [FileName] = []
        while !checked.isEmpty {
            let heldBytes = Self.inputBytes(of: checked)
            let batchReport: IngestReport
            (batchReport, stored, checked, next) = try store(checked, archiving: stored, whileChecking: names, from: next)
            report.append(batchReport)
            if heldBytes >= Self.releaseBytes { try releaseMemory() }
        }
        try stored.forEach(archive)
        return report
    }

    /// After a batch holding this many InputContent bytes, the memory it took is given back.
    static let releaseBytes = 1024 * 1024

    /// The InputContent bytes a checked batch holds until it is stored.
    private static func inputBytes(of batch: some Sequence<CheckedFile>) -> Int {
        batch.reduce(0) { $0 + ((try? $1.outcome.get())?.request.inputContent.utf8.count ?? 0) }
    }

    /// Gives the memory of large batches back, so peak memory is one batch's and not the sum of them:
    /// SQLite drops the cached pages of the rows just written (`PRAGMA shrink_memory`), then malloc returns
    /// the freed memory of every thread's arena to the kernel (it would keep it otherwise).
    private func releaseMemory() throws {
        try ledger.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA shrink_memory") }
        jury_release_free_memory()
    }

    /// Stores `batch` on one core while another moves `committed` (files whose loops are in the ledger)
    /// to `ingested/` and then checks the next batch, from `names[start]` on. A crash before a committed
    /// file is moved leaves it in the inbox, where the next ingest finds its loop and moves it as a duplicate.
    /// - Returns: what was stored, the files of `batch` to move once it is committed, the next batch, and
    ///   the index of the name after it.
    private func store(_ batch: [CheckedFile], archiving committed: [FileName], whileChecking names: FileNameList, from start: Int) throws
        -> (IngestReport, [FileName], [CheckedFile], Int)
    {
        let next = Mutex<Result<(batch: [CheckedFile], end: Int), any Error>>(.success(([], start)))
        let stored = Mutex<Result<(IngestReport, [FileName]), any Error>>(.success((IngestReport(), [])))
        DispatchQueue.concurrentPerform(iterations: 2) { stage in
            if stage == 0 {
                let result = Result { try store(batch) }
                stored.withLock { $0 = result }
            } else {
                let checked = Result {
                    try committed.forEach(archive)
                    return checkBatch(of: names, from: start)
                }
                next.withLock { $0 = checked }
            }
        }
        let (report, admitted) = try stored.withLock { $0 }.get()
        let (checked, end) = try next.withLock { $0 }.get()
        return (report, admitted, checked, end)
    }

    /// The first `sliceSize` inbox entries after `after` in byte order, without temporary files (names
    /// starting with ".").
    func inboxFileNames(after: FileName?) throws -> FileNameList {
        try FileNameList(of: ledger.queue.inboxURL, after: after, limit: sliceSize) { $0.first != UInt8(ascii: ".") }
    }

    /// An inbox file read and checked: the loop it asks for, or why it is refused.
    typealias CheckedFile = (file: FileName, outcome: Result<LoopAdmission, Rejection>)

    /// Checks `names` from `start` on until the batch is full by count or by InputContent bytes.
    /// - Returns: the batch and the index of the name after it.
    private func checkBatch(of names: FileNameList, from start: Int) -> (batch: [CheckedFile], end: Int) {
        var batch: [CheckedFile] = []
        var bytes = 0
        for name in names[start...] {
            batch.append((name, Result { () throws(Rejection) in try admission(forFile: name) }))
            bytes += Self.inputBytes(of: batch.suffix(1))
            if batch.count >= batchSize || bytes >= batchBytes { break }
        }
        return (batch, start + batch.count)
    }

    /// Stores the loops of `batch` in one transaction and moves its refused files to `rejected/`.
    /// - Returns: what was stored, and the files whose loops are now in the ledger (to move to `ingested/`).
    private func store(_ batch: [CheckedFile]) throws -> (IngestReport, [FileName]) {
        var report = IngestReport()
        var admitted: [FileName] = []
        var admissions: [(file: FileName, admission: LoopAdmission)] = []
        for (file, outcome) in batch {
            switch outcome {
            case .success(let admission): admissions.append((file, admission))
            case .failure(let rejection): try reject(file, rejection, into: &report)
            }
        }
        let results = try ledger.admit(admissions.map(\.admission))
        for ((file, admission), result) in zip(admissions, results) {
            switch result {
            case .created: report.created.append(admission.request.name)
            case .duplicate: report.duplicates.append(admission.request.name)
            case .conflict(let rejection):
                try reject(file, rejection, into: &report)
                continue
            }
            admitted.append(file)
        }
        return (report, admitted)
    }

    private func admission(forFile name: FileName) throws(Rejection) -> LoopAdmission {
        guard name.isUTF8 else {
            throw Rejection(.fileNameNotUTF8, "the file name is not UTF-8 (bytes \(name.hex)); name inbox files in UTF-8")
        }
        guard name.text.hasByteSuffix(".json") else {
            throw Rejection(.notJSONFileName, "inbox files end in .json; temporary files must start with \".\"")
        }
        return try Self.admission(of: try InboxFile.read(name, in: ledger.queue.inboxURL, limit: Self.maximumFileBytes), flows: flows)
    }

    /// The admission of a StartHumanLoop request document's bytes, through every check an inbox file gets
    /// once read: its size, its shape, its flow among `flows`, and its input for the flow's task type.
    /// `jury submit` starts loops through it too, so it refuses exactly what ingest would.
    /// - Throws: `Rejection` with the code and JSON path of the first thing wrong.
    public static func admission(of data: Data, flows: [String: FlowDefinition]) throws(Rejection) -> LoopAdmission {
        guard data.count <= maximumFileBytes else {
            throw Rejection(.tooLarge, "the request has \(data.count) bytes; an inbox file may have at most \(maximumFileBytes)")
        }
        let (request, input) = try HumanLoopRequest.parseWithInput(data)
        guard let flow = flows[request.flowName] else {
            let known = flows.keys.sorted().joined(separator: ", ")
            throw Rejection(.unknownFlow, "no flow named \"\(request.flowName)\" in flows/ (known: \(known))",
                            at: JSONPath.root.appending("FlowDefinitionName"))
        }
        return try LoopAdmission(request: request, input: input, flow: flow)
    }

    private func reject(_ file: FileName, _ rejection: Rejection, into report: inout IngestReport) throws {
        if try RejectedFolder(queue: ledger.queue, now: ledger.time.now).keep(file, because: rejection) {
            report.rejected.append((file.text, rejection))
        }
    }

    /// Moves an ingested file from the inbox to `ingested/`, where the producer's original stays until
    /// `jury prune`. An archived file of the same name is never overwritten: the newcomer gets a numbered name.
    /// A file another ingest process already moved is left alone.
    private func archive(_ file: FileName) throws {
        _ = try FileMove.moveToFreeName(file.path(in: ledger.queue.inboxURL), into: ledger.queue.ingestedURL, as: file.text)
    }
}
