import CGlibcExtras
import Foundation
import Synchronization
import JuryJSON

/// What one ingest pass did: how many files went each way, and the first `listLimit` of each by name.
public struct IngestReport: Sendable, Equatable {
    /// Most names (or reasons) each list holds, so a report stays small whatever the inbox held; the
    /// counts go on past it.
    public static let listLimit = 1_000

    /// Loop names created, in the order they were.
    public private(set) var created: [String] = []
    public private(set) var createdCount = 0
    /// Loop names already in the ledger with the same content.
    public private(set) var duplicates: [String] = []
    public private(set) var duplicateCount = 0
    /// Inbox file names moved to `rejected/`, with why.
    public private(set) var rejected: [(file: String, rejection: Rejection)] = []
    public private(set) var rejectedCount = 0
    /// Inbox file names left in the inbox for a later pass, with why (still being written, or not readable now).
    public private(set) var left: [(file: String, reason: String)] = []
    public private(set) var leftCount = 0

    mutating func noteCreated(_ name: String) { Self.note(name, in: &created, counting: &createdCount) }
    mutating func noteDuplicate(_ name: String) { Self.note(name, in: &duplicates, counting: &duplicateCount) }
    mutating func noteRejected(_ file: String, _ rejection: Rejection) { Self.note((file, rejection), in: &rejected, counting: &rejectedCount) }
    mutating func noteLeft(_ file: String, _ reason: String) { Self.note((file, reason), in: &left, counting: &leftCount) }

    private static func note<Element>(_ element: Element, in list: inout [Element], counting count: inout Int) {
        count += 1
        if list.count < listLimit { list.append(element) }
    }

    mutating func append(_ other: IngestReport) {
        Self.merge(other.created, other.createdCount, into: &created, &createdCount)
        Self.merge(other.duplicates, other.duplicateCount, into: &duplicates, &duplicateCount)
        Self.merge(other.rejected, other.rejectedCount, into: &rejected, &rejectedCount)
        Self.merge(other.left, other.leftCount, into: &left, &leftCount)
    }

    private static func merge<Element>(_ elements: [Element], _ otherCount: Int, into list: inout [Element], _ count: inout Int) {
        list += elements.prefix(listLimit - list.count)
        count += otherCount
    }

    public static func == (lhs: IngestReport, rhs: IngestReport) -> Bool {
        lhs.created == rhs.created && lhs.duplicates == rhs.duplicates
            && lhs.rejected.map(\.file) == rhs.rejected.map(\.file) && lhs.rejected.map(\.rejection) == rhs.rejected.map(\.rejection)
            && lhs.left.map(\.file) == rhs.left.map(\.file) && lhs.left.map(\.reason) == rhs.left.map(\.reason)
            && [lhs.createdCount, lhs.duplicateCount, lhs.rejectedCount, lhs.leftCount]
            == [rhs.createdCount, rhs.duplicateCount, rhs.rejectedCount, rhs.leftCount]
    }
}

/// Moves inbox files into the ledger.
///
/// Safe to run from several processes and to kill at any point: a file leaves the inbox only after the
/// transaction holding its loop has committed (or after its rejection reason is on disk), and offering
/// the same file again is a no-op. Ingested files move to a folder per batch in `ingested/`; refused ones to `rejected/`.
/// A file is moved only if its name still leads to the file read (one put in its place meanwhile goes
/// back to the inbox). A file that is not complete JSON yet and was modified within `settleInterval`,
/// or that changed while it was read, is left for a later pass, as is one that cannot be opened for
/// want of descriptors or memory.
/// Memory stays bounded whatever the inbox holds: the inbox is taken `sliceSize` names at a time, a
/// batch ends at `batchSize` files or once it holds `batchBytes` of InputContent, and only one file's
/// parsed InputContent is alive at a time.
public struct Ingest: Sendable {
    /// The most bytes a StartHumanLoop request may have, whichever way it comes (an inbox file, `jury submit`,
    /// the A2I API); a larger inbox file is rejected unread. A2I's 3,145,728 characters (UTF-16 units) of
    /// InputContent fit even as the AWS SDKs send them, every non-ASCII one escaped as `\uXXXX` (6 bytes).
    public static let maximumFileBytes = 20 << 20

    let ledger: Ledger
    let flows: [String: FlowDefinition]
    let batchSize: Int
    let batchBytes: Int
    let sliceSize: Int
    let settleInterval: Duration
    let inbox, ingested, moving, rejecting: FolderPath

    /// - Parameters:
    ///   - batchSize: most files stored in one ledger transaction.
    ///   - batchBytes: InputContent bytes after which a batch ends (it holds at least one file).
    ///   - sliceSize: inbox names held at a time (the first that many in byte order, then the next).
    ///   - settleInterval: how long after its last modification (by the kernel's clock) a file that does
    ///     not parse may still be in the middle of being written.
    public init(ledger: Ledger, flows: [String: FlowDefinition], batchSize: Int = 256, batchBytes: Int = 4 * 1024 * 1024,
                sliceSize: Int = 65_536, settleInterval: Duration = .seconds(2)) {
        self.ledger = ledger
        self.flows = flows
        self.batchSize = batchSize
        self.batchBytes = batchBytes
        self.sliceSize = max(1, sliceSize)
        self.settleInterval = settleInterval
        inbox = FolderPath(ledger.queue.inboxURL)
        ingested = FolderPath(ledger.queue.ingestedURL)
        moving = FolderPath(ledger.queue.movingURL)
        rejecting = FolderPath(ledger.queue.rejectingURL)
    }

    /// Ingests every file now in the inbox.
    ///
    /// Two stages overlap: while one batch is stored in a ledger transaction, another core moves the
    /// files of the batch stored before it to `ingested/` and reads and checks the next batch.
    /// Ingests take turns on a queue (a lock on `ingested/`), and each first returns to the inbox the
    /// files a killed one left in `ingested/.moving/` and `rejected/.moving/`.
    /// - Throws: `JuryError.io` when the inbox cannot be listed or a file cannot be moved, or the ledger's error.
    public func run() throws -> IngestReport {
        try DurableFile.createFolder(moving.url)
        try DurableFile.createFolder(rejecting.url)
        let turn = try FolderLock(ingested.url)
        defer { turn.release() }
        try returnAbandonedMoves()
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
        var stored: [ReadFile] = []
        while !checked.isEmpty {
            let heldBytes = Self.inputBytes(of: checked)
            let batchReport: IngestReport
            (batchReport, stored, checked, next) = try store(checked, archiving: stored, whileChecking: names, from: next)
            report.append(batchReport)
            if heldBytes >= Self.releaseBytes { try releaseMemory() }
        }
        try archive(stored)
        return report
    }

    /// After a batch holding this many InputContent bytes, the memory it took is given back.
    static let releaseBytes = 1024 * 1024

    /// The InputContent bytes a checked batch holds until it is stored.
    private static func inputBytes(of batch: some Sequence<CheckedFile>) -> Int {
        batch.reduce(0) { total, checked in
            guard case .admit(let admission) = checked.outcome else { return total }
            return total + admission.request.inputContent.utf8.count
        }
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
    private func store(_ batch: [CheckedFile], archiving committed: [ReadFile], whileChecking names: FileNameList, from start: Int) throws
        -> (IngestReport, [ReadFile], [CheckedFile], Int)
    {
        let next = Mutex<Result<(batch: [CheckedFile], end: Int), any Error>>(.success(([], start)))
        let stored = Mutex<Result<(IngestReport, [ReadFile]), any Error>>(.success((IngestReport(), [])))
        DispatchQueue.concurrentPerform(iterations: 2) { stage in
            if stage == 0 {
                let result = Result { try store(batch) }
                stored.withLock { $0 = result }
            } else {
                let checked = Result {
                    try archive(committed)
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

    /// An inbox file's name and the file it led to when read (nil when it was refused unread).
    struct ReadFile {
        let name: FileName
        let identity: InboxFile.Identity?
    }

    /// An inbox file read and checked.
    struct CheckedFile {
        enum Outcome {
            /// The loop it asks for.
            case admit(LoopAdmission)
            /// Why it is refused for good.
            case reject(Rejection)
            /// Why it stays in the inbox for a later pass; nil when it is gone (another process took it).
            case leave(String?)
        }

        let file: ReadFile
        let outcome: Outcome
    }

    /// Checks `names` from `start` on until the batch is full by count or by InputContent bytes.
    /// - Returns: the batch and the index of the name after it.
    private func checkBatch(of names: FileNameList, from start: Int) -> (batch: [CheckedFile], end: Int) {
        var batch: [CheckedFile] = []
        var bytes = 0
        for name in names[start...] {
            batch.append(check(name))
            bytes += Self.inputBytes(of: batch.suffix(1))
            if batch.count >= batchSize || bytes >= batchBytes { break }
        }
        return (batch, start + batch.count)
    }

    /// Stores the loops of `batch` in one transaction and moves its refused files to `rejected/`.
    /// - Returns: what was stored, and the files whose loops are now in the ledger (to move to `ingested/`).
    private func store(_ batch: [CheckedFile]) throws -> (IngestReport, [ReadFile]) {
        var report = IngestReport()
        var admitted: [ReadFile] = []
        var admissions: [(file: ReadFile, admission: LoopAdmission)] = []
        for checked in batch {
            switch checked.outcome {
            case .admit(let admission): admissions.append((checked.file, admission))
            case .reject(let rejection): reject(checked.file, rejection, into: &report)
            case .leave(let reason?): report.noteLeft(checked.file.name.text, reason)
            case .leave(nil): break
            }
        }
        let results = try ledger.admit(admissions.map(\.admission))
        for ((file, admission), result) in zip(admissions, results) {
            switch result {
            case .created: report.noteCreated(admission.request.name)
            case .duplicate: report.noteDuplicate(admission.request.name)
            case .conflict(let rejection):
                reject(file, rejection, into: &report)
                continue
            }
            admitted.append(file)
        }
        return (report, admitted)
    }

    /// Reads and checks inbox file `name`.
    private func check(_ name: FileName) -> CheckedFile {
        let unread = ReadFile(name: name, identity: nil)
        guard name.isUTF8 else {
            return CheckedFile(file: unread, outcome: .reject(Rejection(
                .fileNameNotUTF8, "the file name is not UTF-8 (bytes \(name.hex)); name inbox files in UTF-8")))
        }
        guard name.text.hasByteSuffix(".json") else {
            return CheckedFile(file: unread, outcome: .reject(Rejection(
                .notJSONFileName, "inbox files end in .json; temporary files must start with \".\"")))
        }
        let contents: InboxFile.Contents
        do {
            contents = try InboxFile.read(name, in: inbox, limit: Self.maximumFileBytes)
        } catch {
            switch error {
            case .refused(let rejection): return CheckedFile(file: unread, outcome: .reject(rejection))
            case .unavailable(let reason): return CheckedFile(file: unread, outcome: .leave(reason))
            case .gone: return CheckedFile(file: unread, outcome: .leave(nil))
            }
        }
        let file = ReadFile(name: name, identity: contents.identity)
        if contents.changedWhileRead { return CheckedFile(file: file, outcome: .leave(Self.stillWritten)) }
        do {
            return CheckedFile(file: file, outcome: .admit(try Self.admission(of: contents.data, flows: flows)))
        } catch where [.notJSON, .invalidUTF8].contains(error.code) && !isSettled(contents) {
            return CheckedFile(file: file, outcome: .leave(Self.stillWritten + " (\(error.reason))"))
        } catch {
            return CheckedFile(file: file, outcome: .reject(error))
        }
    }

    private static let stillWritten = "still being written"

    /// Whether `contents`' file was last modified at least `settleInterval` ago, by the kernel's clock.
    private func isSettled(_ contents: InboxFile.Contents) -> Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let age = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - contents.modifiedNanoseconds
        let (seconds, attoseconds) = settleInterval.components
        return age >= seconds * 1_000_000_000 + attoseconds / 1_000_000_000
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

    /// Moves a refused file to `rejected/` with its reason. One that cannot be moved (a producer's folder,
    /// which only its owner may rename) stays in the inbox, reported as left with the reason, and the
    /// other files of the pass still go in.
    private func reject(_ file: ReadFile, _ rejection: Rejection, into report: inout IngestReport) {
        do {
            if try RejectedFolder(queue: ledger.queue, now: ledger.time.now).keep(file.name, because: rejection, expecting: file.identity) {
                report.noteRejected(file.name.text, rejection)
            }
        } catch {
            report.noteLeft(file.name.text, "refused (\(rejection.code.rawValue): \(rejection.reason)) but cannot be moved to rejected/: \(error)")
        }
    }

    /// Moves a stored batch's files from the inbox into a folder of their own, `ingested/STAMP/` (the
    /// ledger's time, `20261207T083012.345Z`, numbered `.1`, `.2`… when taken), where the producers'
    /// originals stay until `jury prune`. Each file goes to `ingested/.moving/` first and is checked
    /// there: one that is not the file read (a newer one took its name) goes back to the inbox, and
    /// files a killed ingest leaves there go back at the next ingest, so a newer file is never archived
    /// unread. The folder is renamed into place once every file is checked. A file already gone is left alone.
    func archive(_ files: [ReadFile]) throws {
        var held = 0
        for file in files {
            guard try FileMove.hold(file.name, from: inbox, in: moving),
                  try FileMove.isFileRead(file.name.path(in: moving), file.identity, elseReturnTo: inbox, as: file.name)
            else { continue }
            held += 1
        }
        guard held > 0 else { return }
        let stamp = Timestamp.iso8601(milliseconds: Timestamp.milliseconds(ledger.time.now)).filter { $0 != "-" && $0 != ":" }
        _ = try FileMove.moveToFreeName(FileName(moving.url.lastPathComponent).path(in: ingested), into: ingested, as: stamp)
        try DurableFile.createFolder(moving.url)
    }

    /// Returns to the inbox every file in `ingested/.moving/` and `rejected/.moving/`: files a killed
    /// ingest took from the inbox and had neither archived, kept nor returned. One whose loop was
    /// stored is archived as a duplicate by this ingest; a newer one is ingested, a refused one refused again.
    private func returnAbandonedMoves() throws {
        for folder in [moving, rejecting] {
            for name in try FileNameList(of: folder.url) {
                try FileMove.returnToInbox(name.path(in: folder), inbox: inbox, as: name)
            }
        }
    }
}
