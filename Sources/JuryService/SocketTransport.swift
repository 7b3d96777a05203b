import Foundation
import JuryCore
import JuryJSON
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The queue service over its Unix domain socket: one kept-alive HTTP/1.1 connection, one call at a
/// time, reconnecting once when the service closed it. The service's clock is read from its answers.
public final class SocketTransport: ServiceTransport {
    public let socketPath: String
    /// A demo queue's reviewer to act for (sent in `Jury-Acting-As`; other queues refuse it).
    public let actingAs: String?
    private let connection = Mutex<(any Channel)?>(nil)
    /// Seconds the service's clock is ahead of this host's.
    private let clockOffset = Mutex<Double>(0)

    /// Connects to the service at `socketPath`.
    /// - Throws: `JuryError.io` naming the socket when nothing answers there.
    public init(socketPath: String, actingAs: String? = nil) throws {
        self.socketPath = socketPath
        self.actingAs = actingAs
        try connection.withLock { $0 = try connect() }
    }

    deinit { connection.withLock { $0?.close(promise: nil) } }

    public var now: Date { Date().addingTimeInterval(clockOffset.withLock { $0 }) }

    public func send(_ call: ServiceCall) throws -> JSONValue {
        let body = try JSONValueEncoder().encode(call).encoded()
        let response = try connection.withLock { channel in try exchange(call.name, body: body, on: &channel) }
        let document: JSONValue
        do {
            document = try JSONValue.parse(Data(response.body.map { Data($0.readableBytesView) } ?? Data()))
        } catch {
            throw JuryError.io("the queue service at \(socketPath) answered \(response.head.status.code) with a body that is not JSON")
        }
        if let stamp = response.head.headers.first(name: CallHandler.serviceTimeHeader).flatMap(Int64.init) {
            clockOffset.withLock { $0 = Timestamp.date(milliseconds: stamp).timeIntervalSinceNow }
        }
        guard response.head.status == .ok else {
            guard let failure = try? JSONValueDecoder().decode(ServiceFailure.self, from: document) else {
                throw JuryError.io("the queue service at \(socketPath) answered \(response.head.status.code)")
            }
            throw failure.error
        }
        return document
    }

    /// Sends one request, reconnecting once when the kept-alive connection was closed by the service.
    private func exchange(_ name: String, body: Data, on channel: inout (any Channel)?) throws -> NIOHTTPClientResponseFull {
        for attempt in 0..<2 {
            if channel == nil || !(channel!.isActive) { channel = try connect() }
            do {
                return try request(name, body: body, on: channel!)
            } catch let error as ChannelError where attempt == 0 && (error == .ioOnClosedChannel || error == .eof) {
                channel = nil
            }
        }
        throw JuryError.io("the queue service at \(socketPath) closed the connection")
    }

    private func request(_ name: String, body: Data, on channel: any Channel) throws -> NIOHTTPClientResponseFull {
        var headers = HTTPHeaders([("Host", "jury"), ("Content-Type", "application/json"), ("Content-Length", String(body.count))])
        if let actingAs { headers.add(name: CallHandler.actingAsHeader, value: actingAs) }
        let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: "/v1/" + name, headers: headers)
        let promise = channel.eventLoop.makePromise(of: NIOHTTPClientResponseFull.self)
        // A write to a connection that closed meanwhile never reaches the handler: fail the reply then.
        channel.writeAndFlush(ExchangeHandler.Outbound(head: head, body: ByteBuffer(bytes: body), reply: promise))
            .whenFailure { promise.fail($0) }
        return try promise.futureResult.wait()
    }

    private func connect() throws -> any Channel {
        do {
            return try ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.pipeline.addHTTPClientHandlers().flatMap {
                        channel.pipeline.addHandlers([
                            NIOHTTPClientResponseAggregator(maxContentLength: 256 << 20), ExchangeHandler(),
                        ])
                    }
                }
                .connect(unixDomainSocketPath: socketPath).wait()
        } catch {
            throw JuryError.io("no queue service answers at \(socketPath) (\(error)); start it with `jury serve`")
        }
    }
}

/// Pairs each request written with the response that comes back (HTTP/1.1 answers in order).
final class ExchangeHandler: ChannelDuplexHandler {
    struct Outbound {
        let head: HTTPRequestHead
        let body: ByteBuffer
        let reply: EventLoopPromise<NIOHTTPClientResponseFull>
    }

    typealias InboundIn = NIOHTTPClientResponseFull
    typealias OutboundIn = Outbound
    typealias OutboundOut = HTTPClientRequestPart

    private var waiting: [EventLoopPromise<NIOHTTPClientResponseFull>] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        waiting.append(request.reply)
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(request.body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !waiting.isEmpty else { return }
        waiting.removeFirst().succeed(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(ChannelError.eof)
        context.fireChannelInactive()
    }

    private func failAll(_ error: any Error) {
        let failed = waiting
        waiting = []
        for promise in failed { promise.fail(error) }
    }
}
