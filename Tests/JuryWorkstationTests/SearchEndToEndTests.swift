import Foundation
@testable import JuryCore
import JuryTestSupport
import Testing

/// The built `jury review` searched with `/` and driven by the mouse, in tmux as `TerminalEndToEndTests`.
@Suite("tmux search and mouse", .serialized, .enabled(if: Tmux.isAvailable))
struct SearchEndToEndTests {
    private func review(_ queue: QueueDirectory, _ extra: [String] = []) -> [String] {
        [Tmux.jury, "review", "--queue", queue.root.path, "--reviewer", "alice", "--no-advance"] + extra
    }

    @Test("/ filters the queue by a word of the task text and a confidence range; esc on the prompt brings every loop back")
    func searchFiltersAndClears() throws {
        let queue = try Tmux.demoQueue("search-e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(review(queue))
        try tmux.wait(for: "img-0001-mountain-landscape")
        try tmux.send("/")
        try tmux.wait(for: "Apply the search")
        try tmux.send("alcohol", literal: true)
        try tmux.send("Enter")
        // The frame is written row by row: the wait is for every row the search decides.
        var screen = try tmux.wait(what: "the alcohol loops") {
            $0.contains("Search: alcohol") && !$0.contains("img-0001-mountain-landscape") && $0.contains("img-0008-bar-counter")
                && $0.contains("img-0016-party-table") && !$0.contains("img-0002-birthday-cake")
        }
        #expect(screen.contains("img-0008-bar-counter") && screen.contains("img-0016-party-table"), "\(screen)")
        try tmux.send("/")
        try tmux.send(" conf:<0.6", literal: true)
        try tmux.send("Enter")
        screen = try tmux.wait(what: "the unsure alcohol loop") {
            $0.contains("Search: alcohol conf:<0.6") && !$0.contains("img-0008-bar-counter") && $0.contains("img-0016-party-table")
        }
        #expect(!screen.contains("img-0002-birthday-cake"), "\(screen)")
        try tmux.send("/")
        try tmux.send("Escape")
        // The frame is written row by row: wait for its last rows too, not only its first.
        screen = try tmux.wait(what: "the whole queue") {
            $0.contains("img-0001-mountain-landscape") && $0.contains("img-0018-app-screenshot") && !$0.contains("Search:")
                && $0.contains("img-0008-bar-counter") && $0.contains("img-0016-party-table")
        }
        #expect(screen.contains("img-0002-birthday-cake"), "\(screen)")
        try tmux.send("q")
        try tmux.waitForExit()
    }

    @Test("an SGR click selects a row, a second click opens it; a wheel report is taken as one, never typed")
    func mouseOpensARow() throws {
        let queue = try Tmux.demoQueue("mouse-e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(review(queue))
        try tmux.wait(for: "img-0001-mountain-landscape")
        // Rows 3, 4, 5 of the screen (1-based 4, 5, 6) hold the first three loops.
        try tmux.send("\u{1B}[<65;10;8M\u{1B}[<0;10;6M\u{1B}[<0;10;6m", literal: true)
        try tmux.send("\u{1B}[<0;10;6M\u{1B}[<0;10;6m", literal: true)
        let screen = try tmux.wait(for: "Label (x = applies)")
        #expect(screen.contains("img-0003-beach-volleyball"), "\(screen)")
    }
}
