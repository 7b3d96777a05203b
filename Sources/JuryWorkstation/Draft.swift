import Foundation
import JuryCore

/// A typed but unsent verdict, saved under `QUEUE/drafts/REVIEWER/LOOP.json` on every change so
/// that it survives a crash or a lost ssh connection, and offered back on the next start.
public struct Draft: Codable, Equatable, Sendable {
    public var loopName: String
    public var flow: String
    public var verdict: Verdict
    /// The field being edited when the draft was saved, with the text typed so far.
    public var editing: EditingDraft?
    /// ms since 1970.
    public var savedAt: Int64

    public init(loopName: String, flow: String, verdict: Verdict, editing: EditingDraft?, savedAt: Int64) {
        self.loopName = loopName
        self.flow = flow
        self.verdict = verdict
        self.editing = editing
        self.savedAt = savedAt
    }
}

/// An edit in progress, as saved in a draft.
public struct EditingDraft: Codable, Equatable, Sendable {
    public var target: EditTarget
    public var text: String
}

/// Where drafts live: one folder per reviewer. Writes are atomic (`DurableFile`).
public struct DraftStore: Sendable {
    public let folder: URL

    public init(queue: QueueDirectory, reviewer: String) {
        folder = queue.draftsURL.appending(path: Self.safeName(reviewer), directoryHint: .isDirectory)
    }

    /// The file of `loop`'s draft.
    public func url(of loop: String) -> URL { folder.appending(path: Self.safeName(loop) + ".json") }

    /// Saves `draft` atomically (the old file or the whole new one, never a part).
    public func save(_ draft: Draft) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try DurableFile.write(try encoder.encode(draft), to: url(of: draft.loopName))
    }

    /// Removes `loop`'s draft; no draft is not an error.
    public func delete(_ loop: String) throws {
        do {
            try FileManager.default.removeItem(at: url(of: loop))
        } catch CocoaError.fileNoSuchFile {
            return
        } catch let error as NSError where error.domain == NSPOSIXErrorDomain && error.code == Int(ENOENT) {
            return
        }
    }

    /// `loop`'s draft, or nil when there is none or it cannot be read.
    public func load(_ loop: String) -> Draft? {
        guard let data = try? Data(contentsOf: url(of: loop)) else { return nil }
        return try? JSONDecoder().decode(Draft.self, from: data)
    }

    /// Every readable draft of the reviewer, oldest first (unreadable files are left alone).
    public func all() -> [Draft] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let drafts = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { name in
            (try? Data(contentsOf: folder.appending(path: name))).flatMap { try? JSONDecoder().decode(Draft.self, from: $0) }
        }
        return drafts.sorted { ($0.savedAt, $0.loopName) < ($1.savedAt, $1.loopName) }
    }

    /// A file-name-safe form of a login or loop name ("/" and leading dots replaced).
    static func safeName(_ name: String) -> String {
        let cleaned = name.map { $0 == "/" || $0 == "\\" || $0.isNewline ? "_" : String($0) }.joined()
        return cleaned.hasPrefix(".") ? "_" + cleaned.dropFirst() : cleaned
    }
}
