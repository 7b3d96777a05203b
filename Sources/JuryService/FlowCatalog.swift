import Foundation
import JuryCore
import Synchronization

/// The queue's valid flows, read again only when a file of `flows/` was added, removed or changed
/// (by name, size and modification time), so a StartHumanLoop does not parse every flow file.
final class FlowCatalog: Sendable {
    private struct Stamp: Equatable, Sendable {
        let name: String
        let size: Int
        let modified: Date
    }

    let queue: QueueDirectory
    private let cached = Mutex<(stamps: [Stamp], flows: [String: FlowDefinition])?>(nil)

    init(queue: QueueDirectory) { self.queue = queue }

    /// The flows `QueueDirectory.loadFlows()` gives now.
    var flows: [String: FlowDefinition] {
        let stamps = currentStamps()
        if let hit = cached.withLock({ $0?.stamps == stamps ? $0?.flows : nil }) { return hit }
        let flows = queue.loadFlows().flows
        cached.withLock { $0 = (stamps, flows) }
        return flows
    }

    private func currentStamps() -> [Stamp] {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        let files = (try? FileManager.default.contentsOfDirectory(at: queue.flowsURL, includingPropertiesForKeys: keys)) ?? []
        return files.filter { $0.pathExtension == "json" }.map { file in
            let values = try? file.resourceValues(forKeys: Set(keys))
            return Stamp(name: file.lastPathComponent, size: values?.fileSize ?? -1, modified: values?.contentModificationDate ?? .distantPast)
        }.sorted { $0.name < $1.name }
    }
}
