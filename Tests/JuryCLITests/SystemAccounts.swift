import Foundation
import Synchronization

/// Real OS users and groups made for one test (which runs as root) and removed after it. Names carry a
/// per-run prefix so that a run never meets accounts an earlier, interrupted run left.
struct SystemAccounts {
    let prefix: String
    private(set) var users: [String] = []
    private(set) var groups: [String] = []

    private static let made = Atomic<Int>(0)

    init() { prefix = "jt\(getpid() % 100_000)x\(Self.made.add(1, ordering: .relaxed).newValue)" }

    /// `prefix-role`.
    func name(_ role: String) -> String { "\(prefix)-\(role)" }

    /// Adds a group `prefix-role`.
    mutating func addGroup(_ role: String) throws {
        try Shell.require(["/usr/sbin/groupadd", name(role)])
        groups.append(name(role))
    }

    /// Adds a user `prefix-role` with no home and no login shell, in its own group and in `groups`.
    mutating func addUser(_ role: String, groups extra: [String] = []) throws {
        var arguments = ["/usr/sbin/useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group"]
        if !extra.isEmpty { arguments += ["--groups", extra.map(name).joined(separator: ",")] }
        try Shell.require(arguments + [name(role)])
        users.append(name(role))
    }

    /// The uid and gid of `prefix-role`.
    func ids(_ role: String) throws -> (uid: uid_t, gid: gid_t) {
        guard let entry = getpwnam(name(role)) else { throw HarnessError("no user \(name(role))") }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    /// Removes every user and group made (user groups go with their users).
    func remove() {
        for user in users { _ = try? Shell.run(["/usr/sbin/userdel", user]) }
        for group in groups { _ = try? Shell.run(["/usr/sbin/groupdel", group]) }
    }
}

/// Runs other programs for the tests.
enum Shell {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `arguments` (the first is the program's path), as `user` when given (through `runuser`).
    static func run(_ arguments: [String], as user: String? = nil, input: String? = nil) throws -> Result {
        let process = Process()
        let command = user.map { ["/usr/sbin/runuser", "-u", $0, "--"] + arguments } ?? arguments
        process.executableURL = URL(filePath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C.UTF-8", "TZ": "UTC"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `arguments` and throws unless it exits 0.
    @discardableResult
    static func require(_ arguments: [String], as user: String? = nil, input: String? = nil) throws -> Result {
        let result = try run(arguments, as: user, input: input)
        guard result.status == 0 else { throw HarnessError("\(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)") }
        return result
    }
}
