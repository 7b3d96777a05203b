import ArgumentParser
import Foundation
import JuryCore
import JuryService
import JuryWorkstation

/// The refresh interval options' rule.
enum RefreshOption {
    /// - Throws: `ValidationError` unless `seconds` is from 0.1 to a day.
    static func check(_ seconds: Double, option: String) throws {
        guard (0.1...86_400).contains(seconds) else { throw ValidationError("\(option) must be from 0.1 to 86400 seconds (a day)") }
    }
}

/// `jury dashboard`: the lead dashboard, full screen, refreshed live (keys in README.md).
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard", abstract: "Open the lead dashboard: queue depth, throughput, workforce and alerts, live.",
        discussion: "For team leads only. Figures are described in docs/dashboard.md; keys on ? and in README.md.")

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var theme: ThemeOptions
    @Option(help: ArgumentHelp("Seconds between refreshes (0.1 to 86400).", valueName: "seconds")) var refresh = 2.0

    func validate() throws {
        try RefreshOption.check(refresh, option: "--refresh")
    }

    func run() throws {
        let session = DashboardSession(client: try queue.connect(as: identity), theme: theme.theme, refreshSeconds: refresh)
        if let note = try session.run() { Console.say(note) }
    }
}
