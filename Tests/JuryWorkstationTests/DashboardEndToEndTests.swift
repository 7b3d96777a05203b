import Foundation
@testable import JuryCore
import JuryTestSupport
import Testing

/// The built `jury dashboard` in a real terminal (tmux at 120x40, xterm-256color, C.UTF-8, UTC):
/// a reviewer answers from another terminal and the lead's dashboard shows it within one refresh.
@Suite("Dashboard tmux end to end", .serialized, .enabled(if: Tmux.isAvailable))
struct DashboardEndToEndTests {
    /// The words of the dashboard line for `name` (a reviewer or a flow).
    private func row(_ screen: String, _ name: String) -> [Substring] {
        screen.split(separator: "\n").first { $0.hasPrefix(" \(name) ") }?.split(separator: " ") ?? []
    }

    /// Word `index` of the line for `name`; nil when the screen has no such line or word (yet).
    private func word(_ screen: String, _ name: String, _ index: Int) -> Substring? {
        let words = row(screen, name)
        return words.indices.contains(index) ? words[index] : nil
    }

    /// How soon the verdict shows (at the first tick a refresh interval on) is `DashboardUpdateTests.shownAtNextRefresh`'s
    /// to check, on a manual clock; here the real binary shows it at all.
    @Test("hiro answers a ticket; lena's dashboard (--refresh 1) shows his verdict and the claim count")
    func liveRefresh() throws {
        let queue = try Tmux.demoQueue("dash-e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let lead = Tmux()
        defer { lead.kill() }
        try lead.start([Tmux.jury, "dashboard", "--queue", queue.root.path, "--reviewer", "lena", "--refresh", "1"], columns: 120, rows: 40)
        let before = try lead.wait(timeout: 30, what: "hiro's and the tickets' rows") { word($0, "hiro", 1) != nil && word($0, "tickets", 2) != nil }
        #expect(word(before, "hiro", 1) == "0" && word(before, "tickets", 2) == "0")

        let answer = queue.root.appending(path: "answer.json")
        try Data(#"{"category": {"label": "billing"}}"#.utf8).write(to: answer)
        let reviewer = Tmux()
        defer { reviewer.kill() }
        try reviewer.start([Tmux.jury, "answer", "--queue", queue.root.path, "--reviewer", "hiro", "--next", "--count", "1",
                            "--flow", "tickets", "--answer", answer.path])
        try reviewer.waitForExit()
        try Tmux.run([Tmux.jury, "claim", "--queue", queue.root.path, "--reviewer", "bob", "--flow", "tickets"])
        let after = try lead.wait(timeout: 30, what: "hiro's verdict and bob's claim") { word($0, "hiro", 1) == "1" && word($0, "tickets", 2) == "1" }
        #expect(after.contains("claim of bob ends in"))

        try lead.send("q")
        try lead.waitForExit()
    }

    @Test("lena finds the ticket bob holds by the start of its name: its claim and audit trail show, and O on it says why not")
    func findALoop() throws {
        let queue = try Tmux.demoQueue("dash-find")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let claimed = try Tmux.run([Tmux.jury, "claim", "--queue", queue.root.path, "--reviewer", "bob", "--flow", "tickets"])
        let held = try #require(claimed.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).first { $0.hasPrefix("ticket-") })
        let lead = Tmux()
        defer { lead.kill() }
        try lead.start([Tmux.jury, "dashboard", "--queue", queue.root.path, "--reviewer", "lena", "--refresh", "5"], columns: 120, rows: 40)
        _ = try lead.wait(for: "Needs a lead")
        try lead.send("F")
        _ = try lead.wait(for: "Find loop (name or its start):")
        try lead.send("ticket-", literal: true)
        try lead.send("Enter")
        _ = try lead.wait(for: "Found")
        try lead.send("Escape")
        // Apart, so that the terminal does not read Escape and F as one Alt-F.
        _ = try lead.wait(timeout: 30, what: "the find closed") { !$0.contains("Found") }
        try lead.send("F")
        _ = try lead.wait(for: "Find loop (name or its start):")
        try lead.send(String(held), literal: true)
        try lead.send("Enter")
        let trail = try lead.wait(for: "audit trail, oldest first")
        #expect(trail.contains("Held by bob"), "\(trail)")
        #expect(trail.contains(" claim ") && trail.contains("team support"))
        try lead.send("O")
        _ = try lead.wait(for: "only Failed loops reopen")
        try lead.send("Escape")
        _ = try lead.wait(for: "Needs a lead")
        try lead.send("q")
        try lead.waitForExit()
    }

    /// The shell prints the exit status and stays, so the message can be read; the window is wide enough
    /// for the workforce file's path to stay on one line.
    @Test("a reviewer who leads no team is refused with a message naming the workforce file, and exit status 1")
    func refused() throws {
        let queue = try Tmux.demoQueue("dash-e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(["sh", "-c", "\"$0\" \"$@\"; echo \"exit $?\"; sleep 30", Tmux.jury, "dashboard", "--queue", queue.root.path,
                        "--reviewer", "alice"], columns: 400)
        let screen = try tmux.wait(for: "exit ")
        #expect(screen.contains("the dashboard is for team leads; alice leads no team in \(queue.workforceURL.path)"), "\(screen)")
        #expect(screen.split(separator: "\n").contains("exit 1"), "\(screen)")
    }
}
