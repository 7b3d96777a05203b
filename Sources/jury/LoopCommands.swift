import ArgumentParser
import Foundation
import JuryCore
import JuryService

extension LoopStatus: ExpressibleByArgument {}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List human loops (A2I's ListHumanLoops).")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only loops of this flow.") var flow: String?
    @Option(help: "Only loops in this status (InProgress, Completed, Failed, Stopping, Stopped).") var status: LoopStatus?
    @Option(help: "Only loops created after this ISO 8601 time.") var createdAfter: String?
    @Option(help: "Only loops created before this ISO 8601 time.") var createdBefore: String?
    @Option(help: "Ascending or Descending creation time.") var sort = "Ascending"
    @Option(help: "Loops per page, 1 to 100.") var maxResults = 100
    @Option(help: "The token a previous page printed.") var nextToken: String?

    func run() throws {
        var query = LoopQuery()
        query.flow = flow
        query.status = status
        query.createdAfter = try createdAfter.map { try parseTime($0, option: "--created-after") }
        query.createdBefore = try createdBefore.map { try parseTime($0, option: "--created-before") }
        guard ["Ascending", "Descending"].contains(sort) else { throw ValidationError("--sort takes Ascending or Descending") }
        query.ascending = sort == "Ascending"
        query.maxResults = maxResults
        query.nextToken = nextToken
        let page = try queue.connect(as: identity).list(query)
        var json: [String: JSONValue] = ["HumanLoopSummaries": .array(page.loops.map(\.json))]
        if let token = page.nextToken { json["NextToken"] = .string(token) }
        let lines = page.loops.map {
            "\($0.name)  \($0.flow)  \($0.status.rawValue)  \(Timestamp.iso8601(milliseconds: $0.createdAt))\($0.failureReason.map { "  \($0)" } ?? "")"
        } + (page.nextToken.map { ["next page: --next-token \($0)"] } ?? [])
        output.emit(.object(json), text: lines.isEmpty ? "no human loops" : lines.joined(separator: "\n"))
    }
}

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show one human loop (A2I's DescribeHumanLoop).")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The human loop's name.") var loop: String

    func run() throws {
        let document = try queue.connect(as: identity).describe(loop: loop)
        output.emit(document, text: document.encodedString(pretty: true))
    }
}

/// A lead's action on one loop: `--queue`, the acting identity, the loop's name, and what to do.
protocol LoopActionCommand: ParsableCommand {
    var queue: QueueOptions { get }
    var identity: IdentityOptions { get }
    var loop: String { get }
    /// What the command asks the service to do.
    static var action: LoopAction { get }
}

extension LoopActionCommand {
    func run() throws {
        Console.say(try queue.connect(as: identity).perform(Self.action, loop: loop, reviewer: nil))
    }
}

struct StopCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a human loop (leads only; A2I's StopHumanLoop).")
    static let action = LoopAction.stop

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name.") var loop: String
}

struct DeleteCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a finished human loop (leads only; A2I's DeleteHumanLoop).")
    static let action = LoopAction.delete

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name.") var loop: String
}

struct ReopenCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Put a Failed loop back in the queue with a new lifetime (leads only).")
    static let action = LoopAction.reopen

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name.") var loop: String
}

struct AdjudicateCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjudicate", abstract: "Send an InProgress loop to adjudication: its last slot goes to a lead (leads only).")
    static let action = LoopAction.adjudicate

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name.") var loop: String
}
