import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file written in pieces that appears whole or not at all: the pieces go to a temporary file beside it
/// (named as `DurableFile`'s, so an abandoned one is found and removed), which `commit` fsyncs and renames
/// over the file. Dropped without a commit, the temporary file is removed and the old file is untouched.
public final class StreamedFile {
    public let url: URL
    private let temporary: URL
    private let handle: FileHandle
    private var committed = false

    /// - Throws: `JuryError.io` when the temporary file cannot be made (the folder is missing or not writable).
    public init(_ url: URL) throws {
        self.url = url
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path) else { throw JuryError.io("no folder \(folder.path) to write \(url.lastPathComponent) in") }
        temporary = try DurableFile.writeTemporary(Data(), for: url.lastPathComponent, in: folder)
        do {
            handle = try FileHandle(forWritingTo: temporary)
        } catch {
            unlink(temporary.path)
            throw JuryError.io("cannot write \(temporary.path): \(error.localizedDescription)")
        }
    }

    deinit {
        guard !committed else { return }
        try? handle.close()
        unlink(temporary.path)
    }

    /// Appends `text` as UTF-8.
    /// - Throws: `JuryError.io` (a full disk, for instance).
    public func append(_ text: String) throws {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw JuryError.io("cannot write \(temporary.path): \(error.localizedDescription)")
        }
    }

    /// Makes the pieces the file, durably.
    /// - Throws: `JuryError.io`; the old file, if any, is then untouched.
    public func commit() throws {
        guard fsync(handle.fileDescriptor) == 0 else { throw DurableFile.posixError("fsync \(temporary.path)") }
        try? handle.close()
        guard rename(temporary.path, url.path) == 0 else { throw DurableFile.posixError("rename to \(url.path)") }
        committed = true
        try DurableFile.syncFolder(url.deletingLastPathComponent())
    }
}
