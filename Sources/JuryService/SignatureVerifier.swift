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

    public var code: String {
        switch self {
        case .missing: "MissingAuthenticationTokenException"
        case .incomplete: "IncompleteSignatureException"
        case .unknownKey: "UnrecognizedClientException"
        case .expired, .mismatch, .wrongScope: "InvalidSignatureException"
        }
    }

    public var status: Int { if case .incomplete = self { 400 } else { 403 } }

    public var message: String {
        switch self {
        case .missing: "Missing Authentication Token"
        case .incomplete(let detail): detail
        case .unknownKey: "The security token included in the request is invalid."
        case .expired(let detail), .wrongScope(let detail): detail
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
    /// region that is not empty is taken).
    /// - Throws: `SignatureRefusal` for an unsigned, malformed, unknown-key, wrongly scoped, skewed or wrongly
    ///   signed request.
    public func verify(_ request: SignatureV4.Request, service: String, now: Date) throws(SignatureRefusal) -> AccessKeys.Key {
        let header = { (name: String) in request.headers.first { SignatureV4.lowercasedName($0.name) == name }?.value }
        guard let authorization = header("authorization") else { throw .missing }
        let parts = try Self.parse(authorization)
        guard let amzDate = header("x-amz-date"), let signedAt = SignatureV4.date(amzDate: amzDate) else {
            throw .incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard parts.scope.date == amzDate.prefix(8) else { throw .incomplete("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '\(parts.scope.date)' != '\(amzDate.prefix(8))'") }
        guard !parts.scope.region.isEmpty else { throw .incomplete("Credential should be scoped to a valid region. ") }
        guard parts.scope.service == service else { throw .wrongScope("Credential should be scoped to correct service: '\(service)'. ") }
        guard let key = keys.keys[parts.accessKey] else { throw .unknownKey }
        try Self.checkSkew(signedAt: signedAt, amzDate: amzDate, now: now)
        guard parts.signedHeaders.contains("host") else { throw .incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.") }
        // The operation a SageMaker call names: unsigned, a captured request could be replayed as another.
        guard header("x-amz-target") == nil || parts.signedHeaders.contains("x-amz-target") else {
            throw .incomplete("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.")
        }
        let canonical = SignatureV4.canonicalRequest(request, signedHeaders: parts.signedHeaders, service: parts.scope.service)
        let expected = SignatureV4.signature(
            stringToSign: SignatureV4.stringToSign(canonicalRequest: canonical, amzDate: amzDate, scope: parts.scope),
            signingKey: signingKeys.key(accessKey: parts.accessKey, secret: key.secret, scope: parts.scope))
        guard Self.constantTimeEqual(expected, parts.signature) else { throw .mismatch }
        return key
    }

    /// `YYYYMMDDTHHMMSSZ`, the form of `X-Amz-Date`.
    public static let amzDateFormat = Date.ISO8601FormatStyle(dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)

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
    static func parse(_ authorization: String) throws(SignatureRefusal) -> (accessKey: String, scope: SignatureV4.Scope, signedHeaders: [String], signature: String) {
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
        let credential = credentialText.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard credential.count == 5, credential[4] == "aws4_request", !credential[0].isEmpty else {
            throw .incomplete("Credential should be scoped to a valid region, service and aws4_request: \(credentialText)")
        }
        let scope = SignatureV4.Scope(date: credential[1], region: credential[2], service: credential[3])
        let signedHeaders = signedHeadersText.utf8.split(separator: UInt8(ascii: ";"))
            .map { SignatureV4.lowercasedName(String(decoding: $0, as: UTF8.self)) }
        return (credential[0], scope, signedHeaders, signature)
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
