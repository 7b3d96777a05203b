import ArgumentParser
import Foundation
import JuryCore
import JuryJSON
import JuryService

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create a queue directory and its ledger.",
        discussion: "A shared queue is made by its owner (the service's account) and served by `jury serve`; see docs/deployment.md.")

    @OptionGroup var queue: QueueOptions
    @Flag(help: "A demo queue: anyone may act as any reviewer with --reviewer, and everyone is in one team.")
    var demo = false
    @Flag(help: "A shared queue: private to you (the service's account); producers may drop files, consumers read outputs.")
    var shared = false
    @Option(help: ArgumentHelp("With --shared: the group that may add files to inbox/.", valueName: "group")) var producers: String?
    @Option(help: ArgumentHelp("With --shared: the group that may read output/.", valueName: "group")) var consumers: String?
    @Flag(help: "Start an empty ledger although the folders hold files of an earlier one.") var overExistingFiles = false
    @Option(help: ArgumentHelp("The region in the queue's ARNs (A2I API, outputs).", valueName: "region")) var arnRegion = ARNScheme.defaultRegion
    @Option(help: ArgumentHelp("The 12-digit account in the queue's ARNs.", valueName: "account")) var arnAccount = ARNScheme.defaultAccount

    func validate() throws {
        if let problem = ARNScheme.problem(region: arnRegion, account: arnAccount) { throw ValidationError(problem) }
        if demo && shared { throw ValidationError("a queue is either --demo or --shared") }
        if shared != (producers != nil && consumers != nil) || (!shared && (producers != nil || consumers != nil)) {
            throw ValidationError("--shared needs --producers GROUP and --consumers GROUP, and they need --shared")
        }
    }

    func run() throws {
        let directory = try queue.directory()
        let owner = Caller.currentProcess().login
        let workforce = demo
            ? Workforce(teams: [Workforce.Team(name: "demo", reviewers: ["*"], leads: ["*"])])
            : Workforce(teams: [Workforce.Team(name: "reviewers", reviewers: [owner], leads: [owner])])
        let arnSettings = [ARNScheme.regionSetting: arnRegion, ARNScheme.accountSetting: arnAccount]
        let settings = (shared ? ["shared": "1", "producers": producers!, "consumers": consumers!] : [:]).merging(arnSettings) { $1 }
        if shared {
            try QueueLayout.checkGroups(producers: producers!, consumers: consumers!)
            umask(0o077)
        }
        try Ledger.create(queue: directory, demo: demo, workforce: workforce, settings: settings, overExistingFiles: overExistingFiles)
        if shared { try QueueLayout(queue: directory).share(producers: producers!, consumers: consumers!) }
        Console.say("queue ready at \(directory.root.path)\(demo ? " (demo)" : shared ? " (shared: start `jury serve --queue \(directory.root.path)`)" : ""); add flows to \(directory.flowsURL.path)")
    }
}

struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flow", abstract: "Work with flow definitions.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a flow file; report every problem with its JSON path.",
            discussion: """
                A flow without a Jury block takes its worker template from beside it (FLOW.liquid or .html, or the \
                name its HumanTaskUiArn ends in), or, for a file in a queue's flows/, from the queue's templates/ \
                (where CreateHumanTaskUi stores them). Exits 1 when the flow is unusable, or usable by Jury but \
                refused by A2I's CreateFlowDefinition (an a2i problem).
                """)

        @Argument(help: "The flow definition file.") var file: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            let document: JSONValue
            do {
                document = try JSONValue.parse(try readInput(file))
            } catch let error as JSONReadError {
                throw ValidationError("\(file): \(error.description)")
            }
            let template = file == "-" ? nil : WorkerTemplate.file(besideFlow: URL(filePath: file), document: document,
                                                                   store: Self.queueTemplates(of: URL(filePath: file)))
            let check = FlowDefinition.check(document, template: template)
            let problems = JSONValue.array(check.problems.map {
                ["path": .string($0.path.description), "reason": .string($0.reason), "severity": .string($0.severity.rawValue)]
            })
            let verdict = check.flow.map { flow in
                "\(file): flow \(flow.name) is valid (\(flow.taskType.rawValue), TaskCount \(flow.taskCount))"
                    + (check.isValidForA2I ? "" : "; Jury loads it, but A2I would refuse it")
            } ?? "\(file): invalid"
            output.emit(["valid": .bool(check.flow != nil), "validForA2I": .bool(check.isValidForA2I), "problems": problems],
                        lines: [verdict] + check.problems.map { "  \($0.severity.rawValue): \($0)" })
            if !check.isValidForA2I { throw ExitCode(1) }
        }

        /// The task templates of the queue whose `flows/` holds `file` (CreateHumanTaskUi's store), as the
        /// queue reads them for its flows; nil for a flow file elsewhere.
        static func queueTemplates(of file: URL) -> URL? {
            let folder = file.standardizedFileURL.deletingLastPathComponent()
            guard folder.lastPathComponent == "flows" else { return nil }
            return QueueDirectory(folder.deletingLastPathComponent()).templatesURL
        }
    }
}

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Move inbox files into the ledger.")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let summary = try queue.connect(as: identity).ingest()
        for flow in summary.brokenFlows { Console.warn("warning: \(flow)") }
        func list(_ refusals: [IngestSummary.Refusal]) -> JSONValue {
            .array(refusals.map { ["file": .string($0.file), "reason": .string($0.reason)] })
        }
        func unlisted(_ count: Int, _ listed: Int, _ place: String) -> [String] {
            count > listed ? ["  and \(count - listed) more \(place)"] : []
        }
        output.emit(["created": .number(Double(summary.created)), "duplicates": .number(Double(summary.duplicates)),
                     "rejectedCount": .number(Double(summary.rejectedCount)), "rejected": list(summary.rejected),
                     "leftCount": .number(Double(summary.leftCount)), "left": list(summary.left)],
                    lines: ["ingested \(summary.created) new, \(summary.duplicates) already known, \(summary.rejectedCount) rejected"
                            + (summary.leftCount == 0 ? "" : ", \(summary.leftCount) left in the inbox for later")]
                        + summary.rejected.map { "  rejected \($0.file): \($0.reason)" }
                        + unlisted(summary.rejectedCount, summary.rejected.count, "rejected, each with its reason in rejected/")
                        + summary.left.map { "  left \($0.file): \($0.reason)" }
                        + unlisted(summary.leftCount, summary.left.count, "left in the inbox"))
    }
}

struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Remove ingested request files older than some days (leads only; the ledger keeps their input).")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Option(help: "Remove files ingested more than this many days ago.") var olderThanDays: Double = 7

    func validate() throws {
        guard olderThanDays >= 0, olderThanDays.isFinite else { throw ValidationError("--older-than-days must be 0 or more") }
    }

    func run() throws {
        let removed = try queue.connect(as: identity).prune(olderThanDays: olderThanDays)
        Console.say("removed \(removed) ingested files older than \(olderThanDays) days")
    }
}
