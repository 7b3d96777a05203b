import Foundation
import GRDB
import JuryTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every suite of this target runs `jury` processes and measures them: they are nested in this one
/// serialized suite so that the 2-core machine runs one of them at a time (their timings stay meaningful
/// and the crash trials' kill delays stay calibrated). Filters still work: `--filter CrashTests`.
@Suite("jury CLI (serialized)", .serialized) enum CLI {}

/// A failure of the test harness itself (not of `jury`'s behaviour), with everything needed to look into it.
struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Finding the binary

/// An executable product of this package that the test target depends on (so SwiftPM builds it before the tests).
struct PackageExecutable: Sendable {
    /// `jury`, or `$JURY_BINARY` when that is set.
    static let jury = PackageExecutable(name: "jury", environmentVariable: "JURY_BINARY")
    /// `jury-bench`, or `$JURY_BENCH_BINARY` when that is set.
    static let juryBench = PackageExecutable(name: "jury-bench", environmentVariable: "JURY_BENCH_BINARY")

    let name: String
    let environmentVariable: String
    /// Looked up once: `$environmentVariable`; else beside the running test bundle (the directory of
    /// `Bundle.main.executablePath` / `CommandLine.arguments[0]`, or one of their parents for macOS'
    /// `X.xctest/Contents/MacOS/X`); else the newest `.build*/debug/NAME` (or `.build*/*/debug/NAME`) of the package.
    let url: URL?

    private init(name: String, environmentVariable: String) {
        self.name = name
        self.environmentVariable = environmentVariable
        url = Self.locate(name, environmentVariable: environmentVariable)
    }

    func require() throws -> URL {
        guard let url else {
            throw HarnessError("cannot find the \(name) executable: build with `swift build --build-tests` or set \(environmentVariable)")
        }
        return url
    }

    private static func locate(_ name: String, environmentVariable: String) -> URL? {
        let manager = FileManager.default
        func executable(_ url: URL) -> URL? {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue,
                manager.isExecutableFile(atPath: url.path)
            else { return nil }
            return url.resolvingSymlinksInPath()
        }
        if let given = ProcessInfo.processInfo.environment[environmentVariable], !given.isEmpty {
            return executable(URL(filePath: given))
        }
        let cwd = URL(filePath: manager.currentDirectoryPath, directoryHint: .isDirectory)
        let starts = [Bundle.main.executablePath, CommandLine.arguments.first, Bundle.main.bundlePath]
            .compactMap { $0 }
            .map { URL(filePath: $0, relativeTo: cwd).standardizedFileURL.resolvingSymlinksInPath() }
        for start in starts {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                if let found = executable(folder.appending(path: name)) { return found }
                folder = folder.deletingLastPathComponent()
            }
        }
        let root = Checkout.root
        let builds = ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".build") }
        var candidates: [URL] = []
        for build in builds {
            let folder = root.appending(path: build, directoryHint: .isDirectory)
            candidates.append(folder.appending(path: "debug/\(name)"))
            for triple in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] {
                candidates.append(folder.appending(path: "\(triple)/debug/\(name)"))
            }
        }
        func modified(_ url: URL) -> Date {
            ((try? manager.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
        }
        return candidates.compactMap(executable).max { modified($0) < modified($1) }
    }
}

// MARK: - Running it

/// What one `jury` run did.
struct JuryRun: Sendable, CustomStringConvertible {
    /// The file name of the executable run (`jury` unless the process was given another binary).
    let program: String
    let arguments: [String]
    /// The exit status, or the signal number when `killedBySignal`.
    let status: Int32
    let killedBySignal: Bool
    /// True when the harness killed it for running longer than its time limit (a hang).
    let timedOut: Bool
    let stdout: String
    let stderr: String
    /// From launch to exit (as the termination handler saw it), in seconds.
    let seconds: Double

    var succeeded: Bool { !killedBySignal && !timedOut && status == 0 }

    /// Complete lines of standard output (a line a killed process had not finished is left out).
    var lines: [String] { Self.completeLines(stdout) }

    /// The loops of the `verdict stored: LOOP k/n STATUS…` lines (not `verdict already stored`).
    var storedVerdicts: [VerdictLine] { lines.compactMap(VerdictLine.init) }

    static func completeLines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()  // the text after the last newline: empty, or an unfinished line
        return parts
    }

    var description: String {
        let how = timedOut ? "HUNG: killed after its time limit" : killedBySignal ? "killed by signal \(status)" : "exit \(status)"
        return "\(program) \(arguments.joined(separator: " ")) -> \(how) after \(String(format: "%.3f", seconds)) s\n"
            + "--- stdout (\(stdout.utf8.count) bytes, last 2000 shown)\n\(stdout.suffix(2000))\n--- stderr\n\(stderr.suffix(4000))"
    }
}

/// One `verdict stored: LOOP k/n STATUS[; output PATH]` line of `jury answer`.
struct VerdictLine: Sendable, Hashable {
    let loop: String
    let count: Int
    let taskCount: Int
    let status: String
    let output: String?

    init?(_ line: String) {
        let prefix = "verdict stored: "
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        let (head, output) = rest.firstRange(of: "; output ").map { (rest[..<$0.lowerBound], String(rest[$0.upperBound...])) } ?? (rest, nil)
        let words = head.split(separator: " ")
        let counts = words.count == 3 ? words[1].split(separator: "/").compactMap { Int($0) } : []
        guard counts.count == 2 else { return nil }
        loop = String(words[0])
        count = counts[0]
        taskCount = counts[1]
        status = String(words[2])
        self.output = output
    }
}

/// A launched `jury` process whose output goes to files (so what it printed before a SIGKILL can be read).
final class JuryProcess: @unchecked Sendable {  // Process is used from one task at a time
    let program: String
    let arguments: [String]
    private let process: Process
    private let stdoutURL: URL
    private let stderrURL: URL
    private let started: ContinuousClock.Instant
    private let exit = ExitLatch()
    private let hung = Atomic<Bool>(false)
    private let watchdog = Mutex<Task<Void, Never>?>(nil)

    /// The environment every run gets: the test's own, without JURY_QUEUE, in a UTF-8 C locale and UTC.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["JURY_QUEUE"] = nil
        environment["LC_ALL"] = "C.UTF-8"
        environment["TZ"] = "UTC"
        return environment
    }()

    private static let serial = Atomic<Int>(0)

    /// Starts `jury ARGUMENTS`; standard output and error go to files in `logs`, standard input is empty.
    /// A run still going after `limit` is killed and reported as hung. `launcher` runs it through another
    /// program (`runuser -u USER --`, `faketime -f OFFSET`); `binary` is another executable to run instead
    /// (a copy of jury, `jury-bench`, `env`).
    init(_ arguments: [String], logs: URL, limit: Duration = .seconds(300), launcher: [String] = [], binary: URL? = nil) throws {
        self.arguments = arguments
        let number = Self.serial.add(1, ordering: .relaxed).newValue
        let stem = "\(number)-\(arguments.first ?? "jury")"
        stdoutURL = logs.appending(path: "\(stem).out")
        stderrURL = logs.appending(path: "\(stem).err")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
            FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        else { throw HarnessError("cannot create log files in \(logs.path)") }
        process = Process()
        let jury = try binary ?? PackageExecutable.jury.require()
        program = jury.lastPathComponent
        let command = launcher + [jury.path] + arguments
        process.executableURL = URL(filePath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = Self.environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        let latch = exit
        process.terminationHandler = { _ in latch.open() }
        started = .now
        try process.run()
        watchdog.withLock { watchdog in
            watchdog = Task { [weak self] in
                try? await Task.sleep(for: limit)
                guard !Task.isCancelled, let self else { return }
                if self.kill() { self.hung.store(true, ordering: .relaxed) }
            }
        }
    }

    /// Sends SIGKILL if the process is still running, and first to its children (a launcher such as
    /// `runuser` runs jury as its child, which would outlive it); returns whether it was running (a
    /// process that already exited is never signalled, so no other process can be hit through a reused pid).
    @discardableResult
    func kill() -> Bool {
        guard process.isRunning else { return false }
        let pid = process.processIdentifier
        for child in Self.children(of: pid) { _ = sendSignal(SIGKILL, to: child) }
        return sendSignal(SIGKILL, to: pid)
    }

    /// The running children of `pid`, from `/proc/PID/task/PID/children` (none when it is unreadable).
    private static func children(of pid: pid_t) -> [pid_t] {
        let list = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
        return list.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// What the process has printed on standard output so far.
    func printedSoFar() -> String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }

    /// Waits for the exit and collects what the process printed.
    func wait() async -> JuryRun {
        let exited = await exit.wait()
        watchdog.withLock { $0?.cancel() }
        process.waitUntilExit()  // returns at once: the termination handler ran
        let seconds = (exited - started) / .seconds(1)
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return JuryRun(
            program: program, arguments: arguments, status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal, timedOut: hung.load(ordering: .relaxed),
            stdout: read(stdoutURL), stderr: read(stderrURL), seconds: seconds)
    }
}

private func sendSignal(_ signal: Int32, to pid: pid_t) -> Bool { kill(pid, signal) == 0 }

/// Opens once, at the process's exit; `wait()` then returns that moment.
private final class ExitLatch: Sendable {
    private let state = Mutex<(openedAt: ContinuousClock.Instant?, waiters: [CheckedContinuation<ContinuousClock.Instant, Never>])>((nil, []))

    func open() {
        let now = ContinuousClock.now
        let waiters = state.withLock { state in
            state.openedAt = now
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: now) }
    }

    func wait() async -> ContinuousClock.Instant {
        await withCheckedContinuation { continuation in
            let openedAt = state.withLock { state in
                if state.openedAt == nil { state.waiters.append(continuation) }
                return state.openedAt
            }
            if let openedAt { continuation.resume(returning: openedAt) }
        }
    }
}

// MARK: - A queue for one test

/// A fresh demo queue in its own temporary folder, with the `stress` flow (classification, team `demo`,
/// TaskCount 3, TaskTimeLimitInSeconds 600) written by the test.
struct CLIQueue: Sendable {
    /// The folder holding the queue, the logs and the answer files.
    let scratch: URL
    /// The queue directory.
    let root: URL
    static let flow = "stress"
    static let categories = ["billing", "shipping", "refund", "other"]

    var inbox: URL { root.appending(path: "inbox", directoryHint: .isDirectory) }
    var rejected: URL { root.appending(path: "rejected", directoryHint: .isDirectory) }
    var output: URL { root.appending(path: "output", directoryHint: .isDirectory) }
    var logs: URL { scratch.appending(path: "logs", directoryHint: .isDirectory) }
    var ledgerPath: String { root.appending(path: "jury.sqlite").path }

    /// Makes the folder and runs `jury init [--demo] --queue DIR`, then writes the `stress` flow.
    /// - Parameter team: the flow's team (the demo workforce has the one team `demo`; a normal queue `reviewers`).
    init(label: String, demo: Bool = true, team: String = "demo", taskCount: Int = 3) async throws {
        let base = FileManager.default.temporaryDirectory.appending(path: "jury-cli-tests", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        var template = Array(base.appending(path: "\(label)-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed in \(base.path)") }
        scratch = URL(filePath: String(cString: made), directoryHint: .isDirectory)
        root = scratch.appending(path: "queue", directoryHint: .isDirectory)
        try await jury(["init"] + (demo ? ["--demo"] : []) + ["--queue", root.path]).requireSuccess()
        try writeFlow(team: team, taskCount: taskCount)
    }

    /// A classification flow shaped like fixtures/demo/flows/tickets.json.
    func writeFlow(name: String = CLIQueue.flow, team: String, taskCount: Int) throws {
        try Self.flowDocument(name: name, team: team, taskCount: taskCount).write(to: root.appending(path: "flows/\(name).json"))
    }

    /// The flow file `writeFlow` writes.
    static func flowDocument(name: String = CLIQueue.flow, team: String, taskCount: Int) throws -> Data {
        let conditions = #"{"Conditions":[{"ConditionType":"ModelConfidenceCheck","ConditionParameters":{"ConfidencePath":"$.prediction.confidence","ConfidenceLessThan":0.8}}]}"#
        let flow: [String: Any] = [
            "FlowDefinitionName": name,
            "HumanLoopActivationConfig": ["HumanLoopActivationConditionsConfig": ["HumanLoopActivationConditions": conditions]],
            "HumanLoopConfig": [
                "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/\(team)",
                "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/\(name)",
                "TaskTitle": "Classify a support ticket", "TaskDescription": "Pick the category that fits best.",
                "TaskCount": taskCount, "TaskAvailabilityLifetimeInSeconds": 86400, "TaskTimeLimitInSeconds": 600,
                "TaskKeywords": ["support", "classification"],
            ],
            "OutputConfig": ["S3OutputPath": "s3://jury-tests/\(name)"],
            "RoleArn": "arn:aws:iam::111122223333:role/a2i",
            "Jury": [
                "TaskType": "classification", "Categories": Self.categories, "ConfidenceThreshold": 80,
                "ConfidencePath": "$.prediction.confidence", "ConfidenceScale": "fraction",
            ],
        ]
        return try JSONSerialization.data(withJSONObject: flow, options: [.prettyPrinted, .sortedKeys])
    }

    /// Drops `count` StartHumanLoop-shaped requests into the inbox (temporary dot-name, then rename, as the
    /// queue protocol asks producers to), named `PREFIX-00000`…; returns the loop names.
    @discardableResult
    func writeInbox(count: Int, prefix: String = "loop", flow: String = CLIQueue.flow) throws -> [String] {
        try (0..<count).map { index in
            let name = "\(prefix)-\(String(format: "%05d", index))"
            let confidence = Double(index % 70 + 5) / 100
            let input: [String: Any] = [
                "text": "Ticket \(index): my parcel arrived twice and I was charged twice — ¿reembolso? 請退款 🙏",
                "prediction": [
                    "label": Self.categories[index % Self.categories.count], "confidence": confidence,
                    "scores": [["label": "billing", "confidence": confidence], ["label": "other", "confidence": 1 - confidence]],
                ],
            ]
            let content = String(decoding: try JSONSerialization.data(withJSONObject: input, options: [.sortedKeys]), as: UTF8.self)
            let request: [String: Any] = [
                "HumanLoopName": name, "FlowDefinitionName": flow, "HumanLoopInput": ["InputContent": content],
                "DataAttributes": ["ContentClassifiers": ["FreeOfPersonallyIdentifiableInformation"]],
            ]
            try dropRaw(JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]), as: "\(name).json")
            return name
        }
    }

    /// Writes raw bytes into the inbox under `file` (via a dot-named temporary file and a rename), modified a
    /// minute ago (a file whose producer is done).
    func dropRaw(_ data: Data, as file: String) throws {
        let temporary = inbox.appending(path: ".\(file).tmp")
        try Self.create(temporary.path, holding: data)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: temporary.path)
        guard rename(temporary.path, inbox.appending(path: file).path) == 0 else {
            let code = errno
            throw HarnessError("rename into \(inbox.path) failed: errno \(code)")
        }
    }

    /// Creates `path` (which must not exist) holding `data`, by `open` and `write`, each failure
    /// naming its call and that call's errno; a file left incomplete is removed. No fsync: a test's
    /// inbox needs no durability.
    static func create(_ path: String, holding data: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw HarnessError("open \(path) failed: errno \(code)")
        }
        var failure: HarnessError?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                let code = errno
                if written < 0 && code == EINTR { continue }
                guard written > 0 else {
                    let why = written == 0 ? "wrote nothing" : "errno \(code)"
                    failure = HarnessError("write \(path) failed after \(offset) of \(bytes.count) bytes: \(why)")
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == nil {
            let code = errno
            failure = HarnessError("close \(path) failed: errno \(code)")
        }
        if let failure {
            unlink(path)
            throw failure
        }
    }

    /// Writes an answer file for the classification flow; returns its path.
    func answerFile(_ label: String = "billing") throws -> String {
        let url = scratch.appending(path: "answer-\(label).json")
        try Data(#"{"category": {"label": "\#(label)"}}"#.utf8).write(to: url)
        return url.path
    }

    /// Starts `jury ARGUMENTS --queue DIR` (the queue is appended unless `queue: false`), through `launcher`.
    func start(_ arguments: [String], queue: Bool = true, launcher: [String] = []) throws -> JuryProcess {
        try JuryProcess(arguments + (queue ? ["--queue", root.path] : []), logs: logs, launcher: launcher)
    }

    /// Runs `jury ARGUMENTS --queue DIR` to its end.
    func run(_ arguments: [String], queue: Bool = true) async throws -> JuryRun {
        try await start(arguments, queue: queue).wait()
    }

    private func jury(_ arguments: [String]) async throws -> JuryRun {
        try await JuryProcess(arguments, logs: logs).wait()
    }

    /// Removes the folder (kept when `JURY_KEEP_QUEUES` is set).
    func remove() {
        guard ProcessInfo.processInfo.environment["JURY_KEEP_QUEUES"] == nil else { return }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Opens the ledger with GRDB (read-only) for checks; close it (drop it) before running `jury` again.
    func openLedger() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: ledgerPath, configuration: configuration)
    }

    /// Every file under `folder` (recursively), as paths relative to it.
    func files(under folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appending(path: path).path, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }
}

extension JuryRun {
    /// Throws, with the whole run described, unless `jury` exited 0.
    @discardableResult
    func requireSuccess() throws -> JuryRun {
        guard succeeded else { throw HarnessError("expected success: \(self)") }
        return self
    }
}

// MARK: - Seeded randomness

/// SplitMix64: a small deterministic generator, so a trial's random delay follows from the seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - What the ledger and the output folder hold

/// The ledger's rows that the invariants are about, read with GRDB.
struct LedgerSnapshot {
    struct Loop {
        let name: String
        let status: String
        let taskCount: Int
        /// The `verdicts` and `claims` counters kept on the loop row.
        let verdictCounter: Int
        let claimCounter: Int
        let outputState: String
    }

    /// `PRAGMA integrity_check` rows (["ok"] when sound).
    var integrity: [String] = []
    /// `PRAGMA foreign_key_check` rows.
    var foreignKeyViolations = 0
    var loops: [String: Loop] = [:]
    /// Reviewers with a verdict, per loop name.
    var verdicts: [String: [String]] = [:]
    /// Reviewers holding a claim, per loop name.
    var claims: [String: [String]] = [:]
    /// (loop, reviewer) pairs with more than one verdict row.
    var duplicateVerdicts = 0
    var verdictRows: Int { verdicts.values.reduce(0) { $0 + $1.count } }

    static func read(_ queue: CLIQueue) throws -> LedgerSnapshot {
        let database = try queue.openLedger()
        return try database.read { db in
            var snapshot = LedgerSnapshot()
            snapshot.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            snapshot.foreignKeyViolations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            for row in try Row.fetchAll(db, sql: "SELECT name, status, task_count, verdicts, claims, output_state FROM loop") {
                let loop = Loop(name: row["name"], status: row["status"], taskCount: row["task_count"],
                                verdictCounter: row["verdicts"], claimCounter: row["claims"], outputState: row["output_state"])
                snapshot.loops[loop.name] = loop
            }
            for row in try Row.fetchAll(db, sql: "SELECT loop.name, reviewer FROM verdict JOIN loop ON loop.id = loop_id") {
                snapshot.verdicts[row["name"], default: []].append(row["reviewer"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT loop.name, reviewer FROM claim JOIN loop ON loop.id = loop_id") {
                snapshot.claims[row["name"], default: []].append(row["reviewer"])
            }
            snapshot.duplicateVerdicts = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT 1 FROM verdict GROUP BY loop_id, reviewer HAVING count(*) > 1)
                """) ?? 0
            return snapshot
        }
    }

    func hasVerdict(_ loop: String, by reviewer: String) -> Bool { verdicts[loop]?.contains(reviewer) ?? false }
}

/// The files under `QUEUE/output`: each `output.json` parsed, plus anything else found there.
struct OutputScan {
    struct Output {
        let path: String
        /// nil when the file is not a complete JSON object.
        let humanLoopName: String?
        let workerIds: [String]
    }

    /// Output files by the loop folder they are in (`…/LOOP/output.json`).
    var outputs: [String: [Output]] = [:]
    /// Files whose name starts with "." (temporary files a crash left behind).
    var temporaries: [String] = []
    /// Jury's extras (`jury.json`) beside the outputs.
    var extras: [String] = []
    /// Any other file.
    var strays: [String] = []
    var outputCount: Int { outputs.values.reduce(0) { $0 + $1.count } }

    static func read(_ queue: CLIQueue) -> OutputScan {
        var scan = OutputScan()
        for path in queue.files(under: queue.output) {
            let url = queue.output.appending(path: path)
            let name = url.lastPathComponent
            if name.hasPrefix(".") {
                scan.temporaries.append(path)
            } else if name == "output.json" {
                let object = (try? Data(contentsOf: url)).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
                let answers = object?["humanAnswers"] as? [[String: Any]] ?? []
                let output = Output(path: path, humanLoopName: object?["humanLoopName"] as? String,
                                    workerIds: answers.compactMap { $0["workerId"] as? String })
                scan.outputs[url.deletingLastPathComponent().lastPathComponent, default: []].append(output)
            } else if name == "jury.json" {
                scan.extras.append(path)
            } else {
                scan.strays.append(path)
            }
        }
        return scan
    }
}

/// The invariants every queue state reached after recovery must satisfy, as a list of broken ones.
///
/// Ledger integrity and foreign keys; counters equal to the rows; no (loop, reviewer) twice, nobody both
/// claiming and having answered; verdicts ≤ TaskCount (and verdicts + claims ≤ TaskCount while InProgress);
/// every Completed loop has TaskCount distinct verdicts, its output marked written and exactly one
/// complete, parseable output.json (at `jury-tests/stress/stress/…/LOOP/output.json`) with one
/// humanAnswer per verdict, by the same reviewers; no output for other loops; nothing but outputs and
/// dot-named temporary files in the output folder; no request file left in the inbox.
func invariantProblems(_ queue: CLIQueue, _ ledger: LedgerSnapshot, _ scan: OutputScan) -> [String] {
    var problems: [String] = []
    if ledger.integrity != ["ok"] { problems.append("integrity_check: \(ledger.integrity.prefix(5))") }
    if ledger.foreignKeyViolations > 0 { problems.append("\(ledger.foreignKeyViolations) foreign key violations") }
    if ledger.duplicateVerdicts > 0 { problems.append("\(ledger.duplicateVerdicts) duplicated (loop, reviewer) verdicts") }
    for loop in ledger.loops.values.sorted(by: { $0.name < $1.name }) {
        let reviewers = ledger.verdicts[loop.name] ?? []
        let claimers = ledger.claims[loop.name] ?? []
        let name = loop.name
        if reviewers.count != loop.verdictCounter { problems.append("\(name): \(reviewers.count) verdict rows, counter says \(loop.verdictCounter)") }
        if claimers.count != loop.claimCounter { problems.append("\(name): \(claimers.count) claim rows, counter says \(loop.claimCounter)") }
        if Set(reviewers).count != reviewers.count { problems.append("\(name): a reviewer has two verdicts: \(reviewers.sorted())") }
        if !Set(reviewers).isDisjoint(with: claimers) { problems.append("\(name): claimed by someone who already answered") }
        if reviewers.count > loop.taskCount { problems.append("\(name): \(reviewers.count) verdicts > TaskCount \(loop.taskCount)") }
        if loop.status == "InProgress", reviewers.count + claimers.count > loop.taskCount {
            problems.append("\(name): \(reviewers.count) verdicts + \(claimers.count) claims > TaskCount \(loop.taskCount)")
        }
        let outputs = scan.outputs[name] ?? []
        if loop.status == "Completed" {
            if reviewers.count != loop.taskCount { problems.append("\(name): Completed with \(reviewers.count) verdicts") }
            if loop.outputState != "written" { problems.append("\(name): Completed but output_state \(loop.outputState) after recovery") }
            if outputs.count != 1 { problems.append("\(name): Completed with \(outputs.count) output.json files") }
            for output in outputs {
                if output.humanLoopName != name { problems.append("\(output.path): not a complete output of \(name)") }
                if output.workerIds.sorted() != reviewers.sorted() {
                    problems.append("\(output.path): humanAnswers by \(output.workerIds.sorted()), ledger has \(reviewers.sorted())")
                }
                if !output.path.hasPrefix("jury-tests/\(CLIQueue.flow)/\(CLIQueue.flow)/") || !output.path.hasSuffix("/\(name)/output.json") {
                    problems.append("\(output.path): not where A2I's layout puts \(name)'s output")
                }
            }
        } else {
            if !outputs.isEmpty { problems.append("\(name): \(loop.status) but has output \(outputs.map(\.path))") }
            if loop.outputState != "none" { problems.append("\(name): \(loop.status) with output_state \(loop.outputState)") }
        }
    }
    for name in scan.outputs.keys.sorted() where ledger.loops[name] == nil { problems.append("output for unknown loop \(name)") }
    if !scan.strays.isEmpty { problems.append("unexpected files in output/: \(scan.strays.prefix(5))") }
    let inbox = queue.files(under: queue.inbox).filter { !$0.hasPrefix(".") }
    if !inbox.isEmpty { problems.append("\(inbox.count) request files still in the inbox after recovery: \(inbox.prefix(5))") }
    return problems
}

/// Every `verdict stored` line `reviewer`'s run printed must be in the ledger; returns the ones that are not.
func lostVerdicts(_ run: JuryRun, reviewer: String, in ledger: LedgerSnapshot) -> [String] {
    run.storedVerdicts.filter { !ledger.hasVerdict($0.loop, by: reviewer) || $0.count > $0.taskCount }
        .map { "\(reviewer) printed 'verdict stored: \($0.loop) \($0.count)/\($0.taskCount)' but the ledger disagrees" }
}

/// A test comment listing at most 20 problems.
func describe(_ problems: [String], context: String) -> Comment {
    Comment(rawValue: "\(context): \(problems.count) problems\n" + problems.prefix(20).joined(separator: "\n"))
}
