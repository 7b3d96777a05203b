import ArgumentParser
import Foundation
import JuryCore
import JuryService

extension ClaimOrder: ExpressibleByArgument {}

struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "claim", abstract: "Claim the next task you may review.")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only tasks of this flow.") var flow: String?
    @Option(help: "oldest (default) or lowest-confidence first.") var order = ClaimOrder.oldestFirst

    func run() throws {
        let client = try queue.connect(as: identity)
        guard let task = try client.claim(flow: flow, order: order) else {
            let login = try client.profile().login
            output.emit(["Claimed": false], lines: ["nothing to claim for \(login)"])
            throw ExitCode(3)
        }
        let detail = try client.describe(loop: task.loopName)
        output.emit(
            ["Claimed": true, "HumanLoopName": .string(task.loopName), "FlowDefinitionName": .string(task.flow),
             "TaskType": .string(task.taskType.rawValue), "Reviewer": .string(task.reviewer), "Resumed": .bool(task.resumed),
             "LeaseExpiresAt": .string(Timestamp.iso8601(milliseconds: task.expiresAt)), "Loop": detail],
            lines: ["\(task.resumed ? "resumed" : "claimed") \(task.loopName) (\(task.flow), \(task.taskType.rawValue)) for \(task.reviewer); lease until \(Timestamp.iso8601(milliseconds: task.expiresAt))"])
    }
}

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Give a claimed task back (skip); a lead may end another reviewer's stuck claim with --of.")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name.") var loop: String
    @Option(help: "Leads: the reviewer whose claim to end.") var of: String?

    func run() throws {
        try queue.connect(as: identity).release(loop: loop, of: of)
        Console.say("released \(loop)\(of.map { " (claim of \($0))" } ?? "")")
    }
}

struct AnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer", abstract: "Submit a verdict without the TUI (for scripts).",
        discussion: """
            Either name a LOOP you claimed, or pass --next to claim and answer tasks in turn with the same answer. \
            With --amend, the answer replaces your own verdict on LOOP while the loop is still in progress (audited).
            """)

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name (omit with --next).") var loop: String?
    @Option(help: "The answerContent JSON file, or - for standard input.") var answer: String
    @Option(help: "Seconds spent, if fewer than since the claim (the default, and the most the service takes).") var timeSpent: Double?
    @Flag(help: "Claim the next task and answer it, repeatedly.") var next = false
    @Flag(help: "Replace your own verdict on LOOP (while the loop is in progress).") var amend = false
    @Option(help: "With --next: at most this many tasks (default: until none is left).") var count: Int?
    @Option(help: "With --next: only tasks of this flow.") var flow: String?

    func validate() throws {
        if next == (loop != nil) { throw ValidationError("give either a LOOP or --next") }
        if amend, next || timeSpent != nil { throw ValidationError("--amend takes a LOOP, without --next or --time-spent") }
        if let timeSpent, !(timeSpent.isFinite && timeSpent >= 0) { throw ValidationError("--time-spent must be a number of seconds, 0 or more") }
    }

    func run() throws {
        let client = try queue.connect(as: identity)
        let content = try readAnswer(answer)
        guard next else {
            report(try amend ? client.amend(loop: loop!, answer: content) : client.submit(loop: loop!, answer: content, timeSpentSeconds: timeSpent))
            return
        }
        var answered = 0
        while count.map({ answered < $0 }) ?? true, let task = try client.claim(flow: flow, order: .oldestFirst) {
            report(try client.submit(loop: task.loopName, answer: content, timeSpentSeconds: timeSpent))
            answered += 1
        }
        Console.say("\(try client.profile().login) answered \(answered) tasks")
    }

    private func report(_ receipt: VerdictReceipt) {
        let state = amend ? "amended" : receipt.alreadyStored ? "already stored" : "stored"
        let output = receipt.output.map { "; output \($0.path)" } ?? receipt.outputProblem.map { "; output pending (\($0)), the queue writes it later" } ?? ""
        Console.say("verdict \(state): \(receipt.loopName) \(receipt.verdicts)/\(receipt.taskCount) \(receipt.status.rawValue)\(output)")
        fflush(nil)
    }
}

struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Take back your own verdict on a loop that is still in progress (audited); its slot opens again.")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name.") var loop: String

    func run() throws {
        try queue.connect(as: identity).withdraw(loop: loop)
        Console.say("withdrew your verdict on \(loop)")
    }
}
