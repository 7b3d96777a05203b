import ArgumentParser
import Foundation
import GRDB
import JuryCore

struct BenchIngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Ingest rate for N inbox files, beside a raw rename + SQLite insert baseline.")

    @Option(help: "Inbox files to ingest.") var files = 100_000
    @Option(help: "Bytes per file, about.") var bytes = 2_048
    @Option(help: "Scratch folder (erased).") var dir = FileManager.default.temporaryDirectory.appending(path: "jury-bench-ingest").path

    func run() throws {
        let root = URL(filePath: dir, directoryHint: .isDirectory)
        let queue = try BenchQueue(root: root.appending(path: "queue"), taskCount: 3)
        let payloads = (0..<files).map { BenchQueue.request($0, bytes: bytes).json.encoded() }
        print("files: \(files) of \(payloads.map(\.count).reduce(0, +) / max(files, 1)) bytes on average")

        let (rawSeconds, rawCPUSeconds) = try Self.rawBaseline(payloads, folder: root.appending(path: "raw"))
        try Self.write(payloads, into: queue.directory.inboxURL)
        sync()
        var created = 0
        let juryCPU = processCPUSeconds()
        let jurySeconds = try stopwatch { created = try Ingest(ledger: queue.ledger, flows: [queue.flow.name: queue.flow]).run().createdCount }
        let juryCPUSeconds = processCPUSeconds() - juryCPU
        guard created == files else { throw ValidationError("ingest created \(created) of \(files) loops") }

        let raw = Double(files) / rawSeconds
        let jury = Double(files) / jurySeconds
        print(String(format: "raw baseline (read + rename + plain SQLite insert, batched): %.0f files/s (%.2f s, %.2f CPU s)", raw, rawSeconds, rawCPUSeconds))
        print(String(format: "jury ingest (validate, evaluate, ledger, remove):            %.0f loops/s (%.2f s, %.2f CPU s)", jury, jurySeconds, juryCPUSeconds))
        print(String(format: "ratio: %.2f of the raw rate (target >= 0.50)", jury / raw))
    }

    static func write(_ payloads: [Data], into folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (index, payload) in payloads.enumerated() { try payload.write(to: folder.appending(path: "loop-\(index).json")) }
    }

    /// Reads each file, inserts it into a plain table (transactions of the ingest batch size) and renames it.
    /// - Returns: the wall and CPU seconds of that work (the files' writing beforehand not counted).
    static func rawBaseline(_ payloads: [Data], folder: URL) throws -> (seconds: Double, cpuSeconds: Double) {
        let inbox = folder.appending(path: "in")
        let done = folder.appending(path: "done")
        try? FileManager.default.removeItem(at: folder)
        try Self.write(payloads, into: inbox)
        try FileManager.default.createDirectory(at: done, withIntermediateDirectories: true)
        let database = try baselineDatabase(at: folder.appending(path: "raw.sqlite"))
        sync()
        let cpuBefore = processCPUSeconds()
        let seconds = try stopwatch {
            let names = try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
            for start in stride(from: 0, to: names.count, by: 256) {
                let batch = names[start..<min(start + 256, names.count)]
                try database.write { db in
                    for name in batch {
                        let body = try Data(contentsOf: inbox.appending(path: name))
                        try db.execute(sql: "INSERT INTO item(name, body) VALUES (?, ?)", arguments: [name, body])
                    }
                }
                for name in batch {
                    guard rename(inbox.appending(path: name).path, done.appending(path: name).path) == 0 else {
                        throw ValidationError("rename failed for \(name)")
                    }
                }
            }
        }
        return (seconds, processCPUSeconds() - cpuBefore)
    }
}
