/// Finding the media in a task's input (JSON as decoded by `JSONSerialization`: dictionaries,
/// arrays, strings, numbers).
extension MediaReference {
    /// The image of a Rekognition request or the document of a Textract request: `Image` or
    /// `Document` with `S3Object {Bucket, Name, Version}` or base64 `Bytes`, at the top level of
    /// `input` or under `aiServiceRequest` (A2I's built-in task input), in the services' PascalCase or
    /// in A2I's lowerCamelCase (`document.s3Object.bucket`). Nil when there is none.
    /// - Throws: `.unsupported` when `Bytes` is not base64, `.noMedia` for an `S3Object` without
    ///   `Bucket` or `Name`.
    public static func inServiceRequest(_ input: Any) throws(MediaProblem) -> MediaReference? {
        let object = input as? [String: Any]
        let request = object?["aiServiceRequest"] as? [String: Any] ?? object
        guard let request, let media = member("Image", of: request) ?? member("Document", of: request) else { return nil }
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
        if let s3 = member("S3Object", of: object) as? [String: Any] {
            guard let bucket = member("Bucket", of: s3) as? String, let name = member("Name", of: s3) as? String else { throw .noMedia }
            return MediaReference(source: .s3(bucket: bucket, key: name, version: member("Version", of: s3) as? String))
        }
        if let bytes = member("Bytes", of: object) as? String {
            guard let source = MediaSource(base64: bytes) else { throw .unsupported(detail: "Bytes is not base64") }
            return MediaReference(source: source)
        }
        throw .unsupported(detail: "media object has neither S3Object nor Bytes")
    }

    /// The member `name` (PascalCase) of `object`, or its lowerCamelCase twin as A2I writes service data.
    private static func member(_ name: String, of object: [String: Any]) -> Any? {
        object[name] ?? object[name.prefix(1).lowercased() + name.dropFirst()]
    }
}
