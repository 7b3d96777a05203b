import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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
public struct Ingest: Sendable {
    /// Inbox files larger than this are rejected unread (A2I's 3 MiB InputContent, JSON-escaped, fits).
    public static let maximumFileBytes = 8 * 1024 * 1024

    let ledger: Ledger
    let flows: [String: FlowDefinition]
    let batchSize: Int

    public init(ledger: Ledger, flows: [String: FlowDefinition], batchSize: Int = 256) {
        self.ledger = ledger
        self.flows = flows
        self.batchSize = batchSize
    }

    /// Ingests every file now in the inbox.
    ///
    /// Two stages overlap: while one batch is stored (ledger transaction, then the files moved), the next
    /// batch is read and checked on another core.
    public func run() throws -> IngestReport {
        var report = IngestReport()
        DurableFile.removeAbandonedTemporaries(in: ledger.queue.rejectedURL)
        let names = try inboxFileNames()
        let batches = stride(from: 0, to: names.count, by: batchSize).map { Array(names[$0..<min($0 + batchSize, names.count)]) }
        guard !batches.isEmpty else { return report }
        var checked = check(batches[0])
        for index in batches.indices {
            let current = checked
            let upcoming = index + 1 < batches.count ? batches[index + 1] : []
            let next = Mutex<[CheckedFile]>([])
            let stored = Mutex<Result<IngestReport, any Error>>(.success(IngestReport()))
            DispatchQueue.concurrentPerform(iterations: 2) { stage in
                if stage == 0 {
                    let result = Result { try store(current) }
                    stored.withLock { $0 = result }
                } else {
                    let result = check(upcoming)
                    next.withLock { $0 = result }
                }
            }
            report.append(try stored.withLock { $0 }.get())
            checked = next.withLock { $0 }
        }
        return report
    }

    /// Inbox entries in name order, without temporary files (names starting with ".").
    func inboxFileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ledger.queue.inboxURL.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// An inbox file read and checked: the loop it asks for, or why it is refused.
    typealias CheckedFile = (file: String, outcome: Result<LoopAdmission, Rejection>)

    private func check(_ names: [String]) -> [CheckedFile] {
        names.map { name in (name, Result { () throws(Rejection) in try admission(forFile: name) }) }
    }

    private func store(_ batch: [CheckedFile]) throws -> IngestReport {
        var report = IngestReport()
        var admissions: [(file: String, admission: LoopAdmission)] = []
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
            try archive(file)
        }
        return report
    }

    private func admission(forFile name: String) throws(Rejection) -> LoopAdmission {
        guard name.hasSuffix(".json") else {
            throw Rejection(.notJSONFileName, "inbox files end in .json; temporary files must start with \".\"")
        }
        let data = try InboxFile.read(ledger.queue.inboxURL.appending(path: name), limit: Self.maximumFileBytes)
        let request = try HumanLoopRequest.parse(data)
        guard let flow = flows[request.flowName] else {
            let known = flows.keys.sorted().joined(separator: ", ")
            throw Rejection(.unknownFlow, "no flow named \"\(request.flowName)\" in flows/ (known: \(known))",
                            at: JSONPath.root.appending("FlowDefinitionName"))
        }
        return try LoopAdmission(request: request, flow: flow)
    }

    private func reject(_ file: String, _ rejection: Rejection, into report: inout IngestReport) throws {
        if try RejectedFolder(queue: ledger.queue, now: ledger.time.now).keep(file, because: rejection) {
            report.rejected.append((file, rejection))
        }
    }

    /// Moves an ingested file from the inbox to `ingested/`, where the producer's original stays until
    /// `jury prune`. An archived file of the same name is never overwritten: the newcomer gets a numbered name.
    /// A file another ingest process already moved is left alone.
    private func archive(_ file: String) throws {
        let source = ledger.queue.inboxURL.appending(path: file).path
        let target = QueueDirectory.freeName(for: file, in: ledger.queue.ingestedURL)
        guard rename(source, ledger.queue.ingestedURL.appending(path: target).path) == 0 || errno == ENOENT else {
            throw DurableFile.posixError("move \(source) to ingested/")
        }
    }
}

/// Reads an inbox file without following links and without reading more than a limit.
enum InboxFile {
    static func read(_ url: URL, limit: Int) throws(Rejection) -> Data {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { throw Rejection(.notRegularFile, "cannot stat: \(String(cString: strerror(errno)))") }
        if info.st_mode & S_IFMT == S_IFLNK { throw Rejection(.symlink, "symbolic links are not read; drop the file itself") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Rejection(.notRegularFile, "only regular files are ingested") }
        guard Int(info.st_size) <= limit else {
            throw Rejection(.tooLarge, "the file has \(info.st_size) bytes; the limit is \(limit)")
        }
        let descriptor = open(url.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw Rejection(.notRegularFile, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var data = Data(count: Int(info.st_size) + 1)
        let count = data.withUnsafeMutableBytes { buffer in readFully(descriptor, buffer) }
        guard count >= 0 else { throw Rejection(.notRegularFile, "cannot read: \(String(cString: strerror(errno)))") }
        guard count <= limit else { throw Rejection(.tooLarge, "the file grew past \(limit) bytes while being read") }
        data.count = count
        return data
    }

    /// Reads until the buffer is full or the file ends; -1 on an error.
    private static func readFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        var total = 0
        while total < buffer.count {
            let count = Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? -1 : total }
            total += count
        }
        return total
    }
}

/// The `rejected/` folder: each refused file is kept byte for byte, with `FILE.reason.json` beside it.
struct RejectedFolder {
    let queue: QueueDirectory
    let now: Date

    /// Writes the reason first, then moves the original, so a crash never leaves a file without its reason
    /// (at worst the original is still in the inbox and is rejected again).
    /// - Returns: false when another ingest process moved the file first (its reason is then the one kept).
    @discardableResult
    func keep(_ file: String, because rejection: Rejection) throws -> Bool {
        let target = QueueDirectory.freeName(for: file, in: queue.rejectedURL)
        var reason: [String: JSONValue] = [
            "file": .string(file), "code": .string(rejection.code.rawValue), "reason": .string(rejection.reason),
            "rejectedAt": .string(Timestamp.iso8601(milliseconds: Timestamp.milliseconds(now))),
        ]
        if let path = rejection.path { reason["path"] = .string(path.description) }
        try DurableFile.write(JSONValue.object(reason).encoded(pretty: true), to: queue.rejectedURL.appending(path: target + ".reason.json"))
        let source = queue.inboxURL.appending(path: file).path
        guard rename(source, queue.rejectedURL.appending(path: target).path) == 0 else {
            guard errno == ENOENT else { throw DurableFile.posixError("move \(source) to rejected/") }
            unlink(queue.rejectedURL.appending(path: target + ".reason.json").path)
            return false
        }
        try DurableFile.syncFolder(queue.rejectedURL)
        return true
    }

}

extension QueueDirectory {
    /// `file`, or `file.1`, `file.2`… when `folder` already holds a file of that name: archived and
    /// rejected originals are never overwritten.
    static func freeName(for file: String, in folder: URL) -> String {
        var candidate = file
        var counter = 0
        while access(folder.appending(path: candidate).path, F_OK) == 0 {
            counter += 1
            candidate = "\(file).\(counter)"
        }
        return candidate
    }
}
