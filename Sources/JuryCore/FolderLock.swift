import Foundation

/// An exclusive `flock` on a folder, held from `init` until `release()` or the process's death.
struct FolderLock {
    private let descriptor: Int32

    /// Waits until no other holder has the lock.
    /// - Throws: `JuryError.io` when the folder cannot be opened or locked.
    init(_ folder: URL) throws {
        descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DurableFile.posixError("open \(folder.path)") }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let error = DurableFile.posixError("lock \(folder.path)")
                close(descriptor)
                throw error
            }
        }
    }

    func release() { close(descriptor) }
}
