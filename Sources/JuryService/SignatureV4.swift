import Crypto
import Foundation

/// AWS Signature Version 4 over one HTTP request: the canonical request, the string to sign and the
/// signature, as AWS's SDKs compute them (botocore's rules: the path percent-encoded again except for
/// S3, query parameters re-encoded and sorted, signed headers trimmed and joined).
public struct SignatureV4: Sendable {
    /// The parts of a request that are signed. `path` and `query` are as they travel (percent-encoded).
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: String
        /// Header names in any case; a name may repeat.
        public var headers: [(name: String, value: String)]
        /// The payload's SHA-256 in lower-case hex, or `UNSIGNED-PAYLOAD`.
        public var payloadHash: String

        public init(method: String, path: String, query: String, headers: [(name: String, value: String)], payloadHash: String) {
            (self.method, self.path, self.query, self.headers, self.payloadHash) = (method, path, query, headers, payloadHash)
        }
    }

    /// `DATE/REGION/SERVICE/aws4_request`, DATE being `YYYYMMDD`.
    public struct Scope: Sendable, Hashable {
        public let date: String
        public let region: String
        public let service: String

        public init(date: String, region: String, service: String) { (self.date, self.region, self.service) = (date, region, service) }

        public var text: String { "\(date)/\(region)/\(service)/aws4_request" }
    }

    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The canonical request for `request`, signing the headers named in `signedHeaders` (lower case, sorted).
    public static func canonicalRequest(_ request: Request, signedHeaders: [String], service: String) -> String {
        let path = service == "s3" ? (request.path.isEmpty ? "/" : request.path) : uriEncode(normalizedPath(request.path), keepingSlashes: true)
        let names = request.headers.map { lowercasedName($0.name) }
        let headerLines = signedHeaders.map { name in
            let values = request.headers.indices.filter { names[$0] == name }.map { collapseSpaces(request.headers[$0].value) }
            return "\(name):\(values.joined(separator: ","))\n"
        }
        return [request.method, path, canonicalQuery(request.query), headerLines.joined(), signedHeaders.joined(separator: ";"), request.payloadHash]
            .joined(separator: "\n")
    }

    /// The string to sign for a canonical request made at `amzDate` (`YYYYMMDDTHHMMSSZ`).
    public static func stringToSign(canonicalRequest: String, amzDate: String, scope: Scope) -> String {
        [algorithm, amzDate, scope.text, hex(SHA256.hash(data: Data(canonicalRequest.utf8)))].joined(separator: "\n")
    }

    /// The signature of `stringToSign` with `secret` in `scope`, in lower-case hex.
    public static func signature(stringToSign: String, secret: String, scope: Scope) -> String {
        signature(stringToSign: stringToSign, signingKey: signingKey(secret: secret, scope: scope))
    }

    /// The signature of `stringToSign` with a key from `signingKey(secret:scope:)`, in lower-case hex.
    static func signature(stringToSign: String, signingKey: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: signingKey))
    }

    /// The key derived from `secret` for `scope` (four HMACs): the same for every request of that day,
    /// region and service, so a client may keep it for them, as AWS's Java and Go SDKs do.
    public static func signingKey(secret: String, scope: Scope) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in [scope.date, scope.region, scope.service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// The `Authorization` header value a client sends for `request` (which must hold `X-Amz-Date` and `Host`).
    public static func authorization(_ request: Request, accessKey: String, secret: String, scope: Scope, amzDate: String) -> String {
        authorization(request, accessKey: accessKey, signingKey: signingKey(secret: secret, scope: scope), scope: scope, amzDate: amzDate)
    }

    /// The `Authorization` header value for `request`, signed with `signingKey(secret:scope:)` of the key's secret and `scope`.
    public static func authorization(_ request: Request, accessKey: String, signingKey: SymmetricKey, scope: Scope, amzDate: String) -> String {
        let signed = Set(request.headers.map { lowercasedName($0.name) }).sorted()
        let canonical = canonicalRequest(request, signedHeaders: signed, service: scope.service)
        let signature = signature(stringToSign: stringToSign(canonicalRequest: canonical, amzDate: amzDate, scope: scope), signingKey: signingKey)
        return "\(algorithm) Credential=\(accessKey)/\(scope.text), SignedHeaders=\(signed.joined(separator: ";")), Signature=\(signature)"
    }

    /// SHA-256 of `data` in lower-case hex (the payload hash).
    public static func payloadHash(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(hexDigit(byte >> 4, upper: false))
            text.append(hexDigit(byte & 15, upper: false))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The ASCII hex digit of `nibble` (0-15).
    private static func hexDigit(_ nibble: UInt8, upper: Bool) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : (upper ? UInt8(ascii: "A") : UInt8(ascii: "a")) + nibble - 10
    }

    /// The time an `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`, UTC) names; nil when it is not of that form
    /// or names no real time (month 13, hour 24, 31 February). Read digit by digit, then `timegm`:
    /// Foundation's ISO 8601 parser took a tenth of every signature check.
    public static func date(amzDate text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
              (1...12).contains(month), hour < 24, minute < 60, second < 60 else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...monthDays[month - 1]).contains(day) else { return nil }
        var fields = tm()
        (fields.tm_year, fields.tm_mon, fields.tm_mday) = (Int32(year - 1900), Int32(month - 1), Int32(day))
        (fields.tm_hour, fields.tm_min, fields.tm_sec) = (Int32(hour), Int32(minute), Int32(second))
        return Date(timeIntervalSince1970: TimeInterval(timegm(&fields)))
    }

    /// Query parameters decoded, encoded again with AWS's rules and sorted by name, then value.
    static func canonicalQuery(_ query: String) -> String {
        var pairs: [(name: String, value: String)] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? reencoded(parts[1]) : ""
            pairs.append((reencoded(parts[0]), value))
        }
        pairs.sort { left, right in left.name == right.name ? left.value < right.value : left.name < right.name }
        return pairs.map { pair in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    private static func reencoded(_ part: Substring) -> String {
        let text = String(part)
        return uriEncode(text.removingPercentEncoding ?? text, keepingSlashes: false)
    }

    /// Every byte but `A-Z a-z 0-9 - _ . ~` (and `/` when `keepingSlashes`) as `%XX`.
    static func uriEncode(_ text: String, keepingSlashes: Bool) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F, 0x2E, 0x7E: encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case 0x2F where keepingSlashes: encoded.append("/")
            default: encoded.unicodeScalars.append(contentsOf: ["%", Unicode.Scalar(hexDigit(byte >> 4, upper: true)), Unicode.Scalar(hexDigit(byte & 15, upper: true))])
            }
        }
        return encoded
    }

    /// The path without empty, `.` and `..` segments (RFC 3986's dot-segment removal), keeping a final slash.
    static func normalizedPath(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let joined = "/" + segments.joined(separator: "/")
        return path.hasSuffix("/") && joined != "/" ? joined + "/" : joined
    }

    /// A header name in lower case. Names are ASCII tokens: their bytes are lowered one by one, and
    /// only a name holding other bytes goes through Unicode's `lowercased()`.
    static func lowercasedName(_ name: some StringProtocol) -> String {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return name.lowercased() }
        return String(decoding: name.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// The value trimmed, with runs of white space made one space.
    static func collapseSpaces(_ value: String) -> String {
        // Most values hold no blank at all (and no non-ASCII byte that might be one): they pass as they are.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: " ") || (0x09...0x0D).contains($0) || $0 >= 0x80 }) else { return value }
        return value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
