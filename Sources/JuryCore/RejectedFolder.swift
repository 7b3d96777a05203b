import Foundation
#if canImport(Glibc)
import Glibc
import JuryJSON
#endif

/// The `rejected/` folder: each refused file is kept byte for byte under a name of its own, with
/// `NAME.reason.json` beside it. Kept names never end in `.reason.json`, so a file and a reason can
/// never share a name. Processes that reject at once take turns on the folder (an exclusive `flock`
/// on it, released by the kernel when a process dies), and no kept file or live reason is ever overwritten.
struct RejectedFolder {
    static let reasonSuffix = ".reason.json"
    /// The most a reason file found in `rejected/` is read of (a reason is a few hundred bytes).
    static let maximumReasonBytes = 64 << 10

    let queue: QueueDirectory
    let now: Date

    /// Keeps inbox file `file` under the first free `NAME` (`FILE`, `FILE.1`, …, see `FileMove.candidates`):
    /// the file is taken into `rejected/.moving/`, its reason is written to a temporary file, linked to
    /// `NAME.reason.json`, then the file is renamed to `NAME` without replacing. A crash before that
    /// leaves the file in `rejected/.moving/`, which the next ingest returns to the inbox, and maybe a reason
    /// without its file; the next rejection of that file finds the reason (it names the same inbox file)
    /// and replaces it, so one file ends with one reason. Any other reason without a file is stepped over.
    /// When `identity` is given (the file was read), a file taken that is not the one read (a newer one
    /// took its name) goes back to the inbox, and nothing is kept.
    /// - Returns: false when another ingest process moved the file first (its reason is then the one kept)
    ///   or when the name no longer led to the file read.
    /// - Throws: `JuryError.io` when a write, a lock or a move fails.
    @discardableResult
    func keep(_ file: FileName, because rejection: Rejection, expecting identity: InboxFile.Identity? = nil) throws -> Bool {
        let folder = queue.rejectedURL
        let temporary = try DurableFile.writeTemporary(reason(file, rejection), for: "reason", in: folder)
        defer { unlink(temporary.path) }
        let lock = try FolderLock(folder)
        defer { lock.release() }
        let (inbox, rejected, moving) = (FolderPath(queue.inboxURL), FolderPath(folder), FolderPath(queue.rejectingURL))
        try DurableFile.createFolder(moving.url)
        guard try FileMove.hold(file, from: inbox, in: moving),
              try FileMove.isFileRead(file.path(in: moving), identity, elseReturnTo: inbox, as: file)
        else { return false }
        let source = file.path(in: moving)
        for name in FileMove.candidates(for: file.text) where !name.hasByteSuffix(Self.reasonSuffix) {
            let kept = folder.appending(path: name), reasonURL = folder.appending(path: name + Self.reasonSuffix)
            if Self.exists(kept) { continue }
            if Self.exists(reasonURL) {
                guard isInterruptedRejection(of: file, reasonAt: reasonURL) else { continue }
                unlink(reasonURL.path)
            }
            guard try FileMove.linkIfFree(temporary, into: folder, as: name + Self.reasonSuffix) else { continue }
            let outcome = try FileMove.rename(source, into: rejected, as: name)
            if outcome == .moved {
                try DurableFile.syncFolder(folder)
                return true
            }
            unlink(reasonURL.path)  // the link this call made
            if outcome == .sourceMissing { return false }
        }
        preconditionFailure("candidates(for:) never ends")
    }

    private static func exists(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0
    }

    /// Whether the reason at `url`, whose file is missing, was written for inbox file `file` by a rejection
    /// that died before it moved the file (it holds the same `file` and `fileNameBytes`).
    private func isInterruptedRejection(of file: FileName, reasonAt url: URL) -> Bool {
        let reason = FileName(url.lastPathComponent)
        guard let contents = try? InboxFile.read(reason, in: FolderPath(url.deletingLastPathComponent()), limit: Self.maximumReasonBytes),
              let stale = try? JSONValue.parse(contents.data)
        else { return false }
        return stale["file"] == .string(file.text) && stale["fileNameBytes"] == (file.isUTF8 ? nil : .string(file.hex))
    }

    /// `{"file", "code", "reason", "path", "rejectedAt"}`, plus `fileNameBytes` (hex) for a name that is not UTF-8.
    private func reason(_ file: FileName, _ rejection: Rejection) -> Data {
        var reason: [String: JSONValue] = [
            "file": .string(file.text), "code": .string(rejection.code.rawValue), "reason": .string(rejection.reason),
            "rejectedAt": .string(Timestamp.iso8601(milliseconds: Timestamp.milliseconds(now))),
        ]
        if let path = rejection.path { reason["path"] = .string(path.description) }
        if !file.isUTF8 { reason["fileNameBytes"] = .string(file.hex) }
        return JSONValue.object(reason).encoded(pretty: true)
    }
}
