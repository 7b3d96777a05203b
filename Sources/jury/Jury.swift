import ArgumentParser

/// `jury`: the command-line face of the engine.
@main
struct Jury: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jury",
        abstract: "Human review of machine-learning predictions, A2I-style, in a shared queue directory.",
        subcommands: [
            InitCommand.self, FlowCommand.self, SubmitCommand.self, IngestCommand.self, ListCommand.self,
            DescribeCommand.self, StopCommand.self, DeleteCommand.self, ReopenCommand.self, AdjudicateCommand.self, ClaimCommand.self, ReleaseCommand.self,
            AnswerCommand.self, PruneCommand.self, ServeCommand.self, DemoCommand.self, ReviewCommand.self, DashboardCommand.self, AggregateCommand.self, StatsCommand.self, BenchCommand.self,
        ]
    )
}
