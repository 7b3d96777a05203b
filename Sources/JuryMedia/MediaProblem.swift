/// Why an image or page cannot be shown. Screens show it as a placeholder (`MediaPlaceholder`);
/// the review goes on.
public enum MediaProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The task input names no image or document.
    case noMedia
    /// An `s3://` reference, but no object root is configured.
    case noObjectRoot(bucket: String, key: String)
    /// The path is not under any configured root (or climbs out with `..`).
    case notUnderRoot(path: String, roots: [String])
    /// A component of the path is a symbolic link (refused: it could lead out of the root).
    case symbolicLink(path: String)
    /// Nothing at the path.
    case missing(path: String)
    /// The path names a directory, FIFO, device or socket.
    case notARegularFile(path: String)
    /// The file could not be opened or read (`errno`).
    case unreadable(path: String, errno: Int32)
    /// More bytes than `MediaLimits.maxBytes`.
    case tooLarge(bytes: Int, limit: Int)
    /// More pixels than `MediaLimits.maxPixels` (a decompression bomb, or just too big).
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The decoder refused the data.
    case corrupt(format: ImageFormat, detail: String)
    /// Not a format Jury decodes (or an inline value that is not base64).
    case unsupported(detail: String)
    /// The document has no such page (1-based).
    case pageOutOfRange(page: Int, pages: Int)
    /// The party that reads the media (the queue service) did not send it; `reason` says why, in words.
    case refused(reason: String)
    /// Reading, decoding and drawing took longer than `seconds`.
    case timedOut(seconds: Int)

    /// One line for a placeholder; unsanitised (file names come from task data).
    public var description: String {
        switch self {
        case .noMedia: "no image in this task"
        case .noObjectRoot(let bucket, let key): "s3://\(bucket)/\(key): no object root configured (JURY_OBJECT_ROOT)"
        case .notUnderRoot(let path, let roots): "\(path) is not under the object root \(roots.joined(separator: ", "))"
        case .symbolicLink(let path): "\(path) goes through a symbolic link (refused)"
        case .missing(let path): "\(path) is missing"
        case .notARegularFile(let path): "\(path) is not a regular file"
        case .unreadable(let path, let errno): "\(path) cannot be read (errno \(errno))"
        case .tooLarge(let bytes, let limit): "too large: \(bytes) bytes (limit \(limit))"
        case .tooManyPixels(let w, let h, let limit): "too large: \(w)x\(h) pixels (limit \(limit))"
        case .corrupt(let format, let detail): "corrupt \(format.rawValue): \(detail)"
        case .unsupported(let detail): "unsupported: \(detail)"
        case .pageOutOfRange(let page, let pages): "page \(page) of a \(pages)-page document does not exist"
        case .refused(let reason): reason
        case .timedOut(let seconds): "not ready after \(seconds) s (too slow to decode)"
        }
    }
}
