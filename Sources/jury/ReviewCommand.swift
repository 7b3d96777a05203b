import ArgumentParser
import Foundation
import JuryCore
import JuryMedia
import JuryService
import JuryWorkstation

/// `jury review`: the reviewer workstation, a keyboard-first terminal UI (keys in README.md).
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Open the reviewer workstation: claim, review and answer tasks in the terminal.",
        discussion: "Keys are listed in README.md and on ? in every screen. NO_COLOR forces the monochrome theme.")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var theme: ThemeOptions
    @Option(help: "Only tasks of this flow.") var flow: String?
    @Option(help: "oldest (default) or lowest-confidence first.") var order = ClaimOrder.oldestFirst
    @Option(help: ArgumentHelp("Leads: seconds between refreshes of the dashboard pane (D), 0.1 to 86400.", valueName: "seconds"))
    var dashboardRefresh = 2.0
    @OptionGroup var pictures: GraphicsOptions
    @Flag(inversion: .prefixedNo, help: "After a verdict or a skip, open the next task at once (default); --no-advance goes back to the queue.")
    var advance = true
    @Flag(inversion: .prefixedNo, help: "Select and open queue rows with the mouse where the terminal reports it (default); --no-mouse (or JURY_NO_MOUSE=1) leaves the mouse to the terminal.")
    var mouse = true

    func validate() throws {
        try RefreshOption.check(dashboardRefresh, option: "--dashboard-refresh")
    }

    func run() throws {
        let session = ReviewSession(client: try queue.connect(as: identity), theme: theme.theme, flow: flow, order: order,
                                    dashboardRefreshSeconds: dashboardRefresh, advances: advance, graphics: pictures.graphics,
                                    mouse: mouse)
        if let note = try session.run() { Console.say(note) }
    }
}

/// `--graphics`, for the commands that open the workstation.
struct GraphicsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How pictures are drawn: auto, symbols, sixel, kitty, iterm or none (default: JURY_GRAPHICS, else auto).",
                               valueName: "mode"))
    var graphics: GraphicsMode?
}

extension GraphicsMode: ExpressibleByArgument {}
