import Foundation
import JuryTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `jury review` on a pseudo-terminal, ended by a signal: the terminal is given back (the
/// alternate screen left, line mode restored) and the process dies of that signal, even when the
/// terminal has stopped reading (a frozen ssh session) and every write to it blocks.
@Suite("pseudo-terminal end to end: ending signals", .serialized)
struct ExitSignalEndToEndTests {
    /// Runs `body` with `jury review --graphics sixel` open on a fresh demo queue at 80x24, started with
    /// `blockedSignals` blocked.
    private func reviewing(blockedSignals: [Int32] = [], _ body: (PseudoTerminal) throws -> Void) throws {
        try PseudoTerminal.reviewing("pty-signals", graphics: "sixel", blockedSignals: blockedSignals) { terminal in
            try terminal.wait(what: "the queue") { TerminalWrites($0).text.contains("img-0014-cat-on-sofa") }
            #expect(!terminal.isCanonical, "the workstation runs the terminal in raw mode")
            try body(terminal)
        }
    }

    @Test("SIGTERM leaves the alternate screen, restores line mode and ends the process by SIGTERM, even when started with it blocked",
          arguments: [[], [SIGINT, SIGTERM, SIGHUP]])
    func terminationGivesTheTerminalBack(blockedSignals: [Int32]) throws {
        try reviewing(blockedSignals: blockedSignals) { terminal in
            let before = terminal.output.count
            terminal.signal(SIGTERM)
            let status = try #require(terminal.exitStatus(within: 30, reading: true), "the process ended")
            #expect(status & 0x7f == SIGTERM, "died of SIGTERM, wait status \(status)")
            try terminal.wait(from: before, what: "the alternate screen and the keypad's application mode left") {
                Self.contains($0, "\u{1B}[?1049l") && Self.contains($0, "\u{1B}[?1l\u{1B}>")
            }
            #expect(terminal.isCanonical, "line mode restored")
        }
    }

    @Test("SIGTERM ends the process within seconds while the terminal reads nothing and its buffer is full")
    func terminationDoesNotWaitForAFrozenTerminal() throws {
        try reviewing { terminal in
            // Sixel pictures of the cat, in and out of full screen, with nothing read: writes block.
            terminal.send(String(repeating: "j", count: 13) + "\r")
            for _ in 0..<20 { terminal.send("f") }
            usleep(2_000_000)
            terminal.signal(SIGTERM)
            let status = terminal.exitStatus(within: 20, reading: false)
            #expect(status != nil, "the process still ran 20 s after SIGTERM")
            if let status { #expect(status & 0x7f == SIGTERM || status & 0x7f == SIGALRM, "wait status \(status)") }
            #expect(terminal.isCanonical, "line mode restored though the writes blocked")
        }
    }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (bytes.startIndex...(bytes.endIndex - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
