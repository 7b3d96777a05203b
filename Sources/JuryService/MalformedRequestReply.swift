import NIOCore
import NIOHTTP1

/// Answers a request the HTTP parser cannot read (a header section over llhttp's 80 KiB, a broken request
/// line) with a 400 whose JSON body and `X-Amzn-ErrorType` say why, as every other refusal does, then
/// closes the connection. A response already under way is finished first and gets no second head.
final class MalformedRequestReply: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private var responseUnderWay = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !responseUnderWay else {
            context.close(promise: nil)
            return
        }
        let body = ByteBuffer(string: #"{"__type":"ValidationException","message":"the request is not HTTP/1.1 Jury can read: \#(Self.reason(parserError))"}"#)
        let head = HTTPResponseHead(version: .http1_1, status: .badRequest, headers: [
            "Content-Type": "application/json", "Content-Length": String(body.readableBytes),
            "X-Amzn-ErrorType": "ValidationException", "Connection": "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { [channel = context.channel] _ in channel.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: responseUnderWay = true
        case .end: responseUnderWay = false
        case .body: break
        }
        context.write(data, promise: promise)
    }

    private static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .headerOverflow: "its request line and headers are over 80 KiB"
        case .invalidURL: "its request line has no valid path"
        default: "\(error)"
        }
    }
}
