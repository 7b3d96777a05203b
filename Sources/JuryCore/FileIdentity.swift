import Foundation

/// What tells one version of a file from another without reading it: inode, size and modification
/// time in nanoseconds; nil fields when the file is missing.
struct FileIdentity: Equatable, Sendable {
    let inode: UInt64?
    let size: Int64?
    let modified: Int64?

    init(of url: URL) {
        var status = stat()
        guard stat(url.path, &status) == 0 else {
            (inode, size, modified) = (nil, nil, nil)
            return
        }
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    }
}
