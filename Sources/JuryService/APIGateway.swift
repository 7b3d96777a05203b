import Crypto
import Foundation
import JuryCore
import JuryJSON
import NIOHTTP1
import Synchronization

/// Answers the A2I API's requests: checks each one's signature against `QUEUE/credentials`, then
/// performs it through the queue service as a `ServiceCall` for the key's profile, so the socket,
/// in-process clients and the API share one implementation. Only producers' calls are reachable here.
public final class APIGateway: Sendable {
    let service: QueueService
    let verifier: SignatureVerifier
    private let requestCount = Atomic<UInt64>(0)

    public init(service: QueueService, keys: AccessKeys) {
        self.service = service
        verifier = SignatureVerifier(keys: keys)
    }

    var clock: any TimeSource { service.ledger.time }

    /// The reply to `request`: AWS's response or error shape for the protocol it speaks.
    @Sendable func answer(_ request: NIOHTTPServerRequestFull) -> CallReply {
        let api = APIRequest(request)
        let style = api.style
        let count = String(requestCount.add(1, ordering: .relaxed).newValue, radix: 16)
        let requestId = "jury-" + String(repeating: "0", count: max(0, 16 - count.count)) + count
        do {
            let key = try verifier.verify(try api.signedParts(), service: style.signingName, now: clock.now)
            var reply = try route(api, style: style, caller: .accessKeyHolder(profile: key.profile))
            reply.headers.append((style.isObjects ? "x-amz-request-id" : "X-Amzn-RequestId", requestId))
            return reply
        } catch let refusal as SignatureRefusal {
            return APIFailure.signature(refusal, style: style).reply(style: style, requestId: requestId, isHead: api.method == .HEAD)
        } catch let failure as APIFailure {
            return failure.reply(style: style, requestId: requestId, isHead: api.method == .HEAD)
        } catch {
            let failure = APIFailure.from(error as? JuryError ?? .io("\(error)"), style: style)
            return failure.reply(style: style, requestId: requestId, isHead: api.method == .HEAD)
        }
    }

    private func route(_ request: APIRequest, style: APIRequest.Style, caller: Caller) throws -> CallReply {
        switch style {
        case .runtime: return try runtime(request, caller: caller)
        case .sageMaker(let operation): return try sageMaker(operation, request: request, caller: caller)
        case .objects: return try object(request, caller: caller)
        }
    }

    /// Performs `call` for `caller` and answers 200 with `transform` of its result.
    func perform(_ call: ServiceCall, caller: Caller, contentType: String = "application/json",
                 _ transform: (JSONValue) throws -> JSONValue = { $0 == .null ? .object([:]) : $0 }) throws -> CallReply {
        CallReply(status: 200, body: try transform(try service.perform(call, caller: caller)).encoded(), contentType: contentType)
    }

    /// S3's GetObject and HeadObject on `/BUCKET/KEY`, with S3's `ETag` (the MD5 of the object), one
    /// byte range (`Range: bytes=A-B`, `A-` or `-N`, as boto3's `download_file` asks for the parts of a
    /// large object: 206 with `Content-Range`) and `If-Match`.
    private func object(_ request: APIRequest, caller: Caller) throws -> CallReply {
        guard request.method == .GET || request.method == .HEAD else {
            throw APIFailure(code: "MethodNotAllowed", status: 405, message: "The specified method is not allowed against this resource: outputs are read-only.")
        }
        let segments = request.pathSegments(droppingPrefix: 1)
        guard segments.count >= 2 else { throw APIFailure(code: "NoSuchKey", status: 404, message: "The specified key does not exist.") }
        let (data, modified) = try service.outputObject(bucket: segments[0], key: segments.dropFirst().joined(separator: "/"), caller: caller)
        let etag = "\"" + SignatureV4.hex(Insecure.MD5.hash(data: data)) + "\""
        if let wanted = request.headers.first(name: "If-Match"), wanted != "*", wanted != etag {
            throw APIFailure(code: "PreconditionFailed", status: 412, message: "At least one of the pre-conditions you specified did not hold")
        }
        var headers = [("Last-Modified", modified.formatted(Self.httpDate)), ("ETag", etag), ("Accept-Ranges", "bytes")]
        guard let range = request.headers.first(name: "Range").flatMap(ByteRange.init(header:)) else {
            return CallReply(status: 200, body: data, contentType: "application/json", headers: headers, omitsBody: request.method == .HEAD)
        }
        guard let bytes = range.bounds(in: data.count) else {
            throw APIFailure(code: "InvalidRange", status: 416, message: "The requested range is not satisfiable")
        }
        headers.append(("Content-Range", "bytes \(bytes.lowerBound)-\(bytes.upperBound - 1)/\(data.count)"))
        return CallReply(status: 206, body: data.subdata(in: bytes), contentType: "application/json", headers: headers,
                         omitsBody: request.method == .HEAD)
    }

    /// `Tue, 01 Dec 2026 10:00:00 GMT`.
    static let httpDate = Date.VerbatimFormatStyle(
        format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
        locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
}

extension APIRequest.Style {
    var isObjects: Bool { if case .objects = self { true } else { false } }
}

/// One byte range of an HTTP `Range` header (RFC 9110): `bytes=A-B`, `bytes=A-` or `bytes=-N`. A header
/// of several ranges, or of another unit, is none: the whole object is sent, as S3 sends it.
struct ByteRange: Equatable {
    let first: Int?, last: Int?

    init?(header: String) {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let parts = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let number = { (text: Substring) -> Int?? in
            text.isEmpty ? .some(nil) : (text.allSatisfy(\.isASCII) ? Int(text).map { .some($0) } : nil)
        }
        guard let first = number(parts[0]), let last = number(parts[1]), first != nil || last != nil else { return nil }
        if let first, let last, last < first { return nil }
        (self.first, self.last) = (first, last)
    }

    /// The offsets the range covers in an object of `size` bytes, or nil when it covers none (416).
    func bounds(in size: Int) -> Range<Int>? {
        switch (first, last) {
        case (let first?, let last): first < size ? first..<min(size, (last ?? size - 1) + 1) : nil
        case (nil, let suffix?): suffix > 0 && size > 0 ? max(0, size - suffix)..<size : nil
        case (nil, nil): nil
        }
    }
}
