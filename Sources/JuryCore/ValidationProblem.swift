import JuryJSON

/// One thing wrong (or worth saying) about a document, at a JSON path.
public struct ValidationProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// `error`: Jury cannot load the flow; `a2i`: Jury loads it, A2I would refuse it; `warning`: Jury loads
    /// it but leaves something out (a template's element, attribute or script it does not render); `note`: worth knowing.
    public enum Severity: String, Sendable, Codable { case error, a2i, warning, note }

    public let path: JSONPath
    public let reason: String
    public let severity: Severity

    public init(_ path: JSONPath, _ reason: String, severity: Severity = .error) {
        self.path = path
        self.reason = reason
        self.severity = severity
    }

    public var description: String { "\(path): \(reason)" }

    /// One error per member of `object` (at `path`) not named in `known`, in key order:
    /// "unknown `kind`; known: …" — flow blocks refuse unknown keys to catch typos.
    static func unknownKeys(in object: JSONValue, at path: JSONPath, known: [String], kind: String) -> [ValidationProblem] {
        (object.objectValue ?? [:]).keys.sorted().filter { !known.contains($0) }.map {
            ValidationProblem(path.appending($0), "unknown \(kind); known: \(known.joined(separator: ", "))")
        }
    }
}
