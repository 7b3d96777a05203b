import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One tmux server on its own socket running a command in a pinned environment, for end-to-end tests of
/// the real binary: size, locale, `TERM`, time zone, an empty `HOME` of its own, no `XDG_*`, `LINES`,
/// `COLUMNS` or `NO_COLOR` from the caller, and the checkout's themes (`JURY_THEME_DIR`). Waits poll `capture-pane`;
/// nothing sleeps for long.
public final class Tmux {
    public let socket = "jury-ws-\(UUID().uuidString.prefix(8))"
    public let session = "t"
    /// The session's `HOME`: empty, removed by `kill()`.
    public let home = FileManager.default.temporaryDirectory.appending(path: "jury-tmux-home-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)

    public init() {}

    /// The built `jury` binary beside the test bundle.
    public static var jury: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(filePath: exe).deletingLastPathComponent().appending(path: "jury").path
    }

    /// Whether tmux runs here. Under `CI=true` a missing tmux is a failure, not a skip: `requireTmux()`.
    public static var isAvailable: Bool { (try? run(["tmux", "-V"])) != nil || isCI }

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// - Throws: `TmuxError.failed` when tmux does not run (only reached under `CI=true`).
    public static func requireTmux() throws {
        guard (try? run(["tmux", "-V"])) != nil else { throw TmuxError.failed("tmux -V: tmux is required under CI=true") }
    }

    /// The environment every session starts from; `overrides` (e.g. `TERM=dumb`, `LC_ALL=C`) replace its values.
    public func environment(_ overrides: [String: String] = [:]) -> [String] {
        var pinned = ["TERM": "xterm-256color", "LC_ALL": "C.UTF-8", "TZ": "UTC", "HOME": home.path,
                      "JURY_THEME_DIR": Checkout.root.appending(path: "themes").path]
        pinned.merge(overrides) { $1 }
        let cleared = ProcessInfo.processInfo.environment.keys.filter { $0.hasPrefix("XDG_") || $0.hasPrefix("LC_") }
            + ["LINES", "COLUMNS", "NO_COLOR", "LANG", "LANGUAGE", "JURY_QUEUE"]
        return ["env"] + Set(cleared).sorted().flatMap { ["-u", $0] } + pinned.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// Starts `command` (an argument list) in a new detached session of `columns`x`rows`, in the pinned environment
    /// changed by `overrides`, the server reading `configuration` (tmux commands, one a line) first.
    public func start(_ command: [String], columns: Int = 80, rows: Int = 24, environment overrides: [String: String] = [:],
                      configuration: String = "") throws {
        try Self.requireTmux()
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let line = (["exec"] + environment(overrides) + command).map(Self.quote).joined(separator: " ")
        try configuration.write(toFile: configurationFile, atomically: true, encoding: .utf8)
        try Self.run(["tmux", "-L", socket, "-f", configurationFile, "new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", line],
                     capture: false)
    }

    private var configurationFile: String { FileManager.default.temporaryDirectory.appending(path: socket + ".conf").path }

    /// The server's socket path (`#{socket_path}`), as tmux puts it in `TMUX`.
    public func socketPath() throws -> String {
        try tmux(["display-message", "-p", "-t", session, "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sends keys as tmux key names ("Enter", "Space", "C-u", "j") or, with `literal`, as text.
    public func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    public func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

    /// The screen with its colours and attributes as escape sequences (`capture-pane -e`).
    public func styledScreen() -> String { (try? tmux(["capture-pane", "-p", "-e", "-t", session])) ?? "" }

    /// Waits until the screen contains `text`; returns the screen.
    /// - Throws: `TmuxError.timeout` with the last screen after `timeout` seconds.
    @discardableResult
    public func wait(for text: String, timeout: Double = 30) throws -> String {
        try wait(timeout: timeout, what: text) { $0.contains(text) }
    }

    @discardableResult
    public func wait(timeout: Double = 30, what: String, until condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen()
            if condition(last) { return last }
            usleep(30_000)
        }
        throw TmuxError.timeout(what, last)
    }

    /// Waits until the session's command has exited.
    public func waitForExit(timeout: Double = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? tmux(["has-session", "-t", session])) == nil { return }
            usleep(30_000)
        }
        throw TmuxError.timeout("exit", screen())
    }

    public func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The pid of the command in the pane.
    public func panePID() throws -> Int32 {
        Int32(try tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Ends the pane's process (SIGKILL: a failed test may leave it mid-write) and the server.
    public func kill() {
        if let pid = try? panePID(), pid > 0 { Glibc.kill(pid, SIGKILL) }
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: home)
        try? FileManager.default.removeItem(atPath: configurationFile)
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try Self.run(["tmux", "-L", socket] + arguments)
    }

    /// Runs a command to its end (posix_spawn and waitpid: Foundation's `Process` can miss the exit of a
    /// child whose grandchild daemonises, as tmux's server does); `capture: false` sends output to /dev/null.
    /// - Throws: `TmuxError.failed` on a non-zero exit.
    @discardableResult
    public static func run(_ arguments: [String], capture: Bool = true) throws -> String {
        var pipe: [Int32] = [-1, -1]
        guard Glibc.pipe(&pipe) == 0 else { throw TmuxError.failed("pipe") }
        for descriptor in pipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if capture { posix_spawn_file_actions_adddup2(&actions, pipe[1], 1) } else { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw TmuxError.failed(arguments.joined(separator: " ")) }
        let output = capture ? readAll(pipe[0]) : Data()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw TmuxError.failed(arguments.joined(separator: " ")) }
        return String(decoding: output, as: UTF8.self)
    }

    private static func readAll(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    public static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

public enum TmuxError: Error, CustomStringConvertible {
    case timeout(String, String)
    case failed(String)

    public var description: String {
        switch self {
        case .timeout(let what, let screen): "timed out waiting for \(what); screen:\n\(screen)"
        case .failed(let command): "failed: \(command)"
        }
    }
}
