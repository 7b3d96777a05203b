import ArgumentParser
import Foundation
import JuryCore
import JuryService
import JuryWorkstation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create a fresh demo queue seeded from fixtures/demo and show it.")

    @Option(help: "Where to create the demo queue (default: a new temporary folder).") var queue: String?
    @Option(help: "The fixtures folder (default: fixtures/demo found from here or from the jury binary).") var fixtures: String?
    @Option(help: "Open the workstation as this reviewer when run in a terminal.") var reviewer = "alice"
    @OptionGroup var pictures: GraphicsOptions

    func run() throws {
        let source = try fixturesFolder()
        let root = queue.map { URL(filePath: $0, directoryHint: .isDirectory) }
            ?? FileManager.default.temporaryDirectory.appending(path: "jury-demo-\(getpid())", directoryHint: .isDirectory)
        let directory = QueueDirectory(root)
        let workforce = try Workforce.parse(try Data(contentsOf: source.appending(path: "workforce.json")))
        let objects = source.deletingLastPathComponent().appending(path: "media/objects", directoryHint: .isDirectory)
        try Ledger.create(queue: directory, demo: true, workforce: workforce, settings: [QueueService.objectRootSetting: objects.path])
        try copyContents(of: source.appending(path: "flows"), to: directory.flowsURL)
        try copyContents(of: source.appending(path: "loops"), to: directory.inboxURL)
        let service = try QueueEndpoint.openInProcess(directory)
        let client = QueueConnection(transport: InProcessTransport(service: service, actingAs: reviewer))
        let report = try client.ingest()
        if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            let session = ReviewSession(client: client, theme: nil, flow: nil, order: .oldestFirst, graphics: pictures.graphics)
            if let note = try session.run() { Console.say(note) }
        }
        Console.say("demo queue at \(root.path): \(report.created) loops from \(source.path), \(report.rejectedCount) rejected")
        Console.say("try: JURY_QUEUE=\(root.path) jury review --reviewer alice (hiro for tickets and LLM answers); jury list; jury describe LOOP")
        for (flow, count) in try loopsPerFlow(client) { Console.say("  \(flow): \(count) loops InProgress") }
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

    private func loopsPerFlow(_ client: QueueConnection) throws -> [(String, Int)] {
        var counts: [String: Int] = [:]
        var query = LoopQuery()
        query.status = .inProgress
        repeat {
            let page = try client.list(query)
            for loop in page.loops { counts[loop.flow, default: 0] += 1 }
            query.nextToken = page.nextToken
        } while query.nextToken != nil
        return counts.sorted { $0.key < $1.key }
    }
}
