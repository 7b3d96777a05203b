import Foundation
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// Finds the queue service a command should talk to: the one answering on the queue's socket (or on a
/// socket given, e.g. forwarded by ssh), else, on a queue this user owns, the same service in-process.
public enum QueueEndpoint {
    /// - Parameters:
    ///   - queue: the queue directory; nil when only `socket` is given.
    ///   - socket: a socket path that overrides `QUEUE/jury.sock`.
    ///   - actingAs: a demo queue's reviewer to act for (`--reviewer`); the service refuses it elsewhere.
    /// - Throws: `JuryError.io` when no service answers and the queue is not this user's to open,
    ///   `JuryError.forbidden` for an unsafe layout, `JuryError.notAQueue` where there is no queue.
    public static func connect(queue: QueueDirectory?, socket: String?, actingAs: String?) throws -> QueueConnection {
        if let socket { return QueueConnection(transport: try SocketTransport(socketPath: socket, actingAs: actingAs)) }
        guard let queue else { throw JuryError.notAQueue("no queue: pass --queue PATH, set JURY_QUEUE, or pass --socket PATH") }
        let layout = QueueLayout(queue: queue)
        if isSocket(layout.socketURL.path) {
            do {
                return QueueConnection(transport: try SocketTransport(socketPath: layout.socketURL.path, actingAs: actingAs))
            } catch let error as JuryError where layout.ledgerOwner() != geteuid() {
                throw error
            } catch {
                // A stale socket on a queue of this user's: the service in-process does as well.
            }
        }
        return QueueConnection(transport: InProcessTransport(service: try openInProcess(queue), actingAs: actingAs))
    }

    /// The queue's service in this process, after the layout check, on the monotonic clock; opened
    /// read-only when this user may not write the ledger or its folder (a read-only mount or copy).
    /// - Parameter spoolingEvents: whether its write calls spool the status events they cause (false
    ///   for `jury serve`, whose maintenance turns do).
    /// - Throws: `JuryError.io` when the ledger belongs to another user (whose service is not running).
    public static func openInProcess(_ queue: QueueDirectory, spoolingEvents: Bool = true) throws -> QueueService {
        let layout = QueueLayout(queue: queue)
        if let owner = layout.ledgerOwner(), owner != geteuid() {
            throw JuryError.io("\(queue.root.path) belongs to \(Caller.user(uid: owner, gid: 0).login); its queue service does not answer at \(layout.socketURL.path): ask them to start `jury serve --queue \(queue.root.path)`")
        }
        try layout.check(owner: geteuid())
        let readOnly = access(queue.ledgerURL.path, W_OK) != 0 || access(queue.root.path, W_OK) != 0
        return try QueueService(ledger: try Ledger(queue: queue, time: MonotonicTime(), readOnly: readOnly),
                                spoolsEventsAfterWrites: spoolingEvents && !readOnly)
    }

    static func isSocket(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK
    }
}
