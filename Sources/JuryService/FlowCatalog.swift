import Foundation
import JuryCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The queue's valid flows, read again only when a flow file or a worker template (in `flows/` or
/// `templates/`) was added, removed or changed (by name, size and modification time), so a
/// StartHumanLoop does not parse every flow file. The files are looked at again at most every
/// `stampLifetime`, at once after `invalidate()` and when a flow asked for is not in the catalog: a
/// flow file edited by hand applies to the calls made from a fifth of a second later on, one written
/// through the API at once.
final class FlowCatalog: Sendable {
    private struct Stamp: Equatable, Sendable {
        let name: String
        let size: Int64
        /// Modification time, ns since 1970.
        let modified: Int64
    }

    /// How long the files' stamps are taken as they were last read, ns.
    static let stampLifetime: UInt64 = 200_000_000

    let queue: QueueDirectory
    /// The flows, the stamps they were read at, and when those stamps were last found current
    /// (`DispatchTime` ns).
    private let cached = Mutex<(stamps: [Stamp], flows: [String: FlowDefinition], checked: UInt64)?>(nil)

    init(queue: QueueDirectory) { self.queue = queue }

    /// The valid flow named `name`, as `QueueDirectory.loadFlows()` gives it now (within `stampLifetime`).
    func flow(named name: String) -> FlowDefinition? {
        flows()[name] ?? flows(lookingAgain: true)[name]
    }

    /// Makes the next call look at the files again (after a flow or template was written or removed).
    func invalidate() {
        cached.withLock { $0?.checked = 0 }
    }

    /// The flows, from the files' stamps of at most `stampLifetime` ago unless `lookingAgain`.
    private func flows(lookingAgain: Bool = false) -> [String: FlowDefinition] {
        let now = DispatchTime.now().uptimeNanoseconds
        if !lookingAgain, let fresh = cached.withLock({ $0.flatMap { now &- $0.checked < Self.stampLifetime ? $0.flows : nil } }) {
            return fresh
        }
        let stamps = currentStamps()
        let unchanged = cached.withLock { cache -> [String: FlowDefinition]? in
            guard let current = cache, current.stamps == stamps else { return nil }
            cache?.checked = now
            return current.flows
        }
        if let unchanged { return unchanged }
        let flows = queue.loadFlows().flows
        cached.withLock { $0 = (stamps, flows, now) }
        return flows
    }

    /// The extensions of the files a flow is read from: its definition and the template beside it or stored.
    private static let flowFileExtensions: Set<Substring> = ["json", "liquid", "html"]

    /// Whether `name` ends in `.json`, `.liquid` or `.html` after a base name (hidden files are not flows).
    private static func isFlowFile(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return flowFileExtensions.contains(name[name.index(after: dot)...])
    }

    /// The flow files' names, sizes and modification times (a listing and a `stat` each: this runs for
    /// every StartHumanLoop, so it reads the folders with `readdir` and `fstatat`, not FileManager).
    private func currentStamps() -> [Stamp] {
        [queue.flowsURL, queue.templatesURL].flatMap { folder -> [Stamp] in
            guard let directory = opendir(folder.path) else { return [] }
            defer { closedir(directory) }
            var stamps: [Stamp] = []
            while let entry = readdir(directory) {
                let name = String(decoding: DirectoryEntry.name(entry), as: UTF8.self)
                guard Self.isFlowFile(name) else { continue }
                var info = stat()
                let label = folder.lastPathComponent + "/" + name
                guard fstatat(dirfd(directory), name, &info, 0) == 0 else {
                    stamps.append(Stamp(name: label, size: -1, modified: 0))
                    continue
                }
                stamps.append(Stamp(name: label, size: Int64(info.st_size),
                                    modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)))
            }
            return stamps
        }.sorted { $0.name < $1.name }
    }
}
