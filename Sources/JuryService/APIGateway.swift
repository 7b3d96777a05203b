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

    /// S3's GetObject and HeadObject on `/BUCKET/KEY`.
    private func object(_ request: APIRequest, caller: Caller) throws -> CallReply {
        guard request.method == .GET || request.method == .HEAD else {
            throw APIFailure(code: "MethodNotAllowed", status: 405, message: "The specified method is not allowed against this resource: outputs are read-only.")
        }
        let segments = request.pathSegments(droppingPrefix: 1)
        guard segments.count >= 2 else { throw APIFailure(code: "NoSuchKey", status: 404, message: "The specified key does not exist.") }
        let (data, modified) = try service.outputObject(bucket: segments[0], key: segments.dropFirst().joined(separator: "/"), caller: caller)
        let headers = [("Last-Modified", modified.formatted(Self.httpDate)), ("ETag", "\"\(SignatureV4.payloadHash(data).prefix(32))\""),
                       ("Accept-Ranges", "none")]
        return CallReply(status: 200, body: data, contentType: "application/json", headers: headers, omitsBody: request.method == .HEAD)
    }

    /// `Tue, 01 Dec 2026 10:00:00 GMT`.
    static let httpDate = Date.VerbatimFormatStyle(
        format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
        locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt, calendar: Calendar(identifier: .gregorian))
}

extension APIRequest.Style {
    var isObjects: Bool { if case .objects = self { true } else { false } }
}
