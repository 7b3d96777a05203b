import Glibc




extension MediaReader {
    /// Opens `components` below `root` one `openat` at a time, then reads the regular file.
    func read(root: String, components: [String], display: String) throws(MediaProblem) -> [UInt8] {
        let descriptor = try openBelow(root: root, components: components, display: display)
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: display, errno: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notARegularFile(path: display) }
        guard Int(status.st_size) <= limits.maxBytes else { throw .tooLarge(bytes: Int(status.st_size), limit: limits.maxBytes) }
        return try readAll(descriptor, expected: Int(status.st_size), display: display)
    }

    private func openBelow(root: String, components: [String], display: String) throws(MediaProblem) -> Int32 {
        var directory = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw Self.problem(errno, display: display) }
        for (index, name) in components.enumerated() {
            let isLast = index == components.count - 1
            let flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (isLast ? O_NONBLOCK : O_DIRECTORY)
            let next = openat(directory, name, flags)
            let error = errno
            let throughLink = next < 0 && Self.isSymbolicLink(name, in: directory)
            close(directory)
            guard next >= 0 else { throw Self.problem(throughLink ? ELOOP : error, display: display) }
            directory = next
        }
        return directory
    }

    /// Reads to the end, refusing a file that grew past the limit while being read.
    private func readAll(_ descriptor: Int32, expected: Int, display: String) throws(MediaProblem) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: min(expected, limits.maxBytes) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw .unreadable(path: display, errno: errno) }
            if got == 0 { break }
            count += got
        }
        guard count <= limits.maxBytes else { throw .tooLarge(bytes: count, limit: limits.maxBytes) }
        return Array(bytes[..<count])
    }

    /// True when `name` in `directory` is a symbolic link (O_NOFOLLOW with O_DIRECTORY says ENOTDIR).
    private static func isSymbolicLink(_ name: String, in directory: Int32) -> Bool {
        var status = stat()
        return fstatat(directory, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFLNK
    }

    private static func problem(_ error: Int32, display: String) -> MediaProblem {
        switch error {
        case ENOENT, ENOTDIR: .missing(path: display)
        case ELOOP: .symbolicLink(path: display)
        default: .unreadable(path: display, errno: error)
        }
    }
}
