import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an inbox file without following links, without blocking, and without reading more than a limit.
enum InboxFile {
    /// Which file a name led to: its device and inode, so a name that now leads elsewhere is noticed.
    struct Identity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }

        /// The identity of what `path` names (a link itself, not what it points to); nil when nothing is there.
        init?(at path: [CChar]) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            self.init(info)
        }
    }

    /// One read of an inbox file.
    struct Contents {
        let data: Data
        let identity: Identity
        /// The file's modification time when it was opened, in nanoseconds since 1970 (the kernel's clock).
        let modifiedNanoseconds: Int64
        /// Whether the bytes read differ in number from the size `fstat` gave: someone is still writing it.
        let changedWhileRead: Bool
    }

    /// Why a file was not read.
    enum Failure: Error, Equatable {
        /// The file is refused for good, for this reason.
        case refused(Rejection)
        /// The file could not be read now (too many open files, no memory): a later pass tries again.
        case unavailable(String)
        /// Nothing is there any more (another process took it).
        case gone
    }

    /// The bytes of regular file `file` in `folder`. It is opened first and the descriptor's own `fstat`
    /// decides what it is, so no check can be outrun by a swap: a link is never followed (`O_NOFOLLOW`)
    /// and a FIFO never blocks the open or the read (`O_NONBLOCK`).
    /// - Throws: `Failure.refused` with `symlink`, `unreadable`, `not-a-regular-file` (naming what it is) or `too-large`;
    ///   `Failure.unavailable` when the process is out of descriptors or memory; `Failure.gone`.
    static func read(_ file: FileName, in folder: FolderPath, limit: Int) throws(Failure) -> Contents {
        let descriptor = try open(file.path(in: folder))
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot stat") }
        try requireRegularFile(info)
        guard Int(info.st_size) <= limit else {
            throw .refused(Rejection(.tooLarge, "the file has \(info.st_size) bytes; the limit is \(limit)"))
        }
        var data = Data(count: Int(info.st_size) + 1)
        let count = data.withUnsafeMutableBytes { buffer in readFully(descriptor, buffer) }
        guard count >= 0 else { throw failure("cannot read") }
        guard count <= limit else { throw .refused(Rejection(.tooLarge, "the file grew past \(limit) bytes while being read")) }
        data.count = count
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return Contents(data: data, identity: Identity(info), modifiedNanoseconds: modified, changedWhileRead: count != Int(info.st_size))
    }

    /// Opens `path` read-only, never following a link and never blocking.
    private static func open(_ path: [CChar]) throws(Failure) -> Int32 {
        while true {
            let descriptor = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            switch errno {
            case EINTR: continue
            case ELOOP: throw .refused(linkRefused)
            case ENOENT: throw .gone
            case EACCES: throw .refused(Rejection(.unreadable, "the queue's owner may not read it (Permission denied): write inbox files readable by the inbox's group (umask 027, or chmod g+r)"))
            default: throw failure("cannot open")
            }
        }
    }

    private static let linkRefused = Rejection(.symlink, "symbolic links are not read; drop the file itself")

    /// Errors that say nothing about the file, only about this process or the machine right now.
    private static let passingErrors: Set<Int32> = [EMFILE, ENFILE, ENOMEM, EAGAIN, EBUSY, ETXTBSY, EINTR]

    private static func requireRegularFile(_ info: stat) throws(Failure) {
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw .refused(Rejection(.notRegularFile, "only regular files are ingested; this is \(name(of: kind))"))
        }
    }

    private static func name(of kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "not a regular file"
        }
    }

    /// The failure error `code` (by default `errno`) means for `action`: passing for `passingErrors`, else a refusal.
    static func failure(_ action: String, code: Int32 = errno) -> Failure {
        let text = "\(action): \(String(cString: strerror(code)))"
        return passingErrors.contains(code) ? .unavailable(text) : .refused(Rejection(.notRegularFile, text))
    }

    /// Reads until the buffer is full or the file ends; -1 on an error (left in `errno`).
    private static func readFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        var total = 0
        while total < buffer.count {
            let count = Glibc.read(descriptor, buffer.baseAddress! + total, buffer.count - total)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count < 0 ? -1 : total }
            total += count
        }
        return total
    }
}
