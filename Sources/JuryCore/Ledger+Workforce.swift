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
