import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file writes: a reader sees the old file or the whole new one, never a part.
public enum DurableFile {
    /// Writes `data` to a temporary file beside `url` (its name starts with "." so the inbox skips it),
    /// fsyncs it, renames it over `url`, and fsyncs the folder so the rename survives a power loss.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = try writeTemporary(data, for: url.lastPathComponent, in: folder)
        guard rename(temporary.path, url.path) == 0 else {
            let error = posixError("rename to \(url.path)")
            unlink(temporary.path)
            throw error
        }
        try syncFolder(folder)
    }

    /// Writes `data` to `url` as `write` does, but only when no file is there: the name is taken with
    /// `link(2)`, which refuses to replace, so two writers never both succeed.
    /// - Returns: false, writing nothing, when `url` exists.
    public static func create(_ data: Data, at url: URL) throws -> Bool {
        let folder = url.deletingLastPathComponent()
        let temporary = try writeTemporary(data, for: url.lastPathComponent, in: folder)
        defer { unlink(temporary.path) }
        guard try FileMove.linkIfFree(temporary, into: folder, as: url.lastPathComponent) else { return false }
        try syncFolder(folder)
        return true
    }

    /// Writes `data` to a new file in `folder` (created when missing) named `.NAME.PID.RANDOM.tmp`, so the
    /// inbox skips it and `removeAbandonedTemporaries` knows it, and fsyncs it. The caller renames or links
    /// it into place, and removes it when it was linked.
    /// - Throws: `JuryError.io` naming the file; nothing is left behind then.
    static func writeTemporary(_ data: Data, for name: String, in folder: URL) throws -> URL {
        try createFolder(folder)
        let temporary = folder.appending(path: ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw posixError("create \(temporary.path)") }
        do {
            try writeAll(data, to: descriptor, path: temporary.path)
            guard fsync(descriptor) == 0 else { throw posixError("fsync \(temporary.path)") }
            close(descriptor)
            return temporary
        } catch {
            close(descriptor)
            unlink(temporary.path)
            throw error
        }
    }

    /// Removes temporary files that `write` left in `folder` when its process died mid-write (their
    /// process no longer runs); files of live writers are left alone. Only the temporaries' names are
    /// held, however many other files the folder has (`rejected/` is never pruned).
    public static func removeAbandonedTemporaries(in folder: URL) {
        let temporary = { (name: ArraySlice<UInt8>) in name.first == UInt8(ascii: ".") && name.suffix(4).elementsEqual(".tmp".utf8) }
        guard let temporaries = try? FileNameList(of: folder, where: temporary) else { return }
        for file in temporaries {
            let parts = file.text.split(separator: ".")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else {
                continue
            }
            unlink(file.path(in: FolderPath(folder)))
        }
    }

    /// Creates `folder` and the missing folders above it, fsyncing the folder each one was made in, so
    /// that a file made durable in it later does not vanish with a new folder on a power loss.
    /// Another writer creating the same folder meanwhile is no error.
    /// - Throws: `JuryError.io` naming the folder that could not be made or synced.
    static func createFolder(_ folder: URL) throws {
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        while !FileManager.default.fileExists(atPath: current.path), current.pathComponents.count > 1 {
            missing.append(current)
            current = current.deletingLastPathComponent()
        }
        for created in missing.reversed() {
            guard mkdir(created.path, 0o777) == 0 || errno == EEXIST else { throw posixError("create the folder \(created.path)") }
            try syncFolder(created.deletingLastPathComponent())
        }
    }

    /// fsyncs a folder so entries created, renamed or removed in it are durable.
    public static func syncFolder(_ folder: URL) throws { try sync(folder.path, flags: O_DIRECTORY) }

    /// fsyncs a file written by another writer (SQLite's WAL, say), so what it holds is durable.
    static func syncFile(_ file: URL) throws { try sync(file.path, flags: 0) }

    /// Opens `path` for reading with `flags` added and fsyncs it.
    /// - Throws: `JuryError.io` naming the step that failed.
    private static func sync(_ path: String, flags: Int32) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | flags)
        guard descriptor >= 0 else { throw posixError("open \(path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw posixError("fsync \(path)") }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw posixError("write \(path)") }
                offset += written
            }
        }
    }

    static func posixError(_ action: String) -> JuryError {
        JuryError.io("\(action): \(String(cString: strerror(errno)))")
    }
}

/// A 64-bit FNV-1a hash: a fast fingerprint, never trusted alone to prove two contents equal.
public enum ContentHash {
    /// The hash of `text`'s UTF-8 bytes, read from its contiguous storage (a bridged string is made
    /// native first).
    public static func of(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            return hash
        }
    }
}

/// Errors the engine reports to people: each says what is wrong and what to do.
public enum JuryError: Error, CustomStringConvertible, Sendable, Equatable {
    case notAQueue(String)
    case notFound(String)
    case invalidInput(String)
    case forbidden(String)
    case conflict(String)
    case invalidState(String)
    case io(String)

    public var description: String {
        switch self {
        case .notAQueue(let text), .notFound(let text), .invalidInput(let text), .forbidden(let text),
            .conflict(let text), .invalidState(let text), .io(let text):
            text
        }
    }
}
