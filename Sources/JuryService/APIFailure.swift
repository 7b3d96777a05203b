import Foundation
import JuryCore

/// A refusal of the A2I API as an AWS SDK reads it: the error code (which the SDK turns into its own
/// exception class), the HTTP status and a message.
struct APIFailure: Error, Sendable {
    let code: String
    let status: Int
    let message: String

    /// A2I runtime's error for `error`.
    static func runtime(_ error: JuryError) -> APIFailure {
        switch error {
        case .invalidInput(let message), .invalidState(let message): APIFailure(code: "ValidationException", status: 400, message: message)
        case .notFound(let message): APIFailure(code: "ResourceNotFoundException", status: 404, message: message)
        case .conflict(let message): APIFailure(code: "ConflictException", status: 409, message: message)
        case .forbidden(let message): APIFailure(code: "AccessDeniedException", status: 403, message: message)
        case .io(let message), .notAQueue(let message): APIFailure(code: "InternalServerException", status: 500, message: message)
        }
    }

    /// SageMaker's error for `error` (SageMaker answers 400 for all but internal failures).
    static func sageMaker(_ error: JuryError) -> APIFailure {
        switch error {
        case .invalidInput(let message), .invalidState(let message): APIFailure(code: "ValidationException", status: 400, message: message)
        case .notFound(let message): APIFailure(code: "ResourceNotFound", status: 400, message: message)
        case .conflict(let message): APIFailure(code: "ResourceInUse", status: 400, message: message)
        case .forbidden(let message): APIFailure(code: "AccessDeniedException", status: 400, message: message)
        case .io(let message), .notAQueue(let message): APIFailure(code: "InternalFailure", status: 500, message: message)
        }
    }

    /// S3's error for `error`.
    static func objects(_ error: JuryError) -> APIFailure {
        switch error {
        case .notFound(let message): APIFailure(code: "NoSuchKey", status: 404, message: message)
        case .forbidden(let message): APIFailure(code: "AccessDenied", status: 403, message: message)
        case .invalidInput(let message), .invalidState(let message), .conflict(let message): APIFailure(code: "InvalidRequest", status: 400, message: message)
        case .io(let message), .notAQueue(let message): APIFailure(code: "InternalError", status: 500, message: message)
        }
    }

    /// A signature refusal; S3 names them its own way.
    static func signature(_ refusal: SignatureRefusal, style: APIRequest.Style) -> APIFailure {
        guard case .objects = style else { return APIFailure(code: refusal.code, status: refusal.status, message: refusal.message) }
        let code = switch refusal {
        case .missing: "AccessDenied"
        case .incomplete: "AuthorizationHeaderMalformed"
        case .unknownKey: "InvalidAccessKeyId"
        case .expired: "RequestTimeTooSkewed"
        case .mismatch: "SignatureDoesNotMatch"
        }
        return APIFailure(code: code, status: refusal.status, message: refusal.message)
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
