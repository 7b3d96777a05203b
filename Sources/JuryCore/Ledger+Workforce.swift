import Foundation

extension Ledger {
    /// Reads `workforce.json` again when it changed since it was last read (another inode, size or
    /// modification time), so a lead's edit takes effect without restarting the service.
    /// - Returns: true when a new workforce is in force.
    /// - Throws: `JuryError.invalidInput` or `.notAQueue` when the changed file does not load; the
    ///   workforce in force stays, and the same broken file is not reported again.
    @discardableResult
    public func reloadWorkforceIfChanged() throws -> Bool {
        let file = FileIdentity(of: queue.workforceURL)
        guard loadedWorkforce.withLock({ $0.file != file }) else { return false }
        do {
            let workforce = try queue.loadWorkforce()
            loadedWorkforce.withLock { $0 = (workforce, file) }
            return true
        } catch {
            loadedWorkforce.withLock { $0.file = file }
            throw error
        }
    }
}

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
