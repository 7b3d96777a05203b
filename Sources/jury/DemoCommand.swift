import ArgumentParser
import Foundation
import JuryCore
import JuryWorkstation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create a fresh demo queue seeded from fixtures/demo and show it.")

    @Option(help: "Where to create the demo queue (default: a new temporary folder).") var queue: String?
    @Option(help: "The fixtures folder (default: fixtures/demo found from here or from the jury binary).") var fixtures: String?
    @Option(help: "Open the workstation as this reviewer when run in a terminal.") var reviewer = "alice"

    func run() throws {
        let source = try fixturesFolder()
        let root = queue.map { URL(filePath: $0, directoryHint: .isDirectory) }
            ?? FileManager.default.temporaryDirectory.appending(path: "jury-demo-\(getpid())", directoryHint: .isDirectory)
        let directory = QueueDirectory(root)
        let workforce = try Workforce.parse(try Data(contentsOf: source.appending(path: "workforce.json")))
        try Ledger.create(queue: directory, demo: true, workforce: workforce)
        try copyContents(of: source.appending(path: "flows"), to: directory.flowsURL)
        try copyContents(of: source.appending(path: "loops"), to: directory.inboxURL)
        let ledger = try Ledger(queue: directory)
        let report = try Ingest(ledger: ledger, flows: directory.loadFlows().flows).run()
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            let session = ReviewSession(ledger: ledger, reviewer: reviewer, theme: nil, flow: nil, order: .oldestFirst)
            if let note = try session.run() { print(note) }
        }
        print("demo queue at \(root.path): \(report.created.count) loops from \(source.path), \(report.rejected.count) rejected")
        print("try: JURY_QUEUE=\(root.path) jury review --reviewer alice (hiro for tickets and LLM answers); jury list; jury describe LOOP")
        for (flow, count) in try loopsPerFlow(ledger) { print("  \(flow): \(count) loops InProgress") }
    }

    private func fixturesFolder() throws -> URL {
        if let fixtures { return URL(filePath: fixtures, directoryHint: .isDirectory) }
        let starts = [URL(filePath: FileManager.default.currentDirectoryPath), URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for start in starts {
            var folder = start.standardizedFileURL
            while folder.path != "/" {
                let candidate = folder.appending(path: "fixtures/demo", directoryHint: .isDirectory)
                if FileManager.default.fileExists(atPath: candidate.appending(path: "workforce.json").path) { return candidate }
                folder = folder.deletingLastPathComponent()
            }
        }
        throw ValidationError("cannot find fixtures/demo; run from the Jury checkout or pass --fixtures PATH")
    }

    private func copyContents(of source: URL, to target: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() {
            try FileManager.default.copyItem(at: source.appending(path: name), to: target.appending(path: name))
        }
    }

    private func loopsPerFlow(_ ledger: Ledger) throws -> [(String, Int)] {
        var counts: [String: Int] = [:]
        var query = LoopQuery()
        query.status = .inProgress
        repeat {
            let page = try ledger.list(query)
            for loop in page.loops { counts[loop.flow, default: 0] += 1 }
            query.nextToken = page.nextToken
        } while query.nextToken != nil
        return counts.sorted { $0.key < $1.key }
    }
}
