import Foundation
import JuryCore
import JuryJSON
import NIOHTTP1

/// The HTTP answer to one request: for the socket's calls, 200 with the result's JSON, or a refusal's
/// status with a `ServiceFailure` document; for the A2I API, AWS's shapes.
struct CallReply: Sendable {
    let status: Int
    let body: Data
    var contentType = "application/json"
    /// Headers besides the content's type and length.
    var headers: [(String, String)] = []
    /// A HEAD request's answer: `Content-Length` is the body's, but the body is not sent.
    var omitsBody = false

    init(status: Int, body: Data, contentType: String = "application/json", headers: [(String, String)] = [], omitsBody: Bool = false) {
        (self.status, self.body, self.contentType, self.headers, self.omitsBody) = (status, body, contentType, headers, omitsBody)
    }

    static func failure(_ error: JuryError) -> CallReply {
        let failure = ServiceFailure(error)
        let document = (try? JSONValueEncoder().encode(failure)) ?? .null
        return CallReply(status: failure.httpStatus, body: document.encoded())
    }

    /// Decodes the call from `request` and performs it for `caller`.
    static func answer(_ request: NIOHTTPServerRequestFull, service: QueueService, caller: Caller) -> CallReply {
        do {
            let call = try decodeCall(request)
            let result = try service.perform(call, caller: caller, actingAs: request.head.headers.first(name: CallHandler.actingAsHeader))
            return CallReply(status: 200, body: result.encoded())
        } catch let error as JuryError {
            return failure(error)
        } catch {
            return failure(.io("\(error)"))
        }
    }

    private static func decodeCall(_ request: NIOHTTPServerRequestFull) throws -> ServiceCall {
        guard request.head.method == .POST else { throw JuryError.invalidInput("calls are POST requests, not \(request.head.method.rawValue)") }
        guard request.head.uri.hasPrefix("/v1/") else { throw JuryError.notFound("no such call: \(request.head.uri)") }
        let bytes = request.body.map { Data($0.readableBytesView) } ?? Data()
        let call: ServiceCall
        do {
            call = try JSONValueDecoder().decode(ServiceCall.self, from: try JSONValue.parse(bytes))
        } catch let error as JSONReadError {
            throw JuryError.invalidInput("the request body is not JSON: \(error.description)")
        } catch {
            throw JuryError.invalidInput("the request body is not a call: \(error)")
        }
        guard "/v1/" + call.name == request.head.uri else {
            throw JuryError.invalidInput("the body is a \(call.name) call but the path is \(request.head.uri)")
        }
        return call
    }
}
