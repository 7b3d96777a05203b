/// Finding the media in a task's input (JSON as decoded by `JSONSerialization`: dictionaries,
/// arrays, strings, numbers).
extension MediaReference {
    /// The image of a Rekognition request or the document of a Textract request: `Image` or
    /// `Document` with `S3Object {Bucket, Name, Version}` or base64 `Bytes`, at the top level of
    /// `input` or under `aiServiceRequest` (A2I's built-in task input). Nil when there is none.
    /// - Throws: `.unsupported` when `Bytes` is not base64, `.noMedia` for an `S3Object` without
    ///   `Bucket` or `Name`.
    public static func inServiceRequest(_ input: Any) throws(MediaProblem) -> MediaReference? {
        let object = input as? [String: Any]
        let request = object?["aiServiceRequest"] as? [String: Any] ?? object
        guard let media = request?["Image"] ?? request?["Document"] else { return nil }
        return try fromValue(media)
    }

    /// The media named by a value found at a custom flow's media path (`Jury.mediaPath`): a URI
    /// string (`s3://`, `file://`, a plain path), or an object shaped like Rekognition's `Image`.
    /// - Throws: `.unsupported` for another shape or scheme.
    public static func fromValue(_ value: Any) throws(MediaProblem) -> MediaReference {
        if let uri = value as? String {
            guard let source = MediaSource(uri: uri) else { throw .unsupported(detail: "not a path or s3:// URI: \(uri)") }
            return MediaReference(source: source)
        }
        guard let object = value as? [String: Any] else { throw .unsupported(detail: "media is neither a URI nor an object") }
        if let s3 = object["S3Object"] as? [String: Any] {
            guard let bucket = s3["Bucket"] as? String, let name = s3["Name"] as? String else { throw .noMedia }
            return MediaReference(source: .s3(bucket: bucket, key: name, version: s3["Version"] as? String))
        }
        if let bytes = object["Bytes"] as? String {
            guard let source = MediaSource(base64: bytes) else { throw .unsupported(detail: "Bytes is not base64") }
            return MediaReference(source: source)
        }
        throw .unsupported(detail: "media object has neither S3Object nor Bytes")
    }
}
