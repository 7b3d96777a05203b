import Foundation
#if canImport(Glibc)
import Glibc
import JuryJSON
#endif

/// The `rejected/` folder: each refused file is kept byte for byte under a name of its own, with
/// `NAME.reason.json` beside it. Kept names never end in `.reason.json`, so a file and a reason can
/// never share a name, and no file or reason is ever overwritten, whatever processes reject at once.
struct RejectedFolder {
    static let reasonSuffix = ".reason.json"

    let queue: QueueDirectory
    let now: Date

    /// Keeps inbox file `file`: its reason is written to a temporary file first and linked to
    /// `NAME.reason.json` for the first free `NAME` (`FILE`, `FILE.1`, …, see `FileMove.candidates`; a taken
    /// link is someone else's reason), then the file is renamed to `NAME` without replacing. A crash at any point leaves at worst
    /// a reason without a file, never a file without its reason (the file is then still in the inbox).
    /// - Returns: false when another ingest process moved the file first (its reason is then the one kept).
    /// - Throws: `JuryError.io` when a write or a move fails.
    @discardableResult
    func keep(_ file: FileName, because rejection: Rejection) throws -> Bool {
        let folder = queue.rejectedURL
        let temporary = try DurableFile.writeTemporary(reason(file, rejection), for: "reason", in: folder)
        defer { unlink(temporary.path) }
        let source = file.path(in: queue.inboxURL)
        for name in FileMove.candidates(for: file.text) where !name.hasSuffix(Self.reasonSuffix) {
            guard try FileMove.linkIfFree(temporary, into: folder, as: name + Self.reasonSuffix) else { continue }
            let outcome = try FileMove.rename(source, into: folder, as: name)
            if outcome == .moved {
                try DurableFile.syncFolder(folder)
                return true
            }
            unlink(folder.appending(path: name + Self.reasonSuffix).path)  // the link this call made
            if outcome == .sourceMissing { return false }
        }
        preconditionFailure("candidates(for:) never ends")
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
