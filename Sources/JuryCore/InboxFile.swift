import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an inbox file without following links, without blocking, and without reading more than a limit.
enum InboxFile {
    /// The bytes of regular file `file` in `folder`. It is opened first and the descriptor's own `fstat`
    /// decides what it is, so no check can be outrun by a swap: a link is never followed (`O_NOFOLLOW`)
    /// and a FIFO never blocks the open or the read (`O_NONBLOCK`).
    /// - Throws: `Rejection` `symlink`, `not-a-regular-file` (naming what it is) or `too-large`.
    static func read(_ file: FileName, in folder: URL, limit: Int) throws(Rejection) -> Data {
        let descriptor = open(file.path(in: folder), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw linkRefused }
            throw failure("cannot open")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot stat") }
        try requireRegularFile(info)
        guard Int(info.st_size) <= limit else { throw Rejection(.tooLarge, "the file has \(info.st_size) bytes; the limit is \(limit)") }
        var data = Data(count: Int(info.st_size) + 1)
        let count = data.withUnsafeMutableBytes { buffer in readFully(descriptor, buffer) }
        guard count >= 0 else { throw failure("cannot read") }
        guard count <= limit else { throw Rejection(.tooLarge, "the file grew past \(limit) bytes while being read") }
        data.count = count
        return data
    }

    private static let linkRefused = Rejection(.symlink, "symbolic links are not read; drop the file itself")

    private static func requireRegularFile(_ info: stat) throws(Rejection) {
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else { throw Rejection(.notRegularFile, "only regular files are ingested; this is \(name(of: kind))") }
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

    private static func failure(_ action: String) -> Rejection {
        Rejection(.notRegularFile, "\(action): \(String(cString: strerror(errno)))")
    }

    /// Reads until the buffer is full or the file ends; -1 on an error.
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
