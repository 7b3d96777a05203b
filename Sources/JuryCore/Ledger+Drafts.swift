import Foundation
import GRDB

extension Ledger {
    /// `reviewer`'s drafts, oldest first.
    public func drafts(of reviewer: String) throws -> [StoredDraft] {
        try database.read { db in
            try db.fetchRecords(DraftRecord.self, sql: "SELECT * FROM draft WHERE reviewer = ? ORDER BY saved_at, loop", arguments: [reviewer])
                .map(\.storedDraft)
        }
    }

    /// Saves `reviewer`'s draft, replacing their earlier one of the same loop. The commit survives a crash
    /// of any process (`synchronous = NORMAL`, as claims).
    /// - Throws: `JuryError.invalidInput` when the draft is larger than `StoredDraft.maximumBytes`.
    public func saveDraft(_ draft: StoredDraft, reviewer: String) throws {
        guard draft.body.count <= StoredDraft.maximumBytes else {
            throw JuryError.invalidInput("a draft holds at most \(StoredDraft.maximumBytes) bytes; this one has \(draft.body.count)")
        }
        let now = nowMilliseconds
        try writeImmediately(durable: false) { db in
            try db.run(sql: "INSERT OR REPLACE INTO draft(reviewer, loop, body, saved_at) VALUES (?, ?, ?, ?)",
                       arguments: [reviewer, draft.loop, draft.body, now])
        }
    }

    /// Removes `reviewer`'s draft of `loop`; no draft is not an error.
    public func deleteDraft(loop: String, reviewer: String) throws {
        try writeImmediately(durable: false) { db in
            try db.run(sql: "DELETE FROM draft WHERE reviewer = ? AND loop = ?", arguments: [reviewer, loop])
        }
    }

    /// A queue setting (`jury init`'s choices), or nil when unset.
    public func setting(_ key: String) throws -> String? {
        try database.read { db in try db.fetchValue(String.self, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }
}
