import Foundation
import JuryJSON

/// The shared queue directory and its layout:
///
///     QUEUE/jury.sqlite       the ledger (WAL)
///     QUEUE/workforce.json    teams
///     QUEUE/flows/NAME.json   flow definitions
///     QUEUE/inbox/            producers drop requests here (temporary names start with ".")
///     QUEUE/ingested/         files taken into the ledger, kept until `jury prune` removes them
///     QUEUE/rejected/         refused files, each with FILE.reason.json beside it
///     QUEUE/output/           default output folder
///     QUEUE/events/           status events (Completed, Failed, Stopped), one file each
///     QUEUE/jury.sock         the queue service's socket, while `jury serve` runs
public struct QueueDirectory: Sendable {
    public let root: URL
    public let ledgerURL: URL
    public let workforceURL: URL
    public let flowsURL: URL
    public let inboxURL: URL
    public let rejectedURL: URL
    public let ingestedURL: URL
    /// `ingested/.moving/`: the batch being archived. Ingest moves each file of a stored batch here
    /// from the inbox, checks that it is the file it read, then renames the folder into
    /// `ingested/STAMP/`; files a killed ingest left here go back to the inbox at the next ingest.
    public let movingURL: URL
    /// `rejected/.moving/`: where a refused file waits, checked likewise, before it is kept in `rejected/`.
    public let rejectingURL: URL
    public let defaultOutputURL: URL
    public let eventsURL: URL
    /// Worker task templates (`templates/NAME.html`), as CreateHumanTaskUi stores them.
    public let templatesURL: URL

    /// The layout under `root`, its URLs made once (ingest asks for them for every file).
    public init(_ root: URL) {
        let root = root.standardizedFileURL
        self.root = root
        ledgerURL = root.appending(path: "jury.sqlite")
        workforceURL = root.appending(path: "workforce.json")
        flowsURL = root.appending(path: "flows", directoryHint: .isDirectory)
        inboxURL = root.appending(path: "inbox", directoryHint: .isDirectory)
        rejectedURL = root.appending(path: "rejected", directoryHint: .isDirectory)
        ingestedURL = root.appending(path: "ingested", directoryHint: .isDirectory)
        movingURL = ingestedURL.appending(path: ".moving", directoryHint: .isDirectory)
        rejectingURL = rejectedURL.appending(path: ".moving", directoryHint: .isDirectory)
        defaultOutputURL = root.appending(path: "output", directoryHint: .isDirectory)
        eventsURL = root.appending(path: "events", directoryHint: .isDirectory)
        templatesURL = root.appending(path: "templates", directoryHint: .isDirectory)
    }

    /// Creates the folders and an empty workforce file when missing; existing files are left alone.
    public func createLayout(workforce: Workforce) throws {
        for folder in [root, flowsURL, inboxURL, ingestedURL, movingURL, rejectedURL, rejectingURL, defaultOutputURL, eventsURL] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        if !FileManager.default.fileExists(atPath: workforceURL.path) {
            try DurableFile.write(workforce.json.encoded(pretty: true), to: workforceURL)
        }
    }

    /// The workforce file's teams.
    /// - Throws: a message naming the file when it is missing or invalid.
    public func loadWorkforce() throws -> Workforce {
        let data: Data
        do {
            data = try Data(contentsOf: workforceURL)
        } catch {
            guard FileManager.default.fileExists(atPath: workforceURL.path) else {
                throw JuryError.notAQueue("\(workforceURL.path) is missing: run `jury init` to create a queue")
            }
            throw JuryError.io("cannot read \(workforceURL.path): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
        do {
            return try Workforce.parse(data)
        } catch {
            throw JuryError.invalidInput("\(workforceURL.path): \(error)")
        }
    }

    /// Every loadable flow by name, and the problems of the files that are not.
    public func loadFlows() -> (flows: [String: FlowDefinition], broken: [FlowDefinitionError]) {
        let files = (try? FileManager.default.contentsOfDirectory(at: flowsURL, includingPropertiesForKeys: nil)) ?? []
        var flows: [String: FlowDefinition] = [:]
        var broken: [FlowDefinitionError] = []
        for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) where file.pathExtension == "json" {
            do {
                let data = try Data(contentsOf: file)
                let template = (try? JSONValue.parse(data)).flatMap { WorkerTemplate.file(besideFlow: file, document: $0, store: templatesURL) }
                let flow = try FlowDefinition.load(data, file: file.lastPathComponent, template: template)
                flows[flow.name] = flow
            } catch let error as FlowDefinitionError {
                broken.append(error)
            } catch {
                broken.append(FlowDefinitionError(file: file.lastPathComponent, problems: [ValidationProblem(.root, "\(error)")]))
            }
        }
        return (flows, broken)
    }

    /// The folder outputs of `flow` go to: an S3 `S3OutputPath` (`s3://bucket/prefix` or an HTTPS S3 address,
    /// see `s3Location`) maps to `QUEUE/output/bucket/prefix`, an absolute path is used as is, a relative one
    /// is taken inside the queue; none means `QUEUE/output`.
    public func outputFolder(for flow: FlowDefinition) -> URL {
        guard let path = flow.outputPath, !path.isEmpty else { return defaultOutputURL }
        if let location = Self.s3Location(path) {
            return defaultOutputURL.appending(path: location, directoryHint: .isDirectory)
        }
        return resolve(path)
    }

    /// Whether a folder of the layout already holds files (ingested requests, rejections, outputs): a
    /// queue whose ledger went missing, which must not silently get an empty one.
    public func holdsLoopFiles() -> Bool {
        [ingestedURL, rejectedURL, defaultOutputURL].contains { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains { !$0.hasBytePrefix(".") }
        }
    }

    /// Removes files from `ingested/`'s batch folders (and from `ingested/` itself, where queues made
    /// before batch folders kept them) last modified before `cutoff`, and the batch folders left empty
    /// (their loops are in the ledger, which keeps their input); returns how many files went.
    public func pruneIngested(before cutoff: Date) throws -> Int {
        var removed = try Self.removeFiles(in: ingestedURL, before: cutoff)
        for folder in try FileManager.default.contentsOfDirectory(at: ingestedURL, includingPropertiesForKeys: [.isDirectoryKey])
        where !folder.lastPathComponent.hasBytePrefix(".") {
            guard try folder.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true else { continue }
            removed += try Self.removeFiles(in: folder, before: cutoff)
            if try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty { try FileManager.default.removeItem(at: folder) }
        }
        return removed
    }

    /// Removes the regular files of `folder` last modified before `cutoff`; returns how many went.
    private static func removeFiles(in folder: URL, before cutoff: Date) throws -> Int {
        let keys: Set<URLResourceKey> = [.contentModificationDateKey, .isRegularFileKey]
        var removed = 0
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: Array(keys)) {
            let values = try file.resourceValues(forKeys: keys)
            guard values.isRegularFile == true, let modified = values.contentModificationDate, modified < cutoff else { continue }
            try FileManager.default.removeItem(at: file)
            removed += 1
        }
        return removed
    }

    /// How the ledger records `url`: relative to the queue when inside it, so a moved queue keeps working.
    public func storedPath(of url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The folder a stored path names (see `storedPath(of:)`).
    public func resolve(_ stored: String) -> URL {
        stored.hasPrefix("/") ? URL(filePath: stored, directoryHint: .isDirectory) : root.appending(path: stored, directoryHint: .isDirectory)
    }

    /// Drops `request` into the inbox the way any producer should: written under a temporary name, flushed
    /// to disk, then renamed. The file is named after the loop and its content, so the same request dropped
    /// twice is one file, and a different request under the same name becomes a second file (a conflict at ingest).
    @discardableResult
    public func drop(_ request: HumanLoopRequest) throws -> URL {
        let data = request.json.encoded()
        let fingerprint = String(ContentHash.of(request.identity), radix: 16)
        let target = inboxURL.appending(path: "\(request.name).\(fingerprint).json")
        try DurableFile.write(data, to: target)
        return target
    }
}

extension QueueDirectory {
    /// Whether `inbox/` holds a file that is not a temporary one (a name starting with a dot, compared as
    /// bytes as ingest compares it), read up to the first such file.
    /// - Throws: `JuryError.io` when the inbox cannot be opened.
    public func inboxHoldsFiles() throws -> Bool {
        try FileNameList.hasEntry(in: inboxURL) { $0.first != UInt8(ascii: ".") }
    }
}
