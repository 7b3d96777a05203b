import ArgumentParser
import Foundation
import JuryCanvas

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
            AggregateCommand.self, StatsCommand.self, ExportCommand.self, BenchCommand.self,
        ]
    )

    /// Runs the command; errors (which may quote task data: loop names, file contents) pass the sanitizer
    /// on their way to the terminal.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = Sanitizer.sanitize(fullMessage(for: error), mode: .multiline).description
            if !message.isEmpty {
                if code == .success { print(message) } else { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
