import ArgumentParser
import Foundation
import JuryCore
import JuryJSON
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
        let table = TextTable(header: ["NAME", "FLOW", "STATUS", "CREATED", "FAILURE"], rows: page.loops.map {
            [$0.name, $0.flow, $0.status.rawValue, Timestamp.iso8601(milliseconds: $0.createdAt), $0.failureReason ?? ""]
        })
        let lines = table.lines + (page.nextToken.map { ["next page: --next-token \($0)"] } ?? [])
        output.emit(.object(json), lines: page.loops.isEmpty ? ["no human loops"] : lines)
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
        output.emit(document, lines: DescribeText.lines(document))
    }
}

/// What a lead's action on one loop takes: `--queue`, the acting identity, and the loop's name.
struct LoopActionOptions: ParsableArguments {
    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Argument(help: "The human loop's name.") var loop: String
}

/// A lead's action on one loop (stop, delete, reopen, adjudicate): the shared options and what to do.
protocol LoopActionCommand: ParsableCommand {
    var target: LoopActionOptions { get }
    /// What the command asks the service to do.
    static var action: LoopAction { get }
}

extension LoopActionCommand {
    func run() throws {
        Console.say(try target.queue.connect(as: target.identity).perform(Self.action, loop: target.loop, reviewer: nil))
    }
}

struct StopCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop a human loop (leads only; A2I's StopHumanLoop).")
    static let action = LoopAction.stop
    @OptionGroup var target: LoopActionOptions
}

struct DeleteCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a finished human loop (leads only; A2I's DeleteHumanLoop).")
    static let action = LoopAction.delete
    @OptionGroup var target: LoopActionOptions
}

struct ReopenCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Put a Failed loop back in the queue with a new lifetime (leads only).")
    static let action = LoopAction.reopen
    @OptionGroup var target: LoopActionOptions
}

struct AdjudicateCommand: LoopActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjudicate", abstract: "Send an InProgress loop to adjudication: its last slot goes to a lead (leads only).")
    static let action = LoopAction.adjudicate
    @OptionGroup var target: LoopActionOptions
}

/// `jury describe` for people: one "Key: value" line per member (by key), nested members indented under their
/// key, arrays item by item; `--json` prints the document itself.
enum DescribeText {
    static func lines(_ value: JSONValue, indent: String = "") -> [String] {
        switch value {
        case .object(let members):
            return members.sorted { $0.key < $1.key }.flatMap { key, member in
                scalar(member).map { ["\(indent)\(key): \($0)"] } ?? ["\(indent)\(key):"] + lines(member, indent: indent + "  ")
            }
        case .array(let items):
            return items.flatMap { item in scalar(item).map { ["\(indent)- \($0)"] } ?? ["\(indent)-"] + lines(item, indent: indent + "  ") }
        default:
            return scalar(value).map { [indent + $0] } ?? []
        }
    }

    /// The text of a value that fits on its key's line (nil for an object or a non-empty array).
    private static func scalar(_ value: JSONValue) -> String? {
        switch value {
        case .object(let members): members.isEmpty ? "{}" : nil
        case .array(let items): items.isEmpty ? "[]" : nil
        case .string(let text): text
        default: value.encodedString(pretty: false)
        }
    }
}
