import Foundation
import JuryCore
import JuryJSON
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The queue service over its Unix domain socket: kept-alive HTTP/1.1 connections, one call at a time
/// on each, reconnecting once when the service had closed one before a request was sent. Calls from
/// several threads run side by side, each on a connection of its own (a verdict never waits behind a
/// picture being downloaded); at most `maximumIdleConnections` are kept between calls. The service's
/// clock is read from its answers.
///
/// The calling thread does the socket's I/O itself (blocking `send` and `recv`; NIO's HTTP codec runs in
/// an `EmbeddedChannel`, no event loop), so a call costs no hand-over between threads on this side.
public final class SocketTransport: ServiceTransport {
    public let socketPath: String
    /// A demo queue's reviewer to act for (sent in `Jury-Acting-As`; other queues refuse it).
    public let actingAs: String?
    /// The ssh forward `socketPath` belongs to, kept running while this transport lives.
    public let forward: SSHForward?
    /// Connections no call is using, the most recently used last.
    private let idle = Mutex<[BlockingHTTPConnection]>([])
    /// Connections kept open between calls: the workstation's effect thread, its side thread and one spare.
    static let maximumIdleConnections = 3
    /// Seconds the service's clock is ahead of this host's.
    private let clockOffset = Mutex<Double>(0)

    /// Connects to the service at `socketPath`.
    /// - Throws: `JuryError.io` naming the socket when nothing answers there.
    public convenience init(socketPath: String, actingAs: String? = nil) throws {
        try self.init(socketPath: socketPath, actingAs: actingAs, forward: nil)
    }

    /// Connects through `forward` (see `SSHForward`) to the service at its destination.
    /// - Throws: `JuryError.io` when the forward's socket does not answer.
    public convenience init(through forward: SSHForward, actingAs: String? = nil) throws {
        try self.init(socketPath: forward.localSocketPath, actingAs: actingAs, forward: forward)
    }

    private init(socketPath: String, actingAs: String?, forward: SSHForward?) throws {
        (self.socketPath, self.actingAs, self.forward) = (socketPath, actingAs, forward)
        let first = try BlockingHTTPConnection(socketPath: socketPath)
        idle.withLock { $0 = [first] }
    }

    /// The service as errors name it: its socket, or the `--via` address it is reached through.
    private var service: String { forward.map { "\($0.destination)" } ?? socketPath }

    /// What ssh said, appended to an error of a call through a forward (a refused or failed forward
    /// shows only there).
    private var sshWords: String {
        guard let words = forward?.lastWords, !words.isEmpty else { return "" }
        return " (ssh: \(words))"
    }

    public var now: Date { Date().addingTimeInterval(clockOffset.withLock { $0 }) }

    public func send(_ call: ServiceCall) throws -> JSONValue {
        let body = try JSONValueEncoder().encode(call).encoded()
        var connection = idle.withLock { $0.popLast() }
        let response = try exchange(call.name, body: body, on: &connection)
        if let connection {
            idle.withLock { if $0.count < Self.maximumIdleConnections { $0.append(connection) } }
        }
        guard response.head.status != .payloadTooLarge else {
            throw JuryError.invalidInput("the request has \(body.count) bytes; the queue service takes at most \(SocketServer.maximumRequestBytes)")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(Data(response.body.map { Data($0.readableBytesView) } ?? Data()))
        } catch {
            throw JuryError.io("the queue service at \(service) answered \(response.head.status.code) with a body that is not JSON")
        }
        if let stamp = response.head.headers.first(name: CallHandler.serviceTimeHeader).flatMap(Int64.init) {
            clockOffset.withLock { $0 = Timestamp.date(milliseconds: stamp).timeIntervalSinceNow }
        }
        guard response.head.status == .ok else {
            guard let failure = try? JSONValueDecoder().decode(ServiceFailure.self, from: document) else {
                throw JuryError.io("the queue service at \(service) answered \(response.head.status.code)")
            }
            throw failure.error
        }
        return document
    }

    /// Sends one request, reconnecting once when the kept-alive connection turns out closed before the
    /// request could be sent (see `BlockingHTTPConnection.ClosedBeforeRequest`).
    private func exchange(_ name: String, body: Data, on connection: inout BlockingHTTPConnection?) throws -> NIOHTTPClientResponseFull {
        var headers = HTTPHeaders([("Host", "jury"), ("Content-Type", "application/json"), ("Content-Length", String(body.count))])
        if let actingAs { headers.add(name: CallHandler.actingAsHeader, value: actingAs) }
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/" + name, headers: headers)
        for _ in 0..<2 {
            if connection == nil { connection = try BlockingHTTPConnection(socketPath: socketPath) }
            do {
                return try connection!.exchange(head, body: ByteBuffer(bytes: body))
            } catch is BlockingHTTPConnection.ClosedBeforeRequest {
                connection = nil
            } catch {
                connection = nil
                throw JuryError.io("the queue service at \(service) failed mid-call: \(error)\(sshWords)")
            }
        }
        throw JuryError.io("the queue service at \(service) closed the connection without reading the call\(sshWords)")
    }
}

/// One HTTP/1.1 client connection on a Unix domain socket, driven by the calling thread: the request is
/// encoded and the response decoded by NIO's HTTP handlers in an `EmbeddedChannel`, and the bytes move
/// through blocking `send`/`recv` on the socket. Not for use by two threads at once: `SocketTransport`
/// hands each to one call at a time.
final class BlockingHTTPConnection: @unchecked Sendable {
    /// The service had closed the connection (it was restarted, say) without reading the request: the
    /// socket refused it (`EPIPE`, `ECONNRESET` on sending), or reset before any answer came (a Unix
    /// socket resets only when closed with bytes unread), so sending it again on a new connection is safe.
    struct ClosedBeforeRequest: Error {}

    /// The socket was closed or failed after the request was sent, or the answer could not be parsed.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let descriptor: Int32

    /// Bytes read from the socket at a time.
    private static let readSize = 64 << 10

    /// - Throws: `JuryError.io` naming the socket when nothing answers there.
    init(socketPath: String) throws {
        descriptor = try UnixSocket.connect(to: socketPath)
    }

    deinit {
        close(descriptor)
    }

    /// Sends `head` and `body` and reads until the whole response has arrived.
    ///
    /// Each exchange runs NIO's HTTP handlers in an `EmbeddedChannel` of its own, made and finished on
    /// the calling thread: an embedded channel may only be used from the thread that made it, and the
    /// calls of one connection come from whichever thread holds it (a workstation's effects, say). The
    /// handlers keep no state from one exchange to the next (one request at a time, no pipelining).
    /// - Throws: `ClosedBeforeRequest` when the service had already closed the connection, `Failure` otherwise.
    func exchange(_ head: HTTPRequestHead, body: ByteBuffer) throws -> NIOHTTPClientResponseFull {
        let codec = EmbeddedChannel()
        defer { _ = try? codec.finish(acceptAlreadyClosed: true) }
        do {
            try codec.pipeline.syncOperations.addHTTPClientHandlers()
            try codec.pipeline.syncOperations.addHandler(NIOHTTPClientResponseAggregator(maxContentLength: 256 << 20))
        } catch {
            throw Failure(description: "cannot set up the HTTP codec: \(error)")
        }
        try codec.writeOutbound(HTTPClientRequestPart.head(head))
        try codec.writeOutbound(HTTPClientRequestPart.body(.byteBuffer(body)))
        try codec.writeOutbound(HTTPClientRequestPart.end(nil))
        var request = ByteBuffer()
        while var part = try codec.readOutbound(as: ByteBuffer.self) { request.writeBuffer(&part) }
        try sendAll(request)
        return try receiveResponse(through: codec)
    }

    private func sendAll(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var sent = 0
            while sent < bytes.count {
                let count = Glibc.send(descriptor, bytes.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                if count < 0 {
                    if errno == EINTR { continue }
                    if sent == 0 && (errno == EPIPE || errno == ECONNRESET) { throw ClosedBeforeRequest() }
                    throw Failure(description: "sending the request: \(String(cString: strerror(errno)))")
                }
                sent += count
            }
        }
    }

    private func receiveResponse(through codec: EmbeddedChannel) throws -> NIOHTTPClientResponseFull {
        var receivedAny = false
        var buffer = codec.allocator.buffer(capacity: Self.readSize)
        while true {
            buffer.clear()
            var count = 0
            var failure: Int32 = 0
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: Self.readSize) { space in
                count = Glibc.recv(descriptor, space.baseAddress!, space.count, 0)
                failure = count < 0 ? errno : 0
                return max(count, 0)
            }
            if count < 0 {
                if failure == EINTR { continue }
                // A Unix socket resets only when its peer closed it with our bytes unread: the service
                // never read the request, so it is safe to send it again.
                if failure == ECONNRESET && !receivedAny { throw ClosedBeforeRequest() }
                throw Failure(description: "reading the answer: \(String(cString: strerror(failure)))")
            }
            if count == 0 {
                throw Failure(description: receivedAny ? "the service closed the connection mid-answer"
                    : "the service closed the connection before answering; the call may or may not have been carried out")
            }
            receivedAny = true
            do {
                try codec.writeInbound(buffer)
            } catch {
                throw Failure(description: "the answer is not HTTP: \(error)")
            }
            if let response = try codec.readInbound(as: NIOHTTPClientResponseFull.self) { return response }
        }
    }
}

/// Connecting to a Unix domain socket by path.
enum UnixSocket {
    /// A connected stream socket to `socketPath` (close-on-exec).
    /// - Throws: `JuryError.io` naming the socket when nothing answers there.
    static func connect(to socketPath: String) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.count < capacity else {
            throw JuryError.io("the socket path \(socketPath) is longer than the \(capacity - 1) bytes a Unix socket allows")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
            raw[path.count] = 0
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw JuryError.io("cannot make a socket: \(String(cString: strerror(errno)))") }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw JuryError.io("no queue service answers at \(socketPath) (\(reason)); the queue's owner starts it with `jury serve`")
        }
        return descriptor
    }
}
