import Foundation
@testable import JuryCore
import JuryTestSupport
import Testing

/// The built `jury review` refusing terminals it cannot serve, reading keys as a terminal sends them, and
/// drawing what a curses cell cannot hold: in tmux, as `TerminalEndToEndTests`.
@Suite("tmux terminal input", .serialized, .enabled(if: Tmux.isAvailable))
struct TerminalInputEndToEndTests {
    /// `jury review` in a shell that prints its exit status and stays, so the message can be read.
    private func reviewShowingExit(_ queue: QueueDirectory) -> [String] {
        ["sh", "-c", "\"$0\" \"$@\"; echo \"exit $?\"; sleep 30", Tmux.jury, "review", "--queue", queue.root.path, "--reviewer", "alice"]
    }

    @Test("a locale that is not UTF-8 is refused with what to set, and TERM=dumb as one that cannot place the cursor, before the screen opens",
          arguments: [(["LC_ALL": "C"], ["not UTF-8", "LC_ALL=C.UTF-8"]), (["LC_ALL": "", "LANG": "POSIX"], ["not UTF-8", "LC_ALL=C.UTF-8"]),
                      (["TERM": "dumb"], ["terminal type \"dumb\" cannot place the cursor"])])
    func refused(environment: [String: String], phrases: [String]) throws {
        let queue = try Tmux.demoQueue("input-e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(reviewShowingExit(queue), environment: environment)
        let screen = try tmux.wait(for: "exit ")
        for phrase in phrases { #expect(screen.contains(phrase), "\(screen)") }
        #expect(!screen.contains("exit 0"))
    }

    @Test("Home as tmux sends it (ESC [ 1 ~) moves the cursor instead of typing 1~; ESC and b together are alt-b")
    func sequencesInAField() throws {
        let queue = try Tmux.demoQueue("input-e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start([Tmux.jury, "review", "--queue", queue.root.path, "--reviewer", "alice"])
        try tmux.wait(for: "Jury · review queue")
        try tmux.send("f", "n")
        try tmux.wait(for: "Confidence")
        try tmux.send("e", "C-u")
        try tmux.send("ab cd", literal: true)
        try tmux.wait(for: ": ab cd")
        try tmux.send("Home")
        try tmux.send("X", literal: true)
        try tmux.wait(for: ": Xab cd")
        try tmux.send("End")
        try tmux.send("\u{1B}b", literal: true)
        try tmux.send("Y", literal: true)
        let screen = try tmux.wait(for: ": Xab Ycd")
        #expect(!screen.contains("1~") && !screen.contains("4~"))
    }

    @Test("an emoji ZWJ sequence in task text shows whole, not cut to its first person")
    func joinedEmoji() throws {
        let queue = try Tmux.demoQueue("input-e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let prediction = queue.root.appending(path: "zwj.json")
        try Data(#"{"text": "Family 👨‍👩‍👧 and coder 👩‍💻 here", "prediction": {"label": "billing", "confidence": 0.3}}"#.utf8).write(to: prediction)
        try Tmux.run([Tmux.jury, "submit", "--queue", queue.root.path, "--flow", "tickets", "--name", "zwj-1", prediction.path])
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start([Tmux.jury, "review", "--queue", queue.root.path, "--reviewer", "hiro", "--flow", "tickets"])
        try tmux.wait(for: "Jury · review queue")
        try tmux.send("G", "Enter")
        try tmux.wait(for: "zwj-1")
        let screen = try tmux.wait(for: "Family 👨‍👩‍👧 and coder 👩‍💻 here")
        #expect(!screen.contains("Family 👨 and"))
    }
}
