import Crypto
import Foundation
import Synchronization

/// Why a request's signature was refused; `code` and `status` are AWS's for its JSON APIs.
public enum SignatureRefusal: Error, Equatable, Sendable {
    /// No `Authorization` header.
    case missing
    /// An `Authorization` header that does not hold every part, or a missing or malformed `X-Amz-Date`.
    case incomplete(String)
    /// An access key id that `QUEUE/credentials` does not hold.
    case unknownKey
    /// Signed more than 15 minutes from the service's clock, either way.
    case expired(String)
    /// The signature does not match the one computed with the key's secret.
    case mismatch
    /// A credential scope naming another service than the one called.
    case wrongScope(String)
    /// A presigned URL whose `X-Amz-*` query parameters are missing, malformed or out of range.
    case malformedQuery(String)
    /// A presigned URL signed with Signature Version 2 (`AWSAccessKeyId`, `Signature`, `Expires`), which
    /// S3 no longer takes for buckets made since 2020.
    case version2
    /// A presigned URL used after its `X-Amz-Date` plus `X-Amz-Expires`, or more than 15 minutes before its date.
    case outsideValidity(String)

    public var code: String {
        switch self {
        case .missing: "MissingAuthenticationTokenException"
        case .incomplete: "IncompleteSignatureException"
        case .unknownKey: "UnrecognizedClientException"
        case .expired, .mismatch, .wrongScope: "InvalidSignatureException"
        case .malformedQuery: "AuthorizationQueryParametersError"
        case .outsideValidity: "AccessDenied"
        case .version2: "InvalidRequest"
        }
    }

    public var status: Int {
        switch self {
        case .incomplete, .malformedQuery, .version2: 400
        default: 403
        }
    }

    public var message: String {
        switch self {
        case .missing: "Missing Authentication Token"
        case .incomplete(let detail): detail
        case .unknownKey: "The security token included in the request is invalid."
        case .expired(let detail), .wrongScope(let detail), .malformedQuery(let detail), .outsideValidity(let detail): detail
        case .version2: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."
        case .mismatch: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
        }
    }
}

/// Checks AWS Signature Version 4 on requests against the producers' access keys.
public struct SignatureVerifier: Sendable {
    public let keys: AccessKeys
    private let signingKeys = SigningKeyCache()
    /// How far a request's `X-Amz-Date` may be from the service's clock, as AWS allows.
    public static let allowedSkew: TimeInterval = 15 * 60

    public init(keys: AccessKeys) { self.keys = keys }

    /// The key that signed `request` for `service` (the signing name its credential scope must hold; any
    /// region that is not empty is taken): in its `Authorization` header, or for S3 alone in its query
    /// (a presigned URL: `X-Amz-Algorithm`, `-Credential`, `-Date`, `-Expires`, `-SignedHeaders`,
    /// `-Signature`, over `UNSIGNED-PAYLOAD`, valid from 15 minutes before its date until it expires).
    /// - Throws: `SignatureRefusal` for an unsigned, malformed, unknown-key, wrongly scoped, skewed, expired
    ///   or wrongly signed request.
    public func verify(_ request: SignatureV4.Request, service: String, now: Date) throws(SignatureRefusal) -> AccessKeys.Key {
        let header = { (name: String) in request.headers.first { SignatureV4.lowercasedName($0.name) == name }?.value }
        let query = Self.queryParameters(request.query)
        if let authorization = header("authorization") {
            guard query["X-Amz-Signature"] == nil else { throw .malformedQuery("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified") }
            let signed = try Self.parse(authorization)
            guard let amzDate = header("x-amz-date"), let signedAt = SignatureV4.date(amzDate: amzDate) else {
                throw .incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
            }
            try check(signed, amzDate: amzDate, service: service, header: header)
            try Self.checkSkew(signedAt: signedAt, amzDate: amzDate, now: now)
            return try key(signing: request, as: signed, amzDate: amzDate)
        }
        guard service == "s3" else { throw .missing }
        if query["AWSAccessKeyId"] != nil && query["Signature"] != nil { throw .version2 }
        guard query["X-Amz-Algorithm"] != nil || query["X-Amz-Signature"] != nil else { throw .missing }
        let (presigned, amzDate) = try Self.parsePresigned(query, now: now)
        do {
            try check(presigned, amzDate: amzDate, service: service, header: header)
        } catch {
            // What is malformed is in the query: S3 names it so.
            switch error {
            case .incomplete(let detail), .wrongScope(let detail): throw .malformedQuery(detail)
            default: throw error
            }
        }
        var unsigned = request
        unsigned.query = Self.removingSignature(from: request.query)
        unsigned.payloadHash = "UNSIGNED-PAYLOAD"
        return try key(signing: unsigned, as: presigned, amzDate: amzDate)
    }

    /// What a request says about its signature, from its `Authorization` header or its query.
    struct Signed {
        let accessKey: String, scope: SignatureV4.Scope, signedHeaders: [String], signature: String
    }

    /// The checks a header and a query signature share: the scope's date, region and service, and
    /// which headers are signed.
    private func check(_ signed: Signed, amzDate: String, service: String, header: (String) -> String?) throws(SignatureRefusal) {
        guard signed.scope.date == amzDate.prefix(8) else { throw .incomplete("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(signed.scope.date)' != '\(amzDate.prefix(8))'") }
        guard !signed.scope.region.isEmpty else { throw .incomplete("Credential should be scoped to a valid region. ") }
        guard signed.scope.service == service else { throw .wrongScope("Credential should be scoped to correct service: '\(service)'. ") }
        guard keys.keys[signed.accessKey] != nil else { throw .unknownKey }
        guard signed.signedHeaders.contains("host") else { throw .incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.") }
        // The operation a SageMaker call names: unsigned, a captured request could be replayed as another.
        guard header("x-amz-target") == nil || signed.signedHeaders.contains("x-amz-target") else {
            throw .incomplete("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.")
        }
    }

    /// The key whose secret gives `signed.signature` for `request`.
    private func key(signing request: SignatureV4.Request, as signed: Signed, amzDate: String) throws(SignatureRefusal) -> AccessKeys.Key {
        guard let key = keys.keys[signed.accessKey] else { throw .unknownKey }
        let canonical = SignatureV4.canonicalRequest(request, signedHeaders: signed.signedHeaders, service: signed.scope.service)
        let expected = SignatureV4.signature(
            stringToSign: SignatureV4.stringToSign(canonicalRequest: canonical, amzDate: amzDate, scope: signed.scope),
            signingKey: signingKeys.key(accessKey: signed.accessKey, secret: key.secret, scope: signed.scope))
        guard Self.constantTimeEqual(expected, signed.signature) else { throw .mismatch }
        return key
    }

    /// The longest validity S3 takes for a presigned URL: seven days, in seconds.
    public static let longestPresignedValidity = 604_800

    /// A presigned URL's signature and date, checked against `now`.
    /// - Throws: `SignatureRefusal.malformedQuery` for a missing or malformed parameter, `.outsideValidity`
    ///   when `now` is past the date plus `X-Amz-Expires` or more than 15 minutes before the date.
    static func parsePresigned(_ query: [String: String], now: Date) throws(SignatureRefusal) -> (Signed, amzDate: String) {
        let names = ["X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders"]
        let missing = names.filter { query[$0] == nil }
        guard missing.isEmpty, let algorithm = query["X-Amz-Algorithm"], let credential = query["X-Amz-Credential"],
              let signature = query["X-Amz-Signature"], let amzDate = query["X-Amz-Date"], let expires = query["X-Amz-Expires"],
              let signedHeaders = query["X-Amz-SignedHeaders"] else {
            throw .malformedQuery("Query-string authentication version 4 requires the \(missing.joined(separator: ", ")) parameters")
        }
        guard algorithm == SignatureV4.algorithm else { throw .malformedQuery("X-Amz-Algorithm only supports \"\(SignatureV4.algorithm)\"") }
        guard let signedAt = SignatureV4.date(amzDate: amzDate) else {
            throw .malformedQuery("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        guard expires.utf8.count <= 7, expires.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let seconds = Int(expires), (0...longestPresignedValidity).contains(seconds) else {
            throw .malformedQuery("X-Amz-Expires must be a whole number of seconds from 0 to \(longestPresignedValidity)")
        }
        guard now <= signedAt.addingTimeInterval(TimeInterval(seconds)) else { throw .outsideValidity("Request has expired") }
        guard now >= signedAt.addingTimeInterval(-allowedSkew) else { throw .outsideValidity("Request is not valid yet") }
        let parsed: (accessKey: String, scope: SignatureV4.Scope)
        do {
            parsed = try parseCredential(credential)
        } catch {
            throw .malformedQuery("Error parsing the X-Amz-Credential parameter: \(error.message)")
        }
        return (Signed(accessKey: parsed.accessKey, scope: parsed.scope, signedHeaders: headerNames(signedHeaders), signature: signature), amzDate)
    }

    /// The query's parameters percent-decoded, by name; a repeated name keeps its last value.
    static func queryParameters(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { String($0).removingPercentEncoding ?? String($0) }
            parameters[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return parameters
    }

    /// `query` (as it travelled) without its `X-Amz-Signature` parameters: what a presigned URL signs.
    static func removingSignature(from query: String) -> String {
        query.split(separator: "&").filter { pair in
            let name = pair.prefix { $0 != "=" }
            return (String(name).removingPercentEncoding ?? String(name)) != "X-Amz-Signature"
        }.joined(separator: "&")
    }

    /// `YYYYMMDDTHHMMSSZ`, the form of `X-Amz-Date`.
    public static let amzDateFormat = Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)

    /// - Throws: `SignatureRefusal.expired` when `signedAt` (the time `amzDate` names) is more than 15
    ///   minutes from `now`.
    private static func checkSkew(signedAt: Date, amzDate: String, now: Date) throws(SignatureRefusal) {
        var nowText: String { now.formatted(amzDateFormat) }
        if signedAt < now.addingTimeInterval(-allowedSkew) {
            throw .expired("Signature expired: \(amzDate) is now earlier than \(now.addingTimeInterval(-allowedSkew).formatted(amzDateFormat)) (\(nowText) - 15 min.)")
        }
        if signedAt > now.addingTimeInterval(allowedSkew) {
            throw .expired("Signature not yet current: \(amzDate) is still later than \(now.addingTimeInterval(allowedSkew).formatted(amzDateFormat)) (\(nowText) + 15 min.)")
        }
    }

    /// `AWS4-HMAC-SHA256 Credential=ID/SCOPE, SignedHeaders=a;b, Signature=HEX`: comma-separated
    /// `name=value` items, blanks around each item ignored, the last of a repeated name kept.
    static func parse(_ authorization: String) throws(SignatureRefusal) -> Signed {
        guard authorization.hasPrefix(SignatureV4.algorithm + " ") else {
            throw .incomplete("Authorization header must start with \(SignatureV4.algorithm); it is \(authorization.prefix(20))")
        }
        var credentialText: String?, signedHeadersText: String?, signature: String?
        let items = authorization.utf8.dropFirst(SignatureV4.algorithm.utf8.count + 1)
        for item in items.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let trimmed = trimmingBlanks(item)
            guard let equals = trimmed.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let value = String(Substring(trimmed[trimmed.index(after: equals)...]))
            switch String(Substring(trimmed[..<equals])) {
            case "Credential": credentialText = value
            case "SignedHeaders": signedHeadersText = value
            case "Signature": signature = value
            default: continue
            }
        }
        guard let credentialText, let signedHeadersText, let signature else {
            let missing = [("Credential", credentialText), ("SignedHeaders", signedHeadersText), ("Signature", signature)].filter { $0.1 == nil }.map(\.0)
            throw .incomplete("Authorization header requires '\(missing.joined(separator: "', '"))' parameter(s). Authorization=\(authorization)")
        }
        let (accessKey, scope) = try parseCredential(credentialText)
        return Signed(accessKey: accessKey, scope: scope, signedHeaders: headerNames(signedHeadersText), signature: signature)
    }

    /// `ID/DATE/REGION/SERVICE/aws4_request`.
    private static func parseCredential(_ text: String) throws(SignatureRefusal) -> (accessKey: String, scope: SignatureV4.Scope) {
        let credential = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard credential.count == 5, credential[4] == "aws4_request", !credential[0].isEmpty else {
            throw .incomplete("Credential should be scoped to a valid region, service and aws4_request: \(text)")
        }
        return (credential[0], SignatureV4.Scope(date: credential[1], region: credential[2], service: credential[3]))
    }

    /// `a;b;c`, each name in lower case.
    private static func headerNames(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: ";")).map { SignatureV4.lowercasedName(String(decoding: $0, as: UTF8.self)) }
    }

    /// `bytes` without leading and trailing spaces and tabs.
    private static func trimmingBlanks(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        let blank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }

    private static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The signing keys derived so far, by access key, secret and scope, as AWS's SDKs keep them: a key
/// serves every request of its day, region and service, so a request costs one HMAC instead of five.
/// At most `capacity` keys are kept (all are dropped when it is reached: a new day's keys replace the
/// old ones).
private final class SigningKeyCache: Sendable {
    private struct Entry: Hashable {
        let accessKey: String, secret: String, scope: SignatureV4.Scope
    }

    private static let capacity = 256
    private let keys = Mutex<[Entry: SymmetricKey]>([:])

    func key(accessKey: String, secret: String, scope: SignatureV4.Scope) -> SymmetricKey {
        let entry = Entry(accessKey: accessKey, secret: secret, scope: scope)
        if let key = keys.withLock({ $0[entry] }) { return key }
        let key = SignatureV4.signingKey(secret: secret, scope: scope)
        keys.withLock { keys in
            if keys.count >= Self.capacity { keys.removeAll() }
            keys[entry] = key
        }
        return key
    }
}
