import ArgumentParser
import Foundation
import JuryCore
import JuryJSON
import JuryService
import Synchronization

/// Runs `body(0)`…`body(count - 1)` each on a thread of its own (unlike `concurrentPerform`, which uses
/// one thread a core) and returns when all have returned.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread.detachNewThread {
            body(index)
            group.leave()
        }
    }
    group.wait()
}

struct BenchServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Claim and verdict round trips through the queue service (in-process and over its socket), concurrent clients "
            + "with group commit against one commit per verdict, and ingest through the service, beside plain baselines.")

    @Option(help: "Loops in the ledger.") var loops = 1_000_000
    @Option(help: "Round trips to time with one client.") var samples = 2_000
    @Option(parsing: .upToNextOption, help: "Concurrent client counts.") var clients = [64, 256]
    @Option(help: "Verdicts each concurrent client gives.") var verdictsPerClient = 20
    @Option(help: "Verdicts a second the open-loop phase offers in all, from the largest client count.") var offeredRate = 400.0
    @Option(help: "Inbox files for the ingest measurement.") var files = 20_000
    @Option(help: "Scratch folder (erased).") var dir = FileManager.default.temporaryDirectory.appending(path: "jury-bench-service").path
    @Option(help: "The socket server's worker threads (default: as `jury serve` runs).")
    var workerThreads = SocketServer.defaultWorkerThreads

    func run() throws {
        let root = URL(filePath: dir, directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        let queue = try BenchQueue(root: root.appending(path: "queue"), taskCount: 3, reviewers: ["*"])
        let fillSeconds = try stopwatch { try queue.fill(loops: loops) }
        print(String(format: "ledger filled with %d loops in %.1f s (not part of the figures)", loops, fillSeconds))
        print("baseline plain SQLite insert, own transaction, synchronous=FULL: \(try baselineCommits(at: root.appending(path: "baseline.sqlite"), samples: samples).summary)")
        let service = try QueueService(ledger: queue.ledger)
        try roundTrips(["a1", "a2", "a3"].map { InProcessTransport(service: service, actingAs: $0) }, label: "in-process")
        let socket = root.appending(path: "queue/jury.sock").path
        let server = try SocketServer(service: service, socketPath: socket, workerThreads: workerThreads)
        try roundTrips(try ["b1", "b2", "b3"].map { try SocketTransport(socketPath: socket, actingAs: $0) }, label: "socket    ")
        for count in clients { try concurrent(count, socket: socket, service: service) }
        try offered(clients.max() ?? 256, socket: socket, label: "group commit")
        server.close()
        service.shutdown()
        try oneCommitPerVerdict(queue, root: root)
        try ingest(queue, service: service, root: root)
    }

    /// Claim and durable verdict latency, one call at a time, three reviewers in turn (so that each loop
    /// completes, as in `jury-bench ledger`), through `transports` (one per reviewer). A verdict counts as
    /// completing when its receipt says it completed its loop (the earlier pass may have left one open).
    private func roundTrips(_ transports: [any ServiceTransport], label: String) throws {
        let clients = transports.map { QueueConnection(transport: $0) }
        var claims = Latencies(), verdicts = Latencies(), completing = Latencies()
        for index in 0..<samples {
            let client = clients[index % clients.count]
            guard let task = try claims.measure({ try client.claim(flow: nil, order: .oldestFirst) }) else { break }
            let start = DispatchTime.now().uptimeNanoseconds
            let receipt = try client.submit(loop: task.loopName, answer: Self.answer, timeSpentSeconds: nil)
            let microseconds = (DispatchTime.now().uptimeNanoseconds - start) / 1_000
            if receipt.completesLoop { completing.record(microseconds: microseconds) } else { verdicts.record(microseconds: microseconds) }
        }
        print("\(label) claim round trip:           \(claims.summary)  target p99 < 1 ms")
        print("\(label) durable verdict round trip: \(verdicts.summary)  target p99 < 2 ms")
        print("\(label) completing verdict (+ output.json written): \(completing.summary)")
    }

    /// `count` socket clients, each claiming and answering `verdictsPerClient` loops at once.
    private func concurrent(_ count: Int, socket: String, service: QueueService, label: String = "group commit") throws {
        let transports = try (0..<count).map { try SocketTransport(socketPath: socket, actingAs: "c\(count)-\($0)") }
        let commitsBefore = service.verdictCommits
        let (seconds, latencies) = try answerConcurrently(transports.map { QueueConnection(transport: $0) })
        let verdicts = count * verdictsPerClient
        print(String(format: "%3d clients, %@: %.0f verdicts/s (%d verdicts in %.2f s, %.1f verdicts per commit), verdict %@",
                     count, label, Double(verdicts) / seconds, verdicts, seconds,
                     Double(verdicts) / Double(max(1, service.verdictCommits - commitsBefore)), latencies.summary))
    }

    /// Runs every client on its own thread; returns the wall time and the verdict latencies.
    private func answerConcurrently(_ clients: [QueueConnection]) throws -> (Double, Latencies) {
        let perClient = verdictsPerClient
        return try Self.onClientThreads(clients.count) { index in try Self.answer(perClient, with: clients[index]) }
    }

    /// Runs `body(0)`…`body(count - 1)` each on a thread of its own; returns the wall time and the
    /// latencies (µs) they returned, all of them.
    /// - Throws: `ValidationError` naming the first client that failed.
    private static func onClientThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> [UInt64]) throws -> (Double, Latencies) {
        let samples = Mutex<[UInt64]>([])
        let failures = Mutex<[String]>([])
        let seconds = stopwatch {
            onThreads(count) { index in
                do {
                    let own = try body(index)
                    samples.withLock { $0 += own }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw ValidationError("a client failed: \(failure)") }
        var latencies = Latencies()
        for sample in samples.withLock({ $0 }) { latencies.record(microseconds: sample) }
        return (seconds, latencies)
    }

    /// Claims and answers `count` loops; returns each verdict's round trip, µs.
    private static func answer(_ count: Int, with client: QueueConnection) throws -> [UInt64] {
        try (0..<count).compactMap { _ in
            guard let task = try client.claim(flow: nil, order: .oldestFirst) else { return nil }
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try client.submit(loop: task.loopName, answer: Self.answer, timeSpentSeconds: nil)
            return (DispatchTime.now().uptimeNanoseconds - start) / 1_000
        }
    }

    /// The same concurrent load on a service that commits each verdict alone (the rate without group commit).
    private func oneCommitPerVerdict(_ queue: BenchQueue, root: URL) throws {
        let service = try QueueService(ledger: queue.ledger, maximumVerdictsPerCommit: 1)
        let socket = root.appending(path: "queue/single.sock").path
        let server = try SocketServer(service: service, socketPath: socket, workerThreads: workerThreads)
        defer { server.close(); service.shutdown() }
        for count in clients { try concurrent(count, socket: socket, service: service, label: "one commit per verdict") }
        try offered(clients.max() ?? 256, socket: socket, label: "one commit per verdict")
    }

    /// `count` clients at an offered load (open loop): each holds a task and gives its verdict at
    /// exponentially spaced times, `offeredRate` verdicts a second from all of them together, then
    /// claims its next task. A verdict's latency runs from the time it was due, not from when it was
    /// sent, so a client held up by an earlier call counts the wait too.
    private func offered(_ count: Int, socket: String, label: String) throws {
        let clients = try (0..<count).map { QueueConnection(transport: try SocketTransport(socketPath: socket, actingAs: "o\(count)-\($0)")) }
        let (perClient, meanGap) = (verdictsPerClient, Double(count) / offeredRate * 1e9)
        let (seconds, latencies) = try Self.onClientThreads(count) { index in
            var own: [UInt64] = []
            let gap = { UInt64(-log(1 - Double.random(in: 0..<1)) * meanGap) }
            var (task, due) = (try clients[index].claim(flow: nil, order: .oldestFirst), DispatchTime.now().uptimeNanoseconds + gap())
            while let held = task, own.count < perClient {
                let now = DispatchTime.now().uptimeNanoseconds
                if due > now { Thread.sleep(forTimeInterval: Double(due - now) / 1e9) }
                _ = try clients[index].submit(loop: held.loopName, answer: Self.answer, timeSpentSeconds: nil)
                own.append((DispatchTime.now().uptimeNanoseconds - due) / 1_000)
                (task, due) = (try clients[index].claim(flow: nil, order: .oldestFirst), due + gap())
            }
            return own
        }
        print(String(format: "%3d clients, %@, offered %.0f verdicts/s (open loop, %d verdicts in %.1f s): verdict from its due time %@",
                     count, label, offeredRate, latencies.count, seconds, latencies.summary))
    }

    /// `files` inbox files ingested by the service over its socket, beside the raw read + rename + insert rate.
    private func ingest(_ queue: BenchQueue, service: QueueService, root: URL) throws {
        let payloads = (0..<files).map { BenchQueue.request(loops + $0, bytes: 2_048).json.encoded() }
        let (rawSeconds, rawCPUSeconds) = try BenchIngestCommand.rawBaseline(payloads, folder: root.appending(path: "raw"))
        try BenchIngestCommand.write(payloads, into: queue.directory.inboxURL)
        sync()
        let socket = root.appending(path: "queue/ingest.sock").path
        let server = try SocketServer(service: service, socketPath: socket, workerThreads: 4)
        defer { server.close() }
        let client = QueueConnection(transport: try SocketTransport(socketPath: socket))
        var created = 0
        let cpuBefore = processCPUSeconds()
        let serviceSeconds = try stopwatch { created = try client.ingest().created }
        let serviceCPUSeconds = processCPUSeconds() - cpuBefore
        guard created == files else { throw ValidationError("the service ingested \(created) of \(files) files") }
        print(String(format: "raw baseline (read + rename + plain SQLite insert, batched): %.0f files/s (%.2f s, %.2f CPU s)",
                     Double(files) / rawSeconds, rawSeconds, rawCPUSeconds))
        print(String(format: "ingest through the service (one socket call):               %.0f loops/s (%.2f s, %.2f CPU s), %.2f of the raw rate (target >= 0.7)",
                     Double(files) / serviceSeconds, serviceSeconds, serviceCPUSeconds, rawSeconds / serviceSeconds))
    }

    static let answer: JSONValue = ["category": ["label": "billing"]]
}
