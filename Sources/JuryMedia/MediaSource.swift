import Foundation

/// Where the bytes of an image or document are: an S3 object (read under an object root), a
/// local path (`file://` or plain; relative paths are under the first root), or inline bytes.
public enum MediaSource: Hashable, Sendable {
    case s3(bucket: String, key: String, version: String?)
    case path(String)
    case bytes([UInt8])
    /// Bytes another party reads, named by `key` (a loop's name: the queue service reads its media);
    /// `MediaPipeline.fetch` gets them.
    case fetched(key: String)

    /// Parses `s3://bucket/key`, `file:///abs/path` (percent-decoded) or a plain path; nil for
    /// other schemes and for an `s3://` URI without a key.
    public init?(uri: String) {
        if uri.hasPrefix("s3://") {
            let rest = uri.dropFirst(5)
            guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex, rest.index(after: slash) != rest.endIndex
            else { return nil }
            self = .s3(bucket: String(rest[..<slash]), key: String(rest[rest.index(after: slash)...]), version: nil)
        } else if uri.hasPrefix("file://") {
            guard let url = URL(string: uri), url.isFileURL, !url.path.isEmpty else { return nil }
            self = .path(url.path)
        } else if uri.contains("://") || uri.isEmpty {
            return nil
        } else {
            self = .path(uri)
        }
    }

    /// Inline base64 (Rekognition `Image.Bytes`, Textract `Document.Bytes`); nil when not base64.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else { return nil }
        self = .bytes(Array(data))
    }

    /// A short name for placeholders and cache keys (inline bytes by their count).
    public var displayName: String {
        switch self {
        case .s3(let bucket, let key, let version): "s3://\(bucket)/\(key)" + (version.map { "?versionId=\($0)" } ?? "")
        case .path(let path): path
        case .bytes(let bytes): "inline image (\(bytes.count) bytes)"
        case .fetched(let key): "the media of \(key)"
        }
    }
}
