import Foundation
import JuryCore
import Synchronization

/// The queue's valid flows, read again only when a flow file or a worker template (in `flows/` or
/// `templates/`) was added, removed or changed (by name, size and modification time), so a
/// StartHumanLoop does not parse every flow file.
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

    /// The extensions of the files a flow is read from: its definition and the template beside it or stored.
    private static let flowFileExtensions: Set<String> = ["json", "liquid", "html"]

    private func currentStamps() -> [Stamp] {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey]
        let files = [queue.flowsURL, queue.templatesURL].flatMap { folder in
            (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: keys)) ?? []
        }
        return files.filter { Self.flowFileExtensions.contains($0.pathExtension) }.map { file in
            let values = try? file.resourceValues(forKeys: Set(keys))
            let name = file.deletingLastPathComponent().lastPathComponent + "/" + file.lastPathComponent
            return Stamp(name: name, size: values?.fileSize ?? -1, modified: values?.contentModificationDate ?? .distantPast)
        }.sorted { $0.name < $1.name }
    }
}
