import CGlibcExtras
import Foundation
import JuryCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A queue service on another host, as `--via` names it: `ssh://[user@]host[:port]/path`, where the
/// path is the queue folder on that host (its service listens on `PATH/jury.sock`) or, ending in
/// `.sock`, the service's socket itself.
public struct SSHDestination: Sendable, Equatable, CustomStringConvertible {
    /// The login on the host; nil leaves it to ssh (its configuration, else this user's name).
    public let user: String?
    /// A host name, an IPv4 address, or an IPv6 address without its brackets.
    public let host: String
    public let port: Int?
    /// The service's socket on the host, absolute.
    public let socketPath: String

    /// Reads `text`.
    /// - Throws: `JuryError.invalidInput` saying what is wrong: not `ssh://`, no host, a user or host ssh
    ///   would read as an option or that holds characters no host name has, a port outside 1-65535, a
    ///   path that is not absolute or holds a `:` (ssh's separator in `-L`) or a control character.
    public init(parsing text: String) throws {
        let example = "give it as ssh://[user@]host[:port]/path/to/queue"
        guard text.hasPrefix("ssh://") else { throw JuryError.invalidInput("--via takes an ssh:// address; \(example)") }
        let rest = text.dropFirst("ssh://".count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw JuryError.invalidInput("--via \(text) names no queue folder on the host; \(example)")
        }
        var authority = rest[..<slash]
        let path = String(rest[slash...])
        if let at = authority.lastIndex(of: "@") {
            let login = String(authority[..<at])
            guard !login.isEmpty, !login.hasPrefix("-"), login.allSatisfy(Self.isLoginCharacter) else {
                throw JuryError.invalidInput("--via \(text): the login before @ must be a user name (letters, digits, . _ -)")
            }
            user = login
            authority = authority[authority.index(after: at)...]
        } else {
            user = nil
        }
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw JuryError.invalidInput("--via \(text): an IPv6 address lacks its ]") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw JuryError.invalidInput("--via \(text): only :port may follow the ] of an address") }
                portText = after.dropFirst()
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw JuryError.invalidInput("--via \(text): [\(host)] is not an IPv6 address")
            }
        } else {
            let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = String(parts[0])
            portText = parts.count == 2 ? parts[1] : nil
            guard !host.isEmpty, !host.hasPrefix("-"), host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
                throw JuryError.invalidInput("--via \(text) names no host, or one with characters no host name has; \(example)")
            }
        }
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number) else {
                throw JuryError.invalidInput("--via \(text): the port must be a number from 1 to 65535")
            }
            port = number
        } else {
            port = nil
        }
        guard path.count > 1, !path.contains(":"), !path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw JuryError.invalidInput("--via \(text): the path on the host must be absolute and hold no : or control characters")
        }
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        socketPath = trimmed.hasSuffix(".sock") ? trimmed : trimmed + "/jury.sock"
    }

    private static func isLoginCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "_" || character == "-")
    }

    /// The address as `--via` reads it, with the socket it resolved to.
    public var description: String {
        let address = host.contains(":") ? "[\(host)]" : host
        return "ssh://\(user.map { "\($0)@" } ?? "")\(address)\(port.map { ":\($0)" } ?? "")\(socketPath)"
    }
}

/// OpenSSH forwarding a socket of this host to the queue service's socket on another (`ssh -N -L`), so
/// that the service, seeing the connection come from the ssh login's own sshd process, knows the caller
/// as that login. The local socket lives in a fresh folder only this user may enter (`XDG_RUNTIME_DIR`
/// when set, else the temporary folder).
///
/// ssh runs as a child tied to the thread that started it: it ends when `close()` is called, when this
/// object goes, or when this process dies, even by SIGKILL. ssh may ask for a password or a host key's
/// confirmation on the terminal before the forward is up; its other messages go to a log in the folder,
/// quoted in errors.
public final class SSHForward: Sendable {
    public let destination: SSHDestination
    /// The forwarded socket on this host.
    public let localSocketPath: String
    private let folder: String
    private let logPath: String
    private let child: Mutex<pid_t?>

    /// Starts ssh and returns once its forward accepts connections.
    /// - Parameters:
    ///   - ssh: the ssh client (default: `ssh` found on `PATH`).
    ///   - timeout: seconds to wait for the forward, a password typed included.
    /// - Throws: `JuryError.io` when there is no ssh client, when ssh ends before forwarding (its
    ///   last messages quoted: a refused login, an unknown host, a forward the host refuses), or when
    ///   `timeout` runs out.
    public init(to destination: SSHDestination, ssh: String? = nil, timeout: Double = 120) throws {
        self.destination = destination
        guard let program = ssh ?? Self.onPath("ssh") else {
            throw JuryError.io("--via needs OpenSSH's client, ssh, and none is on PATH (install openssh-client)")
        }
        folder = try PrivateFolder.fresh("jury-via", environment: ProcessInfo.processInfo.environment).path
        localSocketPath = folder + "/jury.sock"
        logPath = folder + "/ssh.log"
        var arguments = [program, "-N", "-o", "ExitOnForwardFailure=yes", "-o", "StreamLocalBindUnlink=yes", "-o", "StreamLocalBindMask=0177",
                         "-o", "ControlPath=none", "-L", "\(localSocketPath):\(destination.socketPath)"]
        if let port = destination.port { arguments += ["-p", String(port)] }
        if let user = destination.user { arguments += ["-l", user] }
        arguments += ["--", destination.host]
        let pid: pid_t
        do {
            pid = try Self.spawn(arguments, log: logPath)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        child = Mutex(pid)
        do {
            try waitForForward(timeout: timeout)
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Ends ssh (the connections through it close) and removes the folder. Calling it again does nothing.
    public func close() {
        if let pid = child.withLock({ pid -> pid_t? in defer { pid = nil }; return pid }) {
            kill(pid, SIGTERM)
            // ssh ends at once on SIGTERM; one that does not within 2 s is killed.
            var status: Int32 = 0, ended = false
            for _ in 0..<100 {
                ended = waitpid(pid, &status, WNOHANG) != 0
                if ended { break }
                usleep(20_000)
            }
            if !ended {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// ssh's messages so far (its last 2,000 bytes), for an error: a connection it could not forward
    /// says why there ("open failed: connect failed: …").
    public var lastWords: String {
        guard let data = FileManager.default.contents(atPath: logPath), !data.isEmpty else { return "" }
        return String(decoding: data.suffix(2_000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func waitForForward(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let ended = reapIfEnded() {
                let words = lastWords
                throw JuryError.io("ssh to \(destination) ended (\(ended)) before forwarding the queue's socket\(words.isEmpty ? "" : ": \(words)")")
            }
            if Self.accepts(localSocketPath) { return }
            guard Date() < deadline else {
                throw JuryError.io("ssh to \(destination) did not forward the queue's socket within \(Int(timeout)) s")
            }
            usleep(20_000)
        }
    }

    /// How ssh ended, when it has.
    private func reapIfEnded() -> String? {
        child.withLock { pid in
            guard let running = pid else { return "closed" }
            var status: Int32 = 0
            guard waitpid(running, &status, WNOHANG) == running else { return nil }
            pid = nil
            let signal = status & 0x7f
            return signal == 0 ? "exit status \((status >> 8) & 0xff)" : "signal \(signal)"
        }
    }

    private static func accepts(_ path: String) -> Bool {
        guard let descriptor = try? UnixSocket.connect(to: path) else { return false }
        Glibc.close(descriptor)
        return true
    }

    private static func spawn(_ arguments: [String], log: String) throws -> pid_t {
        let input = open("/dev/null", O_RDONLY | O_CLOEXEC)
        let output = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            if input >= 0 { Glibc.close(input) }
            if output >= 0 { Glibc.close(output) }
        }
        guard input >= 0, output >= 0 else { throw JuryError.io("cannot open ssh's log \(log): \(String(cString: strerror(errno)))") }
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let pid = withCStrings(arguments) { argv in
            withCStrings(environment) { envp in jury_spawn_tied_to_thread(argv[0], argv, envp, input, output, output) }
        }
        guard pid > 0 else { throw JuryError.io("cannot start \(arguments[0]): \(String(cString: strerror(errno)))") }
        return pid
    }

    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> T) -> T {
        var pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    private static func onPath(_ program: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/\(program)" }.first { access($0, X_OK) == 0 }
    }
}
