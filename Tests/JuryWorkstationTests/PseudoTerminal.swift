import CGlibcExtras
import Foundation
import JuryTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A command running on a pseudo-terminal of its own, whose raw output bytes are kept: for end-to-end
/// tests of what the real binary writes to a terminal (pixel-protocol sequences, which tmux would turn
/// into nothing). The command runs in a pinned environment (only the variables given, plus `PATH`);
/// its standard input, output and error are the terminal's follower side. Waits poll the output;
/// nothing sleeps for long.
final class PseudoTerminal {
    /// Everything the command wrote so far, as it reached the terminal.
    private(set) var output: [UInt8] = []
    private let leader: Int32
    private var pid: pid_t = 0

    /// Starts `command` (an argument list) on a new `columns`x`rows` pseudo-terminal with `environment`
    /// (NAME=value strings; `PATH` is the caller's), with `blockedSignals` blocked and no other (a shell
    /// blocks none; the test runner's threads block every one).
    /// - Throws: `PseudoTerminalError.failed` when the terminal cannot be made or the command not started.
    init(_ command: [String], environment: [String], columns: Int = 80, rows: Int = 24, blockedSignals: [Int32] = []) throws {
        leader = posix_openpt(O_RDWR | O_NOCTTY)
        guard leader >= 0, grantpt(leader) == 0, unlockpt(leader) == 0, let name = ptsname(leader) else {
            throw PseudoTerminalError.failed("posix_openpt")
        }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(leader, UInt(TIOCSWINSZ), &size) == 0 else { throw PseudoTerminalError.failed("TIOCSWINSZ") }
        _ = fcntl(leader, F_SETFL, fcntl(leader, F_GETFL) | O_NONBLOCK)
        _ = fcntl(leader, F_SETFD, FD_CLOEXEC)
        try spawn(command, environment: environment + ["PATH=" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")],
                  follower: String(cString: name), blockedSignals: blockedSignals)
    }

    private func spawn(_ command: [String], environment: [String], follower: String, blockedSignals: [Int32]) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in blockedSignals { sigaddset(&mask, signal) }
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, follower, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        guard posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp) == 0 else {
            throw PseudoTerminalError.failed(command.joined(separator: " "))
        }
    }

    /// Types `text` (bytes as a terminal sends them: "j", "\r" for Enter).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { write(leader, $0.baseAddress, $0.count) }
    }

    /// Reads what the command wrote until `condition` holds of the output from `offset` on.
    /// - Throws: `PseudoTerminalError.timeout` after `timeout` seconds, naming `what`.
    func wait(from offset: Int = 0, timeout: Double = 30, what: String, until condition: (ArraySlice<UInt8>) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(output[min(offset, output.count)...]) {
            guard Date() < deadline else { throw PseudoTerminalError.timeout(what, output.count) }
            readAvailable(waitingMilliseconds: 30)
        }
    }

    /// Reads for `seconds`, whatever comes (to see that nothing more of some kind is written).
    func drain(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline { readAvailable(waitingMilliseconds: 30) }
    }

    private func readAvailable(waitingMilliseconds: Int32) {
        var descriptor = pollfd(fd: leader, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, waitingMilliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(leader, &buffer, buffer.count)
            guard count > 0 else { return }
            output.append(contentsOf: buffer[..<count])
        }
    }

    /// Runs `body` with `jury review --flow moderation --graphics graphics` as alice on a fresh demo queue
    /// (labelled `label`), in a pinned environment (xterm-256color, C.UTF-8, UTC, a `HOME` of its own, the
    /// checkout's themes), on an 80x24 terminal, started with `blockedSignals` blocked.
    static func reviewing(_ label: String, graphics: String, blockedSignals: [Int32] = [], _ body: (PseudoTerminal) throws -> Void) throws {
        let queue = try Tmux.demoQueue(label)
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let home = queue.root.appending(path: "home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let environment = ["TERM=xterm-256color", "LC_ALL=C.UTF-8", "TZ=UTC", "HOME=\(home.path)",
                           "JURY_THEME_DIR=\(Checkout.root.appending(path: "themes").path)"]
        let terminal = try PseudoTerminal([Tmux.jury, "review", "--queue", queue.root.path, "--reviewer", "alice", "--flow", "moderation",
                                           "--graphics", graphics], environment: environment, blockedSignals: blockedSignals)
        defer { terminal.kill() }
        try body(terminal)
    }

    /// Sends `signal` to the command.
    func signal(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

    /// The command's wait status once it has ended, polling for `seconds`, reading its output meanwhile
    /// when `reading` (else a command writing to the terminal blocks once its buffer is full); nil when
    /// it still runs.
    func exitStatus(within seconds: Double, reading: Bool) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                if reading { readAvailable(waitingMilliseconds: 0) }
                return status
            }
            if reading { readAvailable(waitingMilliseconds: 20) } else { usleep(20_000) }
        } while Date() < deadline
        return nil
    }

    /// Whether the terminal is in canonical (line) mode, as a shell leaves it and a full-screen program does not.
    var isCanonical: Bool {
        var modes = termios()
        return tcgetattr(leader, &modes) == 0 && modes.c_lflag & tcflag_t(ICANON) != 0
    }

    /// Ends the command (SIGKILL) and closes the terminal.
    func kill() {
        if pid > 0 {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            pid = 0
        }
        close(leader)
    }
}

enum PseudoTerminalError: Error, CustomStringConvertible {
    case failed(String)
    case timeout(String, Int)

    var description: String {
        switch self {
        case .failed(let what): "failed: \(what)"
        case .timeout(let what, let bytes): "timed out waiting for \(what) after \(bytes) bytes of output"
        }
    }
}
