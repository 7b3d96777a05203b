import Foundation
import JuryCore
import JuryMedia

extension QueueService {
    /// The queue setting that holds the object root (`s3://bucket/key` is read at `ROOT/bucket/key`).
    public static let objectRootSetting = "objectRoot"

    /// The bytes of `loop`'s image or document, read here under the object roots in force
    /// (`ObjectRoots.resolve`: `JURY_OBJECT_ROOT` of the service, the flow's `Jury.ObjectRoot`, the
    /// queue's setting; relative roots of the flow and the queue are under the queue's folder), at
    /// most `MediaLimits().maxBytes`; a refusal says why not. Nil when the task names no media.
    /// - Throws: `JuryError.notFound` for an unknown loop, `forbidden` when `reviewer` is not in its team.
    func media(loop: String, reviewer: String) throws -> MediaFile? {
        let material = try ledger.taskMaterial(loop: loop, reviewer: reviewer)
        guard let value = material.mediaValue else { return nil }
        let reader = MediaReader(roots: try objectRoots(for: material.flow))
        let reference: MediaReference
        do {
            reference = try MediaReference.fromValue(try JSONSerialization.jsonObject(with: value.encoded(), options: .fragmentsAllowed))
        } catch let problem as MediaProblem {
            return MediaFile(source: value.stringValue ?? "the task's media", refusal: problem.description)
        }
        do {
            let file = try reader.file(of: reference.source)
            return MediaFile(source: reference.source.displayName, bytes: Data(file.bytes), host: file.path.map { _ in MediaFile.localHostName },
                             path: file.path)
        } catch {
            return MediaFile(source: reference.source.displayName, refusal: error.description)
        }
    }

    private func objectRoots(for flow: FlowDefinition) throws -> ObjectRoots {
        let queueRoot = try ledger.setting(Self.objectRootSetting)
        let underQueue = { (path: String?) in
            path.map { $0.hasPrefix("/") ? $0 : self.ledger.queue.root.appending(path: $0).path }
        }
        return ObjectRoots.resolve(environment: ProcessInfo.processInfo.environment, flow: underQueue(flow.objectRoot),
                                   queue: underQueue(queueRoot))
    }
}
