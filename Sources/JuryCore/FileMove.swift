import CGlibcExtras
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Renames and links that never replace what is there, so processes working on one queue at once
/// can never take the same name: the kernel gives each name to one of them.
enum FileMove {
    /// What became of one rename.
    enum Outcome: Equatable {
        case moved
        /// The target name exists; nothing changed.
        case targetTaken
        /// The source was gone (another process moved it first); nothing changed.
        case sourceMissing
    }

    /// Renames `source` to `name` in `folder` unless that exists, atomically (`renameat2` with
    /// `RENAME_NOREPLACE`).
    /// - Throws: `JuryError.io` on any failure but a taken name or a missing source.
    static func rename(_ source: [CChar], into folder: FolderPath, as name: String) throws -> Outcome {
        try rename(source, into: folder, as: FileName(name))
    }

    /// `rename(_:into:as:)` to the name's very bytes (one that is not UTF-8 included).
    static func rename(_ source: [CChar], into folder: FolderPath, as name: FileName) throws -> Outcome {
        if jury_rename_noreplace(source, name.path(in: folder)) == 0 { return .moved }
        switch errno {
        case EEXIST: return .targetTaken
        case ENOENT: return .sourceMissing
        default: throw DurableFile.posixError("move into \(folder.url.path)/\(name.text)")
        }
    }

    /// Moves inbox file `name` into `holding` (a `.moving/` folder, which holds each inbox name at most once)
    /// under its very bytes, so that returning it to the inbox gives it back its own name.
    /// - Returns: false when the file was gone.
    /// - Throws: `JuryError.io` as `rename` does, and when `holding` has that name already.
    static func hold(_ name: FileName, from inbox: FolderPath, in holding: FolderPath) throws -> Bool {
        switch try rename(name.path(in: inbox), into: holding, as: name) {
        case .moved: return true
        case .sourceMissing: return false
        case .targetTaken: throw JuryError.io("\(holding.url.path)/\(name.text) exists already: another ingest holds a file of that name")
        }
    }

    /// Renames `source` into `folder` under `name`, or `name.1`, `name.2`… when that is taken.
    /// - Returns: the name it got, or nil when the source was gone.
    /// - Throws: `JuryError.io` as `rename` does.
    static func moveToFreeName(_ source: [CChar], into folder: FolderPath, as name: String) throws -> String? {
        for candidate in candidates(for: name) {
            switch try rename(source, into: folder, as: candidate) {
            case .moved: return candidate
            case .sourceMissing: return nil
            case .targetTaken: continue
            }
        }
        preconditionFailure("candidates(for:) never ends")
    }

    /// Whether the file just moved from the inbox to `moved` is the one read (`identity`; nil when the
    /// file was refused unread, and then any file is). One that is not (a newer file took the name before
    /// the move) goes back to `inbox` as `returnToInbox` puts it.
    /// - Throws: `JuryError.io` as `rename` does.
    static func isFileRead(_ moved: [CChar], _ identity: InboxFile.Identity?, elseReturnTo inbox: FolderPath, as name: FileName) throws -> Bool {
        guard let identity, InboxFile.Identity(at: moved) != identity else { return true }
        try returnToInbox(moved, inbox: inbox, as: name)
        return false
    }

    /// Moves a file that was taken from the inbox by mistake (a newer file had taken the name of the one
    /// read) back into `inbox` under `name` (its very bytes), or `STEM.1.json`, `STEM.2.json`… (`NAME.1`…
    /// for a name not ending in `.json`) when that is taken again.
    /// - Throws: `JuryError.io` as `rename` does.
    static func returnToInbox(_ source: [CChar], inbox: FolderPath, as name: FileName) throws {
        let json = Array(".json".utf8), isJSON = name.bytes.count > json.count && name.bytes.suffix(json.count).elementsEqual(json)
        let stem = isJSON ? Array(name.bytes.dropLast(json.count)) : name.bytes
        for candidate in (0...).lazy.map({ $0 == 0 ? name : FileName(bytes: stem + Array(".\($0)".utf8) + (isJSON ? json : [])) }) {
            switch try rename(source, into: inbox, as: candidate) {
            case .moved: return try DurableFile.syncFolder(inbox.url)
            case .sourceMissing: return
            case .targetTaken: continue
            }
        }
    }

    /// Links `source` into `folder` as `name` unless that exists.
    /// - Returns: false when `name` is taken.
    /// - Throws: `JuryError.io` on any other failure.
    static func linkIfFree(_ source: URL, into folder: URL, as name: String) throws -> Bool {
        if link(source.path, FileName(name).path(in: FolderPath(folder))) == 0 { return true }
        guard errno == EEXIST else { throw DurableFile.posixError("link \(folder.path)/\(name)") }
        return false
    }

    /// The longest prefix of `text` of at most `limit` UTF-8 bytes that ends at a character boundary.
    private static func cut(_ text: String, toBytes limit: Int) -> String {
        var prefix = ""
        for character in text {
            guard prefix.utf8.count + character.utf8.count <= limit else { break }
            prefix.append(character)
        }
        return prefix
    }

    /// Longest name kept as it is: room is left for `.N` and `.reason.json` within NAME_MAX (255 bytes).
    static let maximumBaseBytes = 232

    /// `name`, then `name.1`, `name.2`, … without end; a name longer than `maximumBaseBytes` is first
    /// cut to that many bytes (at a character boundary).
    static func candidates(for name: String) -> some Sequence<String> {
        let base = name.utf8.count <= maximumBaseBytes ? name : cut(name, toBytes: maximumBaseBytes)
        return (0...).lazy.map { [base] in $0 == 0 ? base : "\(base).\($0)" }
    }
}
