import Foundation
import JuryCore
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The queue service on a Unix domain socket: HTTP/1.1, one `POST /v1/NAME` per `ServiceCall`, JSON in
/// and out. The kernel names each connection's user (`SO_PEERCRED`); requests never do.
public final class SocketServer: Sendable {
    /// Bytes a request body may have: a StartHumanLoop request of `Ingest.maximumFileBytes` and the call
    /// around it (an answer or a draft is far smaller).
    public static let maximumRequestBytes = Ingest.maximumFileBytes + (64 << 10)

    public let socketPath: String
    private let channel: any Channel
    private let workers: NIOThreadPool
    private let connections = OpenConnections()

    /// The worker threads `jury serve` runs calls on.
    public static let defaultWorkerThreads = 64

    /// Binds `socketPath` (replacing a stale socket file) and serves `service` until `close()`.
    /// - Parameter workerThreads: threads that run calls (blocking ledger work); concurrent verdicts
    ///   beyond one commit's time wait here and join the next group commit.
    /// - Throws: the bind error, e.g. when the folder is not writable.
    public init(service: QueueService, socketPath: String, workerThreads: Int = SocketServer.defaultWorkerThreads) throws {
        self.socketPath = socketPath
        workers = NIOThreadPool(numberOfThreads: workerThreads)
        workers.start()
        let pool = workers
        let connections = self.connections
        channel = try Self.bootstrap(connections: connections) { child in
            Self.peer(of: child).flatMap { caller in
                CallHandler.install(on: child, clock: service.ledger.time, workers: pool) { request in
                    CallReply.answer(request, service: service, caller: caller)
                }
            }
        }
        .bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: true).wait()
    }

    /// A server bootstrap whose connections are tracked in `connections` and set up by `initialize`.
    static func bootstrap(connections: OpenConnections, initialize: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>) -> ServerBootstrap {
        ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1_024)
            .childChannelInitializer { child in
                connections.add(child)
                return initialize(child)
            }
    }

    /// Stops accepting connections, closes the open ones and ends the worker threads (calls under way finish).
    public func close() {
        try? channel.close().wait()
        connections.closeAll()
        try? workers.syncShutdownGracefully()
    }

    /// The connection's user, from the kernel.
    private static func peer(of channel: any Channel) -> EventLoopFuture<Caller> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(JuryError.forbidden("the connection's user cannot be told"))
        }
        let credentials: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
        return credentials.map { Caller.user(uid: $0.uid, gid: $0.gid) }
    }
}

/// The server's open client connections, closed with it.
final class OpenConnections: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    func add(_ channel: any Channel) {
        channels.withLock { $0[ObjectIdentifier(channel)] = channel }
        channel.closeFuture.whenComplete { [self] _ in channels.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(channel)) } }
    }

    func closeAll() {
        for channel in channels.withLock({ Array($0.values) }) { try? channel.close().wait() }
    }
}

/// Linux's `struct ucred`, which the C module does not export: what `SO_PEERCRED` reports.
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}

/// Answers one connection's requests in order, running each on a worker thread.
final class CallHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOHTTPServerRequestFull
    typealias OutboundOut = HTTPServerResponsePart
    typealias Answer = @Sendable (NIOHTTPServerRequestFull) -> CallReply

    /// A demo queue's header naming the reviewer to act for.
    static let actingAsHeader = "Jury-Acting-As"
    /// The service's clock when it answered, ms since 1970: clients count leases by it.
    static let serviceTimeHeader = "Jury-Service-Time"

    let clock: any TimeSource
    let workers: NIOThreadPool
    let answer: Answer

    init(clock: any TimeSource, workers: NIOThreadPool, answer: @escaping Answer) {
        (self.clock, self.workers, self.answer) = (clock, workers, answer)
    }

    /// Sets `channel` up for HTTP/1.1 with requests of up to `SocketServer.maximumRequestBytes`, answered by `answer`.
    static func install(on channel: any Channel, clock: any TimeSource, workers: NIOThreadPool, answer: @escaping Answer) -> EventLoopFuture<Void> {
        channel.pipeline.configureHTTPServerPipeline(withErrorHandling: false).flatMapThrowing {
            try channel.pipeline.syncOperations.addHandlers([
                MalformedRequestReply(), NIOHTTPServerRequestAggregator(maxContentLength: SocketServer.maximumRequestBytes),
                CallHandler(clock: clock, workers: workers, answer: answer),
            ])
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let request = unwrapInboundIn(data)
        let answer = self.answer
        let reply = workers.runIfActive(eventLoop: context.eventLoop) { answer(request) }
        let keepAlive = request.head.isKeepAlive
        let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
        reply.whenComplete { result in
            let (context, handler) = bound.value
            handler.write(result.get(or: CallReply.failure(.io("the service is shutting down"))), keepAlive: keepAlive, context: context)
        }
    }

    private func write(_ reply: CallReply, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders([
            ("Content-Type", reply.contentType), ("Content-Length", String(reply.body.count)),
            (Self.serviceTimeHeader, String(Timestamp.milliseconds(clock.now))),
        ] + reply.headers)
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !reply.omitsBody { context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil) }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive { done.whenComplete { [channel = context.channel] _ in channel.close(promise: nil) } }
    }
}

extension Result {
    func get(or fallback: Success) -> Success { (try? get()) ?? fallback }
}
