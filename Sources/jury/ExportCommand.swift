import ArgumentParser
import Foundation
import JuryCanvas
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

extension CorrectionFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write completed loops as corrections for retraining: JSON Lines, Crowd-Kit CSV or a Ground Truth manifest.",
        discussion: """
            Reads the completed loops in completion order, a page at a time, through the queue service; leads export \
            the loops of the teams they lead, the queue's owner every loop. --format jsonl writes one record per loop \
            (input, the model's prediction, the consensus, people's answer, what changed, agreement); crowdkit writes \
            worker,task,label rows for Crowd-Kit's aggregation methods; manifest writes a SageMaker Ground Truth-style \
            augmented manifest. With --output the file appears whole when the export ends, or not at all. See docs/export.md.
            """)

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Option(help: "jsonl, crowdkit or manifest.") var format = CorrectionFormat.jsonl
    @Option(help: "Only loops of this flow.") var flow: String?
    @Option(help: "Only loops completed after this ISO 8601 time.") var completedAfter: String?
    @Option(help: "Only loops completed before this ISO 8601 time.") var completedBefore: String?
    @Flag(help: "Only loops where people changed the model's answer.") var changedOnly = false
    @Option(help: "The manifest's label attribute (Ground Truth's LabelAttributeName).") var labelAttribute = "label"
    @Option(help: ArgumentHelp("Loops fetched per page, 1 to \(ExportQuery.maximumPageSize).", valueName: "n")) var pageSize = 500
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file, atomically (default: standard output).", valueName: "file"))
    var output: String?

    func validate() throws {
        if let problem = GroundTruthManifest.problem(with: labelAttribute) { throw ValidationError("--label-attribute \(labelAttribute) \(problem)") }
        if !(1...ExportQuery.maximumPageSize).contains(pageSize) { throw ValidationError("--page-size must be 1 to \(ExportQuery.maximumPageSize)") }
    }

    func run() throws {
        var query = ExportQuery()
        query.flow = flow
        query.completedAfter = try completedAfter.map { try parseTime($0, option: "--completed-after") }
        query.completedBefore = try completedBefore.map { try parseTime($0, option: "--completed-before") }
        query.changedOnly = changedOnly
        query.pageSize = pageSize
        let client = try queue.connect(as: identity)
        guard let output else {
            try CorrectionExport.run(client, query: query, format: format, labelAttribute: labelAttribute, write: Self.writeToStandardOutput)
            return
        }
        let file = try StreamedFile(URL(filePath: output))
        let count = try CorrectionExport.run(client, query: query, format: format, labelAttribute: labelAttribute, write: file.append)
        try file.commit()
        Console.say("exported \(count) loop\(count == 1 ? "" : "s") to \(output)")
    }

    /// Writes export text to standard output as it is, or sanitised when it is a terminal (task data may hold
    /// escape sequences that CSV keeps).
    /// - Throws: `ExitCode(141)`, quietly, when the reader has gone (`jury export | head`), as a process that
    ///   SIGPIPE ended; `JuryError.io` for any other failure.
    private static func writeToStandardOutput(_ text: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(Console.shownAsData(text).utf8))
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            if [error as NSError, underlying].contains(where: { $0?.domain == NSPOSIXErrorDomain && $0?.code == Int(EPIPE) }) {
                throw ExitCode(141)
            }
            throw JuryError.io("cannot write to standard output: \(error.localizedDescription)")
        }
    }
}
