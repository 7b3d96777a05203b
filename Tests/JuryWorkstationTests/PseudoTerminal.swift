import CGlibcExtras
import Foundation
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
    /// (NAME=value strings; `PATH` is the caller's).
    /// - Throws: `PseudoTerminalError.failed` when the terminal cannot be made or the command not started.
    init(_ command: [String], environment: [String], columns: Int = 80, rows: Int = 24) throws {
        leader = posix_openpt(O_RDWR | O_NOCTTY)
        guard leader >= 0, grantpt(leader) == 0, unlockpt(leader) == 0, let name = ptsname(leader) else {
            throw PseudoTerminalError.failed("posix_openpt")
        }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(leader, UInt(TIOCSWINSZ), &size) == 0 else { throw PseudoTerminalError.failed("TIOCSWINSZ") }
        _ = fcntl(leader, F_SETFL, fcntl(leader, F_GETFL) | O_NONBLOCK)
        _ = fcntl(leader, F_SETFD, FD_CLOEXEC)
        try spawn(command, environment: environment + ["PATH=" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")],
                  follower: String(cString: name))
    }

    private func spawn(_ command: [String], environment: [String], follower: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, follower, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        guard posix_spawnp(&pid, command[0], &actions, nil, argv, envp) == 0 else {
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
    func wait(from offset: Int = 0, timeout: Double = 10, what: String, until condition: (ArraySlice<UInt8>) -> Bool) throws {
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
