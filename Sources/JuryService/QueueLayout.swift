import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// Who may touch which part of a queue directory, as the operating system enforces it.
///
/// The queue's owner (the service's account) alone reads and writes the ledger, flows, workforce,
/// `ingested/` and `rejected/`. On a shared queue, the producers group may add files to `inbox/`
/// (sticky and unlistable: write-only in effect) and the consumers group may read `output/`. The
/// root is traversable by everyone, so that reviewers reach `jury.sock`; the service decides by the
/// workforce what each caller may do.
public struct QueueLayout: Sendable {
    public let queue: QueueDirectory

    public init(queue: QueueDirectory) { self.queue = queue }

    /// The queue's socket (`QUEUE/jury.sock`).
    public var socketURL: URL { queue.root.appending(path: "jury.sock") }

    /// The file a running `jury serve` holds locked (`QUEUE/jury.lock`), so that a queue has one service.
    public var serviceLockURL: URL { queue.root.appending(path: "jury.lock") }

    /// Parts only the owner may read or write.
    var privateParts: [URL] {
        [queue.ledgerURL, queue.workforceURL, queue.flowsURL, queue.templatesURL, queue.ingestedURL, queue.rejectedURL, serviceLockURL]
            + ["-wal", "-shm"].map { URL(filePath: queue.ledgerURL.path + $0) }
    }

    /// Sets the modes and groups of a shared queue whose folders exist: root 0711, private parts 0700
    /// or 0600, `inbox/` 3730 with group `producers`, `output/` and `events/` 2750 with group `consumers`. The owner
    /// must be a member of both groups.
    /// - Throws: `JuryError.invalidInput` for an unknown group, `JuryError.io` when a change fails.
    public func share(producers: String, consumers: String) throws {
        let producersGroup = try Self.groupID(producers)
        let consumersGroup = try Self.groupID(consumers)
        try setMode(0o711, of: queue.root)
        for part in privateParts where FileManager.default.fileExists(atPath: part.path) {
            try setMode(part.hasDirectoryPath ? 0o700 : 0o600, of: part)
        }
        try setGroup(producersGroup, of: queue.inboxURL)
        try setMode(0o3730, of: queue.inboxURL)
        for readable in [queue.defaultOutputURL, queue.eventsURL] {
            try setGroup(consumersGroup, of: readable)
            try setMode(0o2750, of: readable)
        }
    }

    /// What lets others write what they must not, or the owner lose what is theirs; empty when the
    /// layout is sound. Checked at every start of the service (and of an in-process one).
    /// - Parameter owner: the account that must own every part (the service's).
    public func problems(owner: uid_t) -> [String] {
        var problems = ancestorProblems(owner: owner)
        let shared = isShared
        for part in [queue.root] + privateParts + [queue.inboxURL, queue.defaultOutputURL, queue.eventsURL] {
            var info = stat()
            guard lstat(part.path, &info) == 0 else { continue }
            let name = part == queue.root ? "the queue folder" : part.lastPathComponent
            if info.st_mode & S_IFMT == S_IFLNK { problems.append("\(name) is a symbolic link; the queue's parts must be its own files"); continue }
            if info.st_uid != owner { problems.append("\(name) belongs to uid \(info.st_uid), not to the queue's owner (uid \(owner))") }
            problems += modeProblems(name, part: part, mode: info.st_mode & 0o7777, shared: shared)
        }
        return problems
    }

    /// The folders above the queue: whoever may rename entries in one could put another queue in this
    /// one's place. Each must belong to root or the owner, and be writable by nobody else unless sticky
    /// (as `/tmp` is, where only an entry's owner may rename it).
    private func ancestorProblems(owner: uid_t) -> [String] {
        var problems: [String] = []
        var folder = queue.root.standardizedFileURL.deletingLastPathComponent()
        while true {
            var info = stat()
            if stat(folder.path, &info) == 0 {
                let mode = info.st_mode & 0o7777
                if info.st_uid != 0 && info.st_uid != owner {
                    problems.append("the folder \(folder.path) above the queue belongs to uid \(info.st_uid): it could put another queue in this one's place")
                } else if mode & 0o022 != 0 && mode & 0o1000 == 0 {
                    problems.append("the folder \(folder.path) above the queue is writable by others and not sticky (mode \(String(mode, radix: 8))): anyone could put another queue in this one's place")
                }
            }
            guard folder.path != "/" else { return problems }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// Whether the queue is laid out for a team (`share`): `inbox/` setgid to the producers group.
    /// Only then must the private parts be unreadable to others too; a personal queue's files are as
    /// private as its owner's folders make them.
    private var isShared: Bool {
        var info = stat()
        return lstat(queue.inboxURL.path, &info) == 0 && info.st_mode & 0o2000 != 0
    }

    private func modeProblems(_ name: String, part: URL, mode: mode_t, shared: Bool) -> [String] {
        if part == queue.inboxURL {
            return mode & 0o002 != 0 && mode & 0o1000 == 0 ? ["inbox/ is writable by everyone and not sticky: producers could remove each other's files"] : []
        }
        if part == queue.root || part == queue.defaultOutputURL || part == queue.eventsURL {
            return mode & 0o022 != 0 ? ["\(name) is writable by others (mode \(String(mode, radix: 8))): anyone could replace the queue's files"] : []
        }
        if mode & 0o022 != 0 { return ["\(name) is writable by others (mode \(String(mode, radix: 8))): it must be the queue owner's alone"] }
        guard shared, mode & 0o077 != 0 else { return [] }
        return ["\(name) of a shared queue is open to others (mode \(String(mode, radix: 8))): it must be the queue owner's alone "
                + "(chmod \(part.hasDirectoryPath ? "700" : "600"), as `jury init --shared` leaves it)"]
    }

    /// Refuses a layout with problems.
    /// - Throws: `JuryError.forbidden` listing every problem and how to mend them.
    public func check(owner: uid_t) throws {
        let found = problems(owner: owner)
        guard !found.isEmpty else { return }
        throw JuryError.forbidden("refusing to run on \(queue.root.path): " + found.joined(separator: "; ")
            + " (see docs/deployment.md; `jury init --shared` lays a shared queue out)")
    }

    /// Takes the queue's service lock for the life of the process (the descriptor is never closed; the
    /// kernel lets go when the process ends, however it ends).
    /// - Throws: `JuryError.conflict` when another process holds it: a second service would bind the socket
    ///   over the first's, and removing it when stopped would leave the first one unreachable.
    public func holdServiceLock() throws {
        let descriptor = open(serviceLockURL.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JuryError.io("open \(serviceLockURL.path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            guard code == EWOULDBLOCK else { throw JuryError.io("lock \(serviceLockURL.path): \(String(cString: strerror(code)))") }
            throw JuryError.conflict("another `jury serve` already serves \(queue.root.path) (it holds \(serviceLockURL.path)); stop it first")
        }
    }

    /// The owner of the ledger file, or nil when there is none.
    public func ledgerOwner() -> uid_t? {
        var info = stat()
        return stat(queue.ledgerURL.path, &info) == 0 ? info.st_uid : nil
    }

    private static func groupID(_ name: String) throws -> gid_t {
        guard let gid = Caller.groupID(named: name) else { throw JuryError.invalidInput("no group named \(name) on this host (create it with groupadd)") }
        return gid
    }

    private func setMode(_ mode: mode_t, of url: URL) throws {
        guard chmod(url.path, mode) == 0 else { throw JuryError.io("chmod \(String(mode, radix: 8)) \(url.path): \(String(cString: strerror(errno)))") }
    }

    private func setGroup(_ group: gid_t, of url: URL) throws {
        guard chown(url.path, uid_t.max, group) == 0 else {
            let code = errno
            let name = getgrgid(group).map { String(cString: $0.pointee.gr_name) } ?? String(group)
            throw JuryError.io("chgrp \(name) \(url.path): \(String(cString: strerror(code)))")
        }
    }

    /// Refuses, before anything is made, groups that `share` could not give the queue's parts: groups
    /// that do not exist, or that this process (the queue's owner) is not a member of.
    /// - Throws: `JuryError.invalidInput` naming the group and how to mend it.
    public static func checkGroups(producers: String, consumers: String) throws {
        var groups = [gid_t](repeating: 0, count: Int(getgroups(0, nil)))
        let count = getgroups(Int32(groups.count), &groups)
        groups.removeLast(groups.count - max(0, Int(count)))
        for name in [producers, consumers] {
            let group = try groupID(name)
            guard geteuid() == 0 || getegid() == group || groups.contains(group) else {
                let login = Caller.currentProcess().login
                throw JuryError.invalidInput("\(login), the queue's owner, is not a member of group \(name): usermod -aG \(name) \(login), then log in again")
            }
        }
    }
}
