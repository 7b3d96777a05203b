import ArgumentParser
import Foundation
import JuryCanvas
import JuryCore

/// `jury`: the command-line face of the engine.
@main
struct Jury: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jury",
        abstract: "Human review of machine-learning predictions, A2I-style, in a shared queue directory.",
        subcommands: [
            InitCommand.self, FlowCommand.self, SubmitCommand.self, IngestCommand.self, ListCommand.self,
            DescribeCommand.self, StopCommand.self, DeleteCommand.self, ReopenCommand.self, AdjudicateCommand.self, ClaimCommand.self, ReleaseCommand.self,
            AnswerCommand.self, WithdrawCommand.self, PruneCommand.self, ServeCommand.self, DemoCommand.self, ReviewCommand.self, DashboardCommand.self,
            AggregateCommand.self, StatsCommand.self, ExportCommand.self,
        ]
    )

    /// Runs the command; errors (which may quote task data: loop names, file contents) pass the sanitizer
    /// on their way to the terminal. Errors in the command line get ArgumentParser's message and usage;
    /// errors while running get their message alone, with no usage after them (a `ValidationError` thrown
    /// by `run` is about the input, not the command line), and Foundation's in words (`ErrorText`).
    static func main() {
        SQLiteSettings.applyBeforeFirstConnection()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            finish(exitCode(for: error), fullMessage(for: error))
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            finish(exitCode(for: error), "Error: \(error.message)", quotesData: true)
        } catch {
            finish(exitCode(for: error), ErrorText.isFoundation(error) ? "Error: " + ErrorText.describe(error) : fullMessage(for: error),
                   quotesData: true)
        }
    }

    /// Prints `message` (to stdout for a successful exit such as --help, else stderr) and exits with `code`.
    /// - Parameter quotesData: the message may quote what a command read (a value, a file's text):
    ///   its lines after the first are indented, so a newline in that data cannot print a line that
    ///   looks like one of the command's own.
    private static func finish(_ code: ExitCode, _ message: String, quotesData: Bool = false) -> Never {
        var text = Sanitizer.sanitize(message, mode: .multiline).description
        if quotesData { text = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ") }
        if !text.isEmpty {
            if code == .success { print(text) } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        }
        Foundation.exit(code.rawValue)
    }
}
