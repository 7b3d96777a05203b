import Foundation
import JuryCore

/// A typed but unsent verdict, saved with the queue service (per reviewer, readable by them alone) on
/// every change so that it survives a crash or a lost ssh connection, and offered back on the next start.
public struct Draft: Codable, Equatable, Sendable {
    public var loopName: String
    public var flow: String
    public var verdict: Verdict
    /// The field being edited when the draft was saved, with the text typed so far.
    public var editing: EditingDraft?
    /// ms since 1970.
    public var savedAt: Int64

    public init(loopName: String, flow: String, verdict: Verdict, editing: EditingDraft?, savedAt: Int64) {
        self.loopName = loopName
        self.flow = flow
        self.verdict = verdict
        self.editing = editing
        self.savedAt = savedAt
    }
}

/// An edit in progress, as saved in a draft.
public struct EditingDraft: Codable, Equatable, Sendable {
    public var target: EditTarget
    public var text: String
}

extension Draft {
    /// The draft as the queue service keeps it (its JSON document, sorted keys).
    public var stored: StoredDraft {
        get throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return StoredDraft(loop: loopName, body: try encoder.encode(self), savedAt: savedAt)
        }
    }

    /// A draft the service kept, or nil when its document is not a draft this workstation reads.
    public init?(stored: StoredDraft) {
        guard let draft = try? JSONDecoder().decode(Draft.self, from: stored.body), draft.loopName == stored.loop else { return nil }
        self = draft
    }
}
