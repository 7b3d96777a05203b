import Foundation
import JuryCore
import NIOCore
import NIOPosix

/// The A2I API over TCP (HTTP/1.1): A2I's runtime, SageMaker's flow and task UI calls and S3's
/// GetObject/HeadObject for outputs, each request signed with AWS Signature Version 4 (see `APIGateway`).
/// Plain HTTP: TLS belongs to a reverse proxy in front (docs/a2i-api.md).
public final class APIServer: Sendable {
    /// The address bound, `HOST:PORT` (the port the system chose when 0 was asked for).
    public let address: String
    private let channel: any Channel
    private let workers: NIOThreadPool
    private let connections = OpenConnections()

    /// Binds `host:port` and answers through `gateway` until `close()`.
    /// - Parameter workerThreads: threads that run requests (blocking ledger work).
    /// - Throws: the bind error, e.g. when the port is taken.
    public init(gateway: APIGateway, host: String, port: Int, workerThreads: Int = 64) throws {
        workers = NIOThreadPool(numberOfThreads: workerThreads)
        workers.start()
        let pool = workers
        channel = try SocketServer.bootstrap(connections: connections) { child in
            CallHandler.install(on: child, clock: gateway.clock, workers: pool, answer: gateway.answer)
        }
        .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
        .bind(host: host, port: port).wait()
        let bound = channel.localAddress?.port ?? port
        address = host.contains(":") ? "[\(host)]:\(bound)" : "\(host):\(bound)"
    }

    /// Stops accepting connections, closes the open ones and ends the worker threads.
    public func close() {
        try? channel.close().wait()
        connections.closeAll()
        try? workers.syncShutdownGracefully()
    }

    /// Splits `HOST:PORT` (`[V6]:PORT` for IPv6, or a bare port for loopback).
    /// - Throws: `JuryError.invalidInput` for anything else.
    public static func parseListenAddress(_ text: String) throws -> (host: String, port: Int) {
        let host: Substring, portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[close...].dropFirst(2)
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            (host, portText) = ("127.0.0.1", Substring(text))
        }
        guard let port = Int(portText), (0...65_535).contains(port), !host.isEmpty else {
            throw JuryError.invalidInput("--listen \(text): expected HOST:PORT, e.g. 127.0.0.1:8443 (port 0 picks a free one)")
        }
        return (String(host), port)
    }
}
