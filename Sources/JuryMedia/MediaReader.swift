import Glibc




/// Reads the bytes of a `MediaSource`, never outside the configured roots.
///
/// A path is split into components below its root; `..` is refused; each component is opened
/// with `openat(O_NOFOLLOW)` from the root's directory, so no symbolic link is followed below the
/// root (the root itself may be a link); the last is opened with `O_NONBLOCK` (a FIFO cannot
/// block) and must be a regular file (`fstat`) of at most `limits.maxBytes` bytes.
public struct MediaReader: Sendable {
    public var roots: ObjectRoots
    public var limits: MediaLimits

    public init(roots: ObjectRoots, limits: MediaLimits = MediaLimits()) {
        self.roots = roots
        self.limits = limits
    }

    /// The bytes of `source`. Throws a `MediaProblem` saying why not.
    public func bytes(of source: MediaSource) throws(MediaProblem) -> [UInt8] {
        try file(of: source).bytes
    }

    /// The bytes of `source` and the absolute path they were read at (nil for inline bytes), for
    /// links to the original. Throws a `MediaProblem` saying why not.
    public func file(of source: MediaSource) throws(MediaProblem) -> (bytes: [UInt8], path: String?) {
        switch source {
        case .bytes(let bytes):
            guard bytes.count <= limits.maxBytes else { throw .tooLarge(bytes: bytes.count, limit: limits.maxBytes) }
            return (bytes, nil)
        case .s3(let bucket, let key, _):
            return try readObject(bucket: bucket, key: key)
        case .path(let path):
            let (root, components) = try locate(path)
            return (try read(root: root, components: components, display: path), Self.path(root: root, components))
        case .fetched(let key):
            throw .unsupported(detail: "\(key)'s media is read by the queue service, not from the object roots")
        }
    }

    /// `ROOT/bucket/key` under the first root where it exists (versions are not kept apart).
    private func readObject(bucket: String, key: String) throws(MediaProblem) -> (bytes: [UInt8], path: String?) {
        guard !roots.paths.isEmpty else { throw .noObjectRoot(bucket: bucket, key: key) }
        let display = "s3://\(bucket)/\(key)"
        let components = try Self.components(of: bucket + "/" + key, display: display, roots: roots.paths)
        var problem = MediaProblem.missing(path: display)
        for root in roots.paths {
            do {
                return (try read(root: root, components: components, display: display), Self.path(root: root, components))
            } catch .missing {
                continue
            } catch {
                problem = error
                break
            }
        }
        throw problem
    }

    /// The absolute path of `components` below `root`.
    private static func path(root: String, _ components: [String]) -> String {
        ([absolute(root)] + components).joined(separator: "/")
    }

    /// The root a path lies under and its components below it (relative paths: the first root).
    private func locate(_ path: String) throws(MediaProblem) -> (String, [String]) {
        guard let first = roots.paths.first else { throw .notUnderRoot(path: path, roots: []) }
        guard path.hasPrefix("/") else {
            return (first, try Self.components(of: path, display: path, roots: roots.paths))
        }
        for root in roots.paths {
            let prefix = Self.absolute(root)
            let rootComponents = prefix.split(separator: "/").map(String.init)
            let pathComponents = try Self.components(of: path, display: path, roots: roots.paths)
            if pathComponents.starts(with: rootComponents), pathComponents.count > rootComponents.count {
                return (root, Array(pathComponents.dropFirst(rootComponents.count)))
            }
        }
        throw .notUnderRoot(path: path, roots: roots.paths)
    }

    /// Path components without "" and "."; "..", or nothing at all, is refused.
    static func components(of path: String, display: String, roots: [String]) throws(MediaProblem) -> [String] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
        guard !parts.isEmpty, !parts.contains("..") else { throw .notUnderRoot(path: display, roots: roots) }
        return parts
    }

    /// `root` made absolute against the working directory, without "." components.
    static func absolute(_ root: String) -> String {
        if root.hasPrefix("/") { return root }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let cwd = getcwd(&buffer, buffer.count) != nil ? String(cString: buffer) : ""
        return cwd + "/" + root
    }
}
