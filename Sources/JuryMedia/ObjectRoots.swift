/// The directories media may be read from. `s3://bucket/key` is read at `ROOT/bucket/key`; a
/// plain or `file://` path must lie under one of the roots; nothing else is ever read.
public struct ObjectRoots: Hashable, Sendable {
    /// The environment variable that overrides the flow's and the queue's roots (`:`-separated).
    public static let environmentVariable = "JURY_OBJECT_ROOT"

    /// Absolute or relative directory paths, in the order S3 objects are looked up.
    public let paths: [String]

    public init(_ paths: [String]) {
        self.paths = paths.filter { !$0.isEmpty }
    }

    /// The roots in force, by precedence: `JURY_OBJECT_ROOT` (when set and not empty), else the
    /// flow's `Jury.objectRoot`, else the queue's setting. Relative paths are kept as given.
    public static func resolve(environment: [String: String], flow: String?, queue: String?) -> ObjectRoots {
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return ObjectRoots(fromEnvironment.split(separator: ":").map(String.init))
        }
        return ObjectRoots([flow ?? queue].compactMap { $0 })
    }
}
