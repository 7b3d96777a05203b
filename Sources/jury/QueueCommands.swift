import ArgumentParser
import Foundation
import JuryCore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a queue directory and its ledger.")

    @OptionGroup var queue: QueueOptions
    @Flag(help: "A demo queue: anyone may act as any reviewer with --reviewer, and everyone is in one team.")
    var demo = false

    func run() throws {
        let directory = try queue.directory()
        let workforce = demo
            ? Workforce(teams: [Workforce.Team(name: "demo", reviewers: ["*"], leads: ["*"])])
            : Workforce(teams: [Workforce.Team(name: "reviewers", reviewers: [LoginName.current()], leads: [LoginName.current()])])
        try Ledger.create(queue: directory, demo: demo, workforce: workforce)
        print("queue ready at \(directory.root.path)\(demo ? " (demo)" : ""); add flows to \(directory.flowsURL.path)")
    }
}

struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flow", abstract: "Work with flow definitions.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate a flow file; report every problem with its JSON path.")

        @Argument(help: "The flow definition file.") var file: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            let document: JSONValue
            do {
                document = try JSONValue.parse(try readInput(file))
            } catch let error as JSONReadError {
                throw ValidationError("\(file): \(error.description)")
            }
            let check = FlowDefinition.check(document)
            let problems = JSONValue.array(check.problems.map {
                ["path": .string($0.path.description), "reason": .string($0.reason), "severity": .string($0.severity.rawValue)]
            })
            let verdict = check.flow.map { "\(file): flow \($0.name) is valid (\($0.taskType.rawValue), TaskCount \($0.taskCount))" }
                ?? "\(file): invalid"
            output.emit(["valid": .bool(check.flow != nil), "problems": problems],
                        text: ([verdict] + check.problems.map { "  \($0.severity.rawValue): \($0)" }).joined(separator: "\n"))
            if check.flow == nil { throw ExitCode(1) }
        }
    }
}

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Move inbox files into the ledger.")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let ledger = try queue.openLedger()
        let (flows, broken) = ledger.queue.loadFlows()
        for flow in broken { FileHandle.standardError.write(Data("warning: \(flow)\n".utf8)) }
        let report = try Ingest(ledger: ledger, flows: flows).run()
        try ledger.writePendingOutputs()
        let rejected = JSONValue.array(report.rejected.map { ["file": .string($0.file), "reason": .string($0.rejection.description)] })
        output.emit(["created": .number(Double(report.created.count)), "duplicates": .number(Double(report.duplicates.count)),
                     "rejected": rejected],
                    text: (["ingested \(report.created.count) new, \(report.duplicates.count) already known, \(report.rejected.count) rejected"]
                        + report.rejected.map { "  rejected \($0.file): \($0.rejection)" }).joined(separator: "\n"))
    }
}

struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Remove ingested request files older than some days (leads only; the ledger keeps their input).")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Option(help: "Remove files ingested more than this many days ago.") var olderThanDays: Double = 7

    func run() throws {
        let ledger = try queue.openLedger()
        let actor = try identity.identity(in: ledger)
        guard ledger.workforce.isLead(actor) else { throw JuryError.forbidden("only leads may prune the queue; \(actor) is not one") }
        guard olderThanDays >= 0 else { throw ValidationError("--older-than-days must be 0 or more") }
        let removed = try ledger.queue.pruneIngested(before: Date().addingTimeInterval(-olderThanDays * 86_400))
        print("removed \(removed) ingested files older than \(olderThanDays) days")
    }
}
