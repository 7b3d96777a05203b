import Foundation
import JuryJSON

/// A loop's image or document as the queue service read it for a client (reviewers on another host
/// have no access to the object roots): its bytes, or why the service did not read them.
public struct MediaFile: Sendable, Equatable, Codable {
    /// The media's name: `s3://bucket/key`, a path, or "inline image (N bytes)".
    public let source: String
    /// The file's bytes, undecoded (nil with a refusal).
    public let bytes: Data?
    /// Why the service did not read the file, in words: not under the object roots, too large,
    /// missing, a symbolic link… (nil with bytes).
    public let refusal: String?
    /// Where the service read the file: its host name and the absolute path there (nil for inline
    /// bytes, refusals, and services that do not say), so a client on the same host can link to it.
    public let host: String?
    public let path: String?

    public init(source: String, bytes: Data, host: String? = nil, path: String? = nil) {
        (self.source, self.bytes, refusal, self.host, self.path) = (source, bytes, nil, host, path)
    }

    public init(source: String, refusal: String) {
        (self.source, bytes, self.refusal, host, path) = (source, nil, refusal, nil, nil)
    }
}

extension MediaFile {
    /// This host's name (`gethostname`), as the service sends it in `host`.
    public static var localHostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

extension TaskMaterial {
    /// The JSON value that names the task's image or document: for a flow with `Jury.MediaPath` the
    /// first value there; else the image its worker template's `classification-target` shows; else
    /// Rekognition's `Image` or Textract's `Document`, under `aiServiceRequest` (A2I's built-in input)
    /// or at the top of the input. Nil when there is none.
    public var mediaValue: JSONValue? {
        if let path = flow.mediaPath { return path.values(in: input).first }
        if let picture = flow.templateContent(input: input)?.pictureURI, !picture.isEmpty { return .string(picture) }
        let request = input["aiServiceRequest"] ?? input
        return request["Image"] ?? request["Document"] ?? input["Image"] ?? input["Document"]
    }
}
