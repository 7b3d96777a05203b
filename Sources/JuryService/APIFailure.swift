import Foundation
import JuryCore
import JuryJSON

/// A refusal of the A2I API as an AWS SDK reads it: the error code (which the SDK turns into its own
/// exception class), the HTTP status and a message.
struct APIFailure: Error, Sendable {
    let code: String
    let status: Int
    let message: String

    /// The error `style`'s service gives for `error` (SageMaker answers 400 for all but internal failures).
    static func from(_ error: JuryError, style: APIRequest.Style) -> APIFailure {
        let failure = ServiceFailure(error)
        let (code, status) = codes(style)[failure.kind] ?? codes(style)["io"]!
        return APIFailure(code: code, status: status, message: failure.message)
    }

    /// AWS's code and status by `ServiceFailure.kind`, for each protocol.
    private static func codes(_ style: APIRequest.Style) -> [String: (String, Int)] {
        switch style {
        case .runtime:
            ["invalidInput": ("ValidationException", 400), "invalidState": ("ValidationException", 400), "notFound": ("ResourceNotFoundException", 404),
             "conflict": ("ConflictException", 409), "forbidden": ("AccessDeniedException", 403), "io": ("InternalServerException", 500)]
        case .sageMaker:
            ["invalidInput": ("ValidationException", 400), "invalidState": ("ValidationException", 400), "notFound": ("ResourceNotFound", 400),
             "conflict": ("ResourceInUse", 400), "forbidden": ("AccessDeniedException", 400), "io": ("InternalFailure", 500)]
        case .objects:
            ["invalidInput": ("InvalidRequest", 400), "invalidState": ("InvalidRequest", 400), "notFound": ("NoSuchKey", 404),
             "conflict": ("InvalidRequest", 400), "forbidden": ("AccessDenied", 403), "io": ("InternalError", 500)]
        }
    }

    /// A signature refusal; S3 names them its own way.
    static func signature(_ refusal: SignatureRefusal, style: APIRequest.Style) -> APIFailure {
        guard case .objects = style else { return APIFailure(code: refusal.code, status: refusal.status, message: refusal.message) }
        let code = switch refusal {
        case .missing: "AccessDenied"
        case .incomplete, .wrongScope: "AuthorizationHeaderMalformed"
        case .unknownKey: "InvalidAccessKeyId"
        case .expired: "RequestTimeTooSkewed"
        case .mismatch: "SignatureDoesNotMatch"
        case .malformedQuery: "AuthorizationQueryParametersError"
        case .outsideValidity: "AccessDenied"
        case .version2: "InvalidRequest"
        }
        return APIFailure(code: code, status: code == "AuthorizationHeaderMalformed" ? 400 : refusal.status, message: refusal.message)
    }

    /// The reply in `style`'s shape: REST JSON and JSON 1.1 carry the code in `X-Amzn-ErrorType` and
    /// the body; S3 in an XML `Error` document (none for HEAD).
    func reply(style: APIRequest.Style, requestId: String, isHead: Bool) -> CallReply {
        switch style {
        case .runtime, .sageMaker:
            let body: JSONValue = ["__type": .string(code), "message": .string(message)]
            let type = if case .sageMaker = style { "application/x-amz-json-1.1" } else { "application/json" }
            return CallReply(status: status, body: body.encoded(), contentType: type,
                             headers: [("X-Amzn-ErrorType", code), ("X-Amzn-RequestId", requestId)])
        case .objects:
            let xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>\(code)</Code><Message>\(Self.escapeXML(message))</Message><RequestId>\(requestId)</RequestId></Error>
                """
            return CallReply(status: status, body: Data(xml.utf8), contentType: "application/xml",
                             headers: [("x-amz-request-id", requestId)], omitsBody: isHead)
        }
    }

    static func escapeXML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
