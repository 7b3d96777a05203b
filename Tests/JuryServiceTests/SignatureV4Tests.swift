import Foundation
import JuryCore
@testable import JuryService
import NIOCore
import NIOHTTP1
import Testing

@Suite("AWS Signature Version 4")
struct SignatureV4Tests {
    /// AWS's test-suite credentials and time (`aws-sig-v4-test-suite`).
    static let accessKey = "AKIDEXAMPLE"
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let amzDate = "20150830T123600Z"
    static let signedAt = Date(timeIntervalSince1970: 1_440_938_160)
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static func request(_ method: String = "GET", path: String, query: String = "", extra: [(String, String)] = [], body: Data = Data()) -> SignatureV4.Request {
        let headers = [("Host", "example.amazonaws.com"), ("X-Amz-Date", amzDate)] + extra
        return SignatureV4.Request(method: method, path: path, query: query, headers: headers.map { (name: $0.0, value: $0.1) },
                                   payloadHash: SignatureV4.payloadHash(body))
    }

    static func signature(_ request: SignatureV4.Request, service: String = "service") -> String {
        let scope = SignatureV4.Scope(date: "20150830", region: "us-east-1", service: service)
        let authorization = SignatureV4.authorization(request, accessKey: accessKey, secret: secret, scope: scope, amzDate: amzDate)
        return String(authorization.suffix(64))
    }

    @Test("AWS's published vectors: get-vanilla, get-vanilla-query-order-key-case, get-relative")
    func publishedVectors() {
        #expect(Self.signature(Self.request(path: "/")) == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
        #expect(Self.signature(Self.request(path: "/", query: "Param2=value2&Param1=value1"))
            == "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
        #expect(Self.signature(Self.request(path: "/example/..")) == "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test("signatures botocore 1.43 computes for the A2I, SageMaker and S3 requests Jury serves")
    func botocoreVectors() {
        let list = Self.request(path: "/human-loops",
                                query: "FlowDefinitionArn=arn%3Aaws%3Asagemaker%3Aus-east-1%3A000000000000%3Aflow-definition%2Fstress&MaxResults=3")
        #expect(Self.signature(list, service: "sagemaker") == "856fc844c1d0acfa8d8b48d096fe6992aada7150f9a54725cb51f5d247125a54")
        let target = Self.request("POST", path: "/", extra: [("X-Amz-Target", "SageMaker.ListFlowDefinitions"), ("Content-Type", "application/x-amz-json-1.1")],
                                  body: Data(#"{"a":1}"#.utf8))
        #expect(Self.signature(target, service: "sagemaker") == "c2c59d1debb545b1b618e2a5af02ad878dfc1e14b034269096f1538d6c6f05b7")
        let object = Self.request(path: "/bucket/a%20b/output.json", extra: [("X-Amz-Content-SHA256", Self.emptyHash)])
        #expect(Self.signature(object, service: "s3") == "7aebd138e3890fd73c8911e0af4dbae86be622c2ac864ca0f36af0627c7624e6")
        #expect(Self.signature(Self.request(path: "/", query: "Param1=value2&Param1=Value1"))
            == "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1")
    }

    static let verifier = SignatureVerifier(keys: AccessKeys(keys: [accessKey: AccessKeys.Key(profile: "etl", secret: secret)]))

    static func signed(_ request: SignatureV4.Request, secret: String = secret, accessKey: String = accessKey,
                       region: String = "us-east-1", service: String = "sagemaker") -> SignatureV4.Request {
        var signed = request
        let scope = SignatureV4.Scope(date: "20150830", region: region, service: service)
        signed.headers.append((name: "Authorization", value: SignatureV4.authorization(request, accessKey: accessKey, secret: secret, scope: scope, amzDate: amzDate)))
        return signed
    }

    @Test("a correctly signed request names its key's profile")
    func accepted() throws {
        #expect(try Self.verifier.verify(Self.signed(Self.request(path: "/human-loops/a")), service: "sagemaker", now: Self.signedAt.addingTimeInterval(899)).profile == "etl")
    }

    @Test("unsigned, malformed, unknown-key, wrongly signed and skewed requests get AWS's refusals")
    func refusals() {
        let plain = Self.request(path: "/human-loops/a")
        #expect(throws: SignatureRefusal.missing) { try Self.verifier.verify(plain, service: "sagemaker", now: Self.signedAt) }
        var malformed = plain
        malformed.headers.append((name: "Authorization", value: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sagemaker/aws4_request"))
        #expect { try Self.verifier.verify(malformed, service: "sagemaker", now: Self.signedAt) } throws: { ($0 as? SignatureRefusal)?.code == "IncompleteSignatureException" }
        #expect(throws: SignatureRefusal.unknownKey) { try Self.verifier.verify(Self.signed(plain, accessKey: "AKIDOTHER"), service: "sagemaker", now: Self.signedAt) }
        #expect(throws: SignatureRefusal.mismatch) { try Self.verifier.verify(Self.signed(plain, secret: "wrong"), service: "sagemaker", now: Self.signedAt) }
        var tampered = Self.signed(plain)
        tampered.path = "/human-loops/b"
        #expect(throws: SignatureRefusal.mismatch) { try Self.verifier.verify(tampered, service: "sagemaker", now: Self.signedAt) }
        #expect { try Self.verifier.verify(Self.signed(plain), service: "sagemaker", now: Self.signedAt.addingTimeInterval(901)) } throws: {
            ($0 as? SignatureRefusal)?.message.hasPrefix("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z") == true
        }
        #expect { try Self.verifier.verify(Self.signed(plain), service: "sagemaker", now: Self.signedAt.addingTimeInterval(-901)) } throws: {
            ($0 as? SignatureRefusal)?.message.hasPrefix("Signature not yet current") == true
        }
    }

    @Test("an X-Amz-Target left out of the signed headers is refused, so a captured call cannot be replayed as another")
    func targetMustBeSigned() throws {
        let body = Data(#"{"FlowDefinitionName":"x"}"#.utf8)
        let describe = Self.request("POST", path: "/", extra: [("X-Amz-Target", "SageMaker.DescribeFlowDefinition")], body: body)
        #expect(try Self.verifier.verify(Self.signed(describe), service: "sagemaker", now: Self.signedAt).profile == "etl")
        var replayed = Self.signed(Self.request("POST", path: "/", body: body))
        replayed.headers.append((name: "X-Amz-Target", value: "SageMaker.DeleteFlowDefinition"))
        #expect(throws: SignatureRefusal.incomplete("'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.")) {
            try Self.verifier.verify(replayed, service: "sagemaker", now: Self.signedAt)
        }
    }

    @Test("a credential scoped to another service, or to no region, is refused; any region is taken")
    func credentialScope() throws {
        let plain = Self.request(path: "/human-loops/a")
        #expect(throws: SignatureRefusal.wrongScope("Credential should be scoped to correct service: 'sagemaker'. ")) {
            try Self.verifier.verify(Self.signed(plain, service: "s3"), service: "sagemaker", now: Self.signedAt)
        }
        #expect(SignatureRefusal.wrongScope("").code == "InvalidSignatureException")
        #expect(throws: SignatureRefusal.incomplete("Credential should be scoped to a valid region. ")) {
            try Self.verifier.verify(Self.signed(plain, region: ""), service: "sagemaker", now: Self.signedAt)
        }
        #expect(try Self.verifier.verify(Self.signed(plain, region: "eu-west-1"), service: "sagemaker", now: Self.signedAt).profile == "etl")
        let object = Self.request(path: "/bucket/key")
        #expect(try Self.verifier.verify(Self.signed(object, service: "s3"), service: "s3", now: Self.signedAt).profile == "etl")
    }

    /// AWS's example of a presigned GetObject URL (S3 User Guide, "Authenticating Requests: Using Query
    /// Parameters"), valid for a day from 2013-05-24T00:00:00Z.
    static let presignedQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
        + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
        + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
    static let presignedAt = Date(timeIntervalSince1970: 1_369_353_600)
    static let presignedVerifier = SignatureVerifier(keys: AccessKeys(keys: [
        "AKIAIOSFODNN7EXAMPLE": AccessKeys.Key(profile: "reports", secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ]))

    static func presigned(_ query: String = presignedQuery, path: String = "/test.txt", extra: [(String, String)] = []) -> SignatureV4.Request {
        SignatureV4.Request(method: "GET", path: path, query: query,
                            headers: ([("Host", "examplebucket.s3.amazonaws.com")] + extra).map { (name: $0.0, value: $0.1) },
                            payloadHash: SignatureV4.payloadHash(Data()))
    }

    @Test("AWS's presigned URL example is taken for S3 from 15 minutes before its date to its expiry, and no longer")
    func presignedURLs() throws {
        let verifier = Self.presignedVerifier
        #expect(try verifier.verify(Self.presigned(), service: "s3", now: Self.presignedAt).profile == "reports")
        #expect(try verifier.verify(Self.presigned(), service: "s3", now: Self.presignedAt.addingTimeInterval(86_400)).profile == "reports")
        #expect(try verifier.verify(Self.presigned(), service: "s3", now: Self.presignedAt.addingTimeInterval(-900)).profile == "reports")
        #expect(throws: SignatureRefusal.outsideValidity("Request has expired")) {
            try verifier.verify(Self.presigned(), service: "s3", now: Self.presignedAt.addingTimeInterval(86_401))
        }
        #expect(throws: SignatureRefusal.outsideValidity("Request is not valid yet")) {
            try verifier.verify(Self.presigned(), service: "s3", now: Self.presignedAt.addingTimeInterval(-901))
        }
        #expect(throws: SignatureRefusal.mismatch) { try verifier.verify(Self.presigned(path: "/other.txt"), service: "s3", now: Self.presignedAt) }
        let longer = Self.presignedQuery.replacingOccurrences(of: "X-Amz-Expires=86400", with: "X-Amz-Expires=86401")
        #expect(throws: SignatureRefusal.mismatch) { try verifier.verify(Self.presigned(longer), service: "s3", now: Self.presignedAt) }
        // S3 takes 0 seconds as a number, then finds the URL expired a second later.
        let instant = Self.presignedQuery.replacingOccurrences(of: "X-Amz-Expires=86400", with: "X-Amz-Expires=0")
        #expect(throws: SignatureRefusal.outsideValidity("Request has expired")) {
            try verifier.verify(Self.presigned(instant), service: "s3", now: Self.presignedAt.addingTimeInterval(1))
        }
        #expect(throws: SignatureRefusal.missing) { try verifier.verify(Self.presigned(), service: "sagemaker", now: Self.presignedAt) }
    }

    @Test("a presigned URL's malformed or out-of-range parameters, or a second signature in a header, are refused as S3 refuses them")
    func presignedRefusals() {
        let verifier = Self.presignedVerifier
        let malformed = { (query: String) -> String? in
            do {
                _ = try verifier.verify(Self.presigned(query), service: "s3", now: Self.presignedAt)
                return nil
            } catch let refusal as SignatureRefusal {
                guard case .malformedQuery(let message) = refusal else { return "\(refusal)" }
                return message
            } catch {
                return "\(error)"
            }
        }
        let without = { (name: String) in Self.presignedQuery.split(separator: "&").filter { !$0.hasPrefix(name + "=") }.joined(separator: "&") }
        #expect(malformed(without("X-Amz-Expires")) == "Query-string authentication version 4 requires the X-Amz-Expires parameters")
        #expect(malformed(without("X-Amz-Date")) == "Query-string authentication version 4 requires the X-Amz-Date parameters")
        for expires in ["604801", "-1", "1e3", "99999999999999999999"] {
            let query = Self.presignedQuery.replacingOccurrences(of: "X-Amz-Expires=86400", with: "X-Amz-Expires=\(expires)")
            #expect(malformed(query) == "X-Amz-Expires must be a whole number of seconds from 0 to 604800", "X-Amz-Expires=\(expires)")
        }
        #expect(malformed(Self.presignedQuery.replacingOccurrences(of: "AWS4-HMAC-SHA256", with: "AWS4-HMAC-SHA1")) == #"X-Amz-Algorithm only supports "AWS4-HMAC-SHA256""#)
        #expect(malformed(Self.presignedQuery.replacingOccurrences(of: "%2Fs3%2F", with: "%2Fsagemaker%2F")) == "Credential should be scoped to correct service: 's3'. ")
        #expect(malformed(Self.presignedQuery.replacingOccurrences(of: "%2Faws4_request", with: "")) == "Error parsing the X-Amz-Credential parameter: Credential should be scoped to a valid region, service and aws4_request: AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3")
        #expect(malformed(Self.presignedQuery.replacingOccurrences(of: "%2F20130524%2F", with: "%2F20130525%2F"))?.hasPrefix("Date in Credential scope does not match") == true)
        #expect(malformed(Self.presignedQuery.replacingOccurrences(of: "20130524T000000Z", with: "2013-05-24")) == #"X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'""#)
        let both = Self.presigned(extra: [("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00")])
        #expect { try verifier.verify(both, service: "s3", now: Self.presignedAt) } throws: {
            ($0 as? SignatureRefusal)?.code == "AuthorizationQueryParametersError" && ($0 as? SignatureRefusal)?.status == 400
        }
        let version2 = Self.presigned("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1369440000&Signature=vjbyPxybdZaNmGa%2ByT272YEAiv4%3D")
        #expect(throws: SignatureRefusal.version2) { try verifier.verify(version2, service: "s3", now: Self.presignedAt) }
        #expect(APIFailure.signature(.version2, style: .objects).code == "InvalidRequest")
        #expect(APIFailure.signature(.outsideValidity("Request has expired"), style: .objects).code == "AccessDenied")
        #expect(APIFailure.signature(.outsideValidity("Request has expired"), style: .objects).status == 403)
    }

    /// A request as the API server hands it over.
    static func apiRequest(_ method: HTTPMethod, uri: String, headers: [(String, String)], body: String) -> APIRequest {
        var buffer = ByteBuffer()
        buffer.writeString(body)
        return APIRequest(NIOHTTPServerRequestFull(head: HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: HTTPHeaders(headers)),
                                                   body: buffer))
    }

    @Test("only S3's object reads take UNSIGNED-PAYLOAD for X-Amz-Content-Sha256; every other call is signed over its body")
    func payloadHash() throws {
        let unsigned = [("Host", "localhost"), ("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")]
        let start = Self.apiRequest(.POST, uri: "/human-loops", headers: unsigned, body: "{}")
        #expect(throws: SignatureRefusal.mismatch) { try start.signedParts() }
        let hashed = Self.apiRequest(.POST, uri: "/human-loops", headers: [("Host", "localhost")], body: "{}")
        #expect(try hashed.signedParts().payloadHash == SignatureV4.payloadHash(Data("{}".utf8)))
        let read = Self.apiRequest(.GET, uri: "/bucket/key", headers: unsigned, body: "")
        #expect(try read.signedParts().payloadHash == "UNSIGNED-PAYLOAD")
        let wrong = Self.apiRequest(.GET, uri: "/bucket/key", headers: [("Host", "localhost"), ("X-Amz-Content-Sha256", Self.emptyHash.uppercased())], body: "")
        #expect(throws: SignatureRefusal.mismatch) { try wrong.signedParts() }
    }

    @Test("X-Amz-Date is read as UTC to the second, and forms or times that do not exist are refused")
    func amzDates() {
        #expect(SignatureV4.date(amzDate: Self.amzDate) == Self.signedAt)
        #expect(SignatureV4.date(amzDate: "19700101T000000Z") == Date(timeIntervalSince1970: 0))
        #expect(SignatureV4.date(amzDate: "20240229T235959Z") == Date(timeIntervalSince1970: 1_709_251_199))
        #expect(SignatureV4.date(amzDate: "21000301T000000Z") == Date(timeIntervalSince1970: 4_107_542_400))
        for malformed in ["20230229T000000Z", "20151330T123600Z", "20150830T243600Z", "20150830T126000Z", "20150830 123600Z",
                          "20150830T123600", "2015083OT123600Z", "20150830T123600Z ", "+2015830T123600Z", ""] {
            #expect(SignatureV4.date(amzDate: malformed) == nil, "\(malformed)")
        }
    }

    @Test("the Authorization header's items are read with blanks around them, in any order, the last of a name kept")
    func authorizationItems() throws {
        let parts = try SignatureVerifier.parse(
            "AWS4-HMAC-SHA256 \tSignedHeaders=Host;X-Amz-Date ,Signature=ab, Extra=1,Credential=AK/20150830/us-east-1/sagemaker/aws4_request, Signature=cd")
        #expect(parts.accessKey == "AK" && parts.scope == SignatureV4.Scope(date: "20150830", region: "us-east-1", service: "sagemaker"))
        #expect(parts.signedHeaders == ["host", "x-amz-date"] && parts.signature == "cd")
        #expect(throws: SignatureRefusal.incomplete(
            "Authorization header requires 'SignedHeaders', 'Signature' parameter(s). Authorization=AWS4-HMAC-SHA256 Credential=AK/d/r/s/aws4_request")) {
            try SignatureVerifier.parse("AWS4-HMAC-SHA256 Credential=AK/d/r/s/aws4_request")
        }
    }

    @Test("signed header values are trimmed and their runs of blanks made one space, as botocore signs them")
    func headerValueBlanks() {
        #expect(SignatureV4.collapseSpaces("  a \t b\r\n c  ") == "a b c")
        #expect(SignatureV4.collapseSpaces("plain") == "plain")
        #expect(SignatureV4.collapseSpaces(" caf\u{E9}\u{A0} x ") == "caf\u{E9} x", "Unicode blanks split too, as Python's str.split() does")
    }

    @Test("header names are lowered byte by byte when ASCII, by Unicode's rules otherwise")
    func headerNamesInLowerCase() {
        #expect(SignatureV4.lowercasedName("X-Amz-Date") == "x-amz-date")
        #expect(SignatureV4.lowercasedName("content-type_09[@]") == "content-type_09[@]")
        #expect(SignatureV4.lowercasedName("X-\u{C9}t\u{C9}") == "x-\u{E9}t\u{E9}")
    }

    @Test("the credentials file: profiles, malformed lines, and a file others can read is refused")
    func credentialsFile() throws {
        let keys = try AccessKeys.parse("# producers\n[etl]\naws_access_key_id = AKIA1\naws_secret_access_key = s/1+\n\n[ocr]\naws_access_key_id=AKIA2\naws_secret_access_key=s2\n", file: "c")
        #expect(keys.keys == ["AKIA1": AccessKeys.Key(profile: "etl", secret: "s/1+"), "AKIA2": AccessKeys.Key(profile: "ocr", secret: "s2")])
        #expect(throws: JuryError.invalidInput("c:1: profile [etl] needs aws_access_key_id and aws_secret_access_key")) {
            try AccessKeys.parse("[etl]\naws_access_key_id = AKIA1\n", file: "c")
        }
        #expect(throws: JuryError.invalidInput("c:1: expected [profile] or name = value")) { try AccessKeys.parse("stray\n", file: "c") }
        let file = FileManager.default.temporaryDirectory.appending(path: "jury-credentials-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("[etl]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n".utf8).write(to: file)
        chmod(file.path, 0o640)
        #expect(throws: JuryError.forbidden("\(file.path) is open to others (mode 640): it holds secret keys; run chmod 600 \(file.path)")) {
            try AccessKeys.load(from: file, owner: geteuid())
        }
        chmod(file.path, 0o600)
        #expect(try AccessKeys.load(from: file, owner: geteuid()).keys["AKIA1"]?.profile == "etl")
    }
}

@Suite("Byte ranges of S3 GetObject")
struct ByteRangeTests {
    @Test("one range of bytes, a suffix or an open end; anything else is the whole object; past the end is none")
    func ranges() {
        #expect(ByteRange(header: "bytes=0-9")?.bounds(in: 100) == 0..<10)
        #expect(ByteRange(header: "bytes=90-")?.bounds(in: 100) == 90..<100)
        #expect(ByteRange(header: "bytes=95-200")?.bounds(in: 100) == 95..<100)
        #expect(ByteRange(header: "bytes=-5")?.bounds(in: 100) == 95..<100)
        #expect(ByteRange(header: "bytes=-500")?.bounds(in: 100) == 0..<100)
        #expect(ByteRange(header: "bytes=100-")?.bounds(in: 100) == nil)
        #expect(ByteRange(header: "bytes=-0")?.bounds(in: 100) == nil)
        for ignored in ["bytes=0-1,5-6", "items=0-9", "bytes=9-0", "bytes=-", "bytes=a-b", "bytes=٣-٤"] {
            #expect(ByteRange(header: ignored) == nil, "\(ignored)")
        }
    }
}
