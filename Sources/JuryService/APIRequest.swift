import Foundation
import JuryCore
import JuryJSON
import NIOHTTP1

/// One request of the A2I API, split as signing and routing need it.
struct APIRequest: Sendable {
    /// Which AWS protocol a request speaks, which decides the shape of its errors.
    enum Style: Sendable {
        /// A2I's runtime: REST with JSON, paths under `/human-loops`.
        case runtime
        /// SageMaker: JSON 1.1, `POST /` with `X-Amz-Target: SageMaker.OPERATION`.
        case sageMaker(operation: String)
        /// S3's object reads: `GET` or `HEAD /BUCKET/KEY`, path-style addressing.
        case objects

        /// The service a request's credential scope must name: the SDK models' signing name.
        var signingName: String { if case .objects = self { "s3" } else { "sagemaker" } }
    }

    let method: HTTPMethod
    /// The path as it travelled (percent-encoded).
    let path: String
    /// The query as it travelled, without `?`.
    let query: String
    let headers: HTTPHeaders
    let body: Data

    init(_ request: NIOHTTPServerRequestFull) {
        method = request.head.method
        let uri = request.head.uri
        let mark = uri.firstIndex(of: "?")
        path = String(uri[..<(mark ?? uri.endIndex)])
        query = mark.map { String(uri[uri.index(after: $0)...]) } ?? ""
        headers = request.head.headers
        body = request.body.map { Data($0.readableBytesView) } ?? Data()
    }

    /// Runtime paths are the runtime's whatever headers they carry; SageMaker's calls are the POSTs to `/`
    /// and whatever carries an `X-Amz-Target` there (no target names no operation); everything else is an
    /// object path.
    var style: Style {
        if path == "/human-loops" || path.hasPrefix("/human-loops/") { return .runtime }
        let target = headers.first(name: "X-Amz-Target")
        guard path == "/", method == .POST || target != nil else { return .objects }
        let operation = target ?? ""
        return .sageMaker(operation: operation.hasPrefix("SageMaker.") ? String(operation.dropFirst(10)) : operation)
    }

    /// The query's parameters, percent-decoded; a repeated name keeps its last value.
    var parameters: [String: String] { SignatureVerifier.queryParameters(query) }

    /// The path's segments after the first `count` characters, percent-decoded; none when nothing follows.
    func pathSegments(droppingPrefix count: Int) -> [String] {
        guard path.count > count else { return [] }
        return path.dropFirst(count).split(separator: "/", omittingEmptySubsequences: false).map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// The body as a JSON document (an empty body is an empty object).
    /// - Throws: `JuryError.invalidInput` when it is not a JSON object.
    func jsonBody() throws -> JSONValue {
        guard !body.isEmpty else { return .object([:]) }
        let document: JSONValue
        do {
            document = try JSONValue.parse(body)
        } catch {
            throw JuryError.invalidInput("the request body is not JSON: \(error.description)")
        }
        guard document.objectValue != nil else { throw JuryError.invalidInput("the request body must be a JSON object") }
        return document
    }

    /// What Signature Version 4 covers. The payload hash is the body's SHA-256; only S3 takes the one
    /// `X-Amz-Content-Sha256` sends (which may be `UNSIGNED-PAYLOAD`, an object read having no body), as
    /// AWS does: a runtime or SageMaker request signed over another hash does not match.
    /// - Throws: `SignatureRefusal.mismatch` when a sent payload hash is neither the body's nor S3's unsigned one.
    func signedParts() throws(SignatureRefusal) -> SignatureV4.Request {
        let bodyHash = SignatureV4.payloadHash(body)
        let sentHash = headers.first(name: "X-Amz-Content-Sha256")
        let unsignedAllowed = style.isObjects && sentHash == "UNSIGNED-PAYLOAD"
        if let sentHash, !unsignedAllowed, sentHash != bodyHash { throw .mismatch }
        return SignatureV4.Request(method: method.rawValue, path: path, query: query,
                                   headers: headers.map { (name: $0.name, value: $0.value) }, payloadHash: unsignedAllowed ? "UNSIGNED-PAYLOAD" : bodyHash)
    }
}
