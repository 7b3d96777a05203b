import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one ingest pass did.
public struct IngestReport: Sendable, Equatable {
    public var created: [String] = []
    public var duplicates: [String] = []
    /// Inbox file names moved to `rejected/`, with why.
    public var rejected: [(file: String, rejection: Rejection)] = []

    public static func == (lhs: IngestReport, rhs: IngestReport) -> Bool {
        lhs.created == rhs.created && lhs.duplicates == rhs.duplicates
            && lhs.rejected.map(\.file) == rhs.rejected.map(\.file) && lhs.rejected.map(\.rejection) == rhs.rejected.map(\.rejection)
    }
}

/// Moves inbox files into the ledger.
///
/// Safe to run from several processes and to kill at any point: a file leaves the inbox only after the
/// transaction holding its loop has committed (or after its rejection reason is on disk), and offering
/// the same file again is a no-op.
public struct Ingest {
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
    public func run() throws -> IngestReport {
        var report = IngestReport()
        let names = try inboxFileNames()
        for start in stride(from: 0, to: names.count, by: batchSize) {
            try ingestBatch(Array(names[start..<min(start + batchSize, names.count)]), into: &report)
        }
        return report
    }

    /// Inbox entries in name order, without temporary files (names starting with ".").
    func inboxFileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: ledger.queue.inboxURL.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    private func ingestBatch(_ names: [String], into report: inout IngestReport) throws {
        var admissions: [(file: String, admission: LoopAdmission)] = []
        for name in names {
            do throws(Rejection) {
                admissions.append((name, try admission(forFile: name)))
            } catch {
                try reject(name, error, into: &report)
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
            try removeFromInbox(file)
        }
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
        try RejectedFolder(queue: ledger.queue, now: ledger.time.now).keep(file, because: rejection)
        report.rejected.append((file, rejection))
    }

    private func removeFromInbox(_ file: String) throws {
        let path = ledger.queue.inboxURL.appending(path: file).path
        guard unlink(path) == 0 || errno == ENOENT else { throw DurableFile.posixError("remove \(path)") }
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
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        guard let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
            throw Rejection(.notRegularFile, "cannot read the file")
        }
        guard data.count <= limit else { throw Rejection(.tooLarge, "the file grew past \(limit) bytes while being read") }
        return data
    }
}

/// The `rejected/` folder: each refused file is kept byte for byte, with `FILE.reason.json` beside it.
struct RejectedFolder {
    let queue: QueueDirectory
    let now: Date

    /// Writes the reason first, then moves the original, so a crash never leaves a file without its reason
    /// (at worst the original is still in the inbox and is rejected again).
    func keep(_ file: String, because rejection: Rejection) throws {
        let target = freeName(for: file)
        var reason: [String: JSONValue] = [
            "file": .string(file), "code": .string(rejection.code.rawValue), "reason": .string(rejection.reason),
            "rejectedAt": .string(Timestamp.iso8601(milliseconds: Timestamp.milliseconds(now))),
        ]
        if let path = rejection.path { reason["path"] = .string(path.description) }
        try DurableFile.write(JSONValue.object(reason).encoded(pretty: true), to: queue.rejectedURL.appending(path: target + ".reason.json"))
        let source = queue.inboxURL.appending(path: file).path
        guard rename(source, queue.rejectedURL.appending(path: target).path) == 0 else {
            throw DurableFile.posixError("move \(source) to rejected/")
        }
        try DurableFile.syncFolder(queue.rejectedURL)
    }

    /// `file`, or `file.1`, `file.2`… when a rejected file of that name is already kept.
    private func freeName(for file: String) -> String {
        var candidate = file
        var counter = 0
        while FileManager.default.fileExists(atPath: queue.rejectedURL.appending(path: candidate).path) {
            counter += 1
            candidate = "\(file).\(counter)"
        }
        return candidate
    }
}
