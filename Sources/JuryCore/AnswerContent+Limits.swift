import Foundation
import JuryJSON

/// How large an answer may be, so that one reviewer's paste cannot take the memory of every process
/// that reads, stores or writes it.
extension AnswerContent {
    /// Most bytes of an answer as JSON: 4 MiB, room for a free-text answer at `maximumTextBytes` and more.
    public static let maximumBytes = 4 * 1024 * 1024
    /// Most bytes (UTF-8) of a free-text answer's `text`: A2I's InputContent limit, so any text a loop
    /// could carry can come back edited.
    public static let maximumTextBytes = HumanLoopRequest.maximumInputContentLength
    /// Most bytes (UTF-8) of a `comment`: 64 KiB.
    public static let maximumCommentBytes = 64 * 1024

    /// Reads an answer document from `handle`, never more than `maximumBytes` (plus one, to tell).
    /// - Throws: `JuryError.invalidInput` naming the limit when there is more, or the JSON problem.
    public static func read(from handle: FileHandle, name: String) throws -> JSONValue {
        let data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        guard data.count <= maximumBytes else {
            throw JuryError.invalidInput("\(name): an answer may have at most \(limitText(maximumBytes)); this one has more")
        }
        do {
            return try JSONValue.parse(data)
        } catch {
            throw JuryError.invalidInput("\(name): \(error.description)")
        }
    }

    /// Checks the whole answer and its free-text members against the limits.
    /// - Throws: `JuryError.invalidInput` naming the member, its size and the limit.
    static func checkSize(_ answer: JSONValue, mainKey: String) throws {
        let bytes = answer.encoded().count
        guard bytes <= maximumBytes else {
            throw invalid(.root, "has \(bytes) bytes as JSON; an answer may have at most \(limitText(maximumBytes))")
        }
        try checkText(answer["comment"], at: JSONPath.root.appending("comment"), limit: maximumCommentBytes)
        try checkText(answer[mainKey]?["text"], at: JSONPath.root.appending(mainKey).appending("text"), limit: maximumTextBytes)
        try checkText(answer[mainKey], at: JSONPath.root.appending(mainKey), limit: maximumTextBytes)
    }

    private static func checkText(_ value: JSONValue?, at path: JSONPath, limit: Int) throws {
        guard let bytes = value?.stringValue?.utf8.count, bytes > limit else { return }
        throw invalid(path, "has \(bytes) bytes; at most \(limitText(limit)) are allowed")
    }

    /// `65536 bytes (64 KiB)`.
    private static func limitText(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes) bytes (\(bytes / 1024 / 1024) MiB)" : "\(bytes) bytes (\(bytes / 1024) KiB)"
    }
}
