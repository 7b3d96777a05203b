import Foundation
import GRDB

extension Ledger {
    /// `reviewer`'s drafts of loops that are still there, oldest first. A draft saved before its loop
    /// was made is of an earlier loop of that name (deleted, the name used again), and is left out; so
    /// is one of a loop the reviewer gave a verdict on (the verdict committed, and the process ended
    /// before the draft was deleted).
    public func drafts(of reviewer: String) throws -> [StoredDraft] {
        try database.read { db in
            try db.fetchRecords(DraftRecord.self, sql: """
                SELECT draft.* FROM draft JOIN loop ON loop.name = draft.loop
                WHERE draft.reviewer = ? AND loop.created_at <= draft.saved_at
                AND NOT EXISTS (SELECT 1 FROM verdict WHERE verdict.loop_id = loop.id AND verdict.reviewer = draft.reviewer)
                ORDER BY draft.saved_at, draft.loop
                """, arguments: [reviewer])
                .map(\.storedDraft)
        }
    }

    /// Saves `reviewer`'s draft, replacing their earlier one of the same loop. The commit survives a crash
    /// of any process (`synchronous = NORMAL`, as claims).
    /// - Throws: `JuryError.invalidInput` when the draft is larger than `StoredDraft.maximumBytes`, `.notFound`
    ///   when no loop of that name is in the ledger (a draft is of a loop, never a store of its own).
    public func saveDraft(_ draft: StoredDraft, reviewer: String) throws {
        guard draft.body.count <= StoredDraft.maximumBytes else {
            throw JuryError.invalidInput("a draft holds at most \(StoredDraft.maximumBytes) bytes; this one has \(draft.body.count)")
        }
        try writeImmediately(durable: false) { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM loop WHERE name = ?)", arguments: [draft.loop]) == true else {
                throw JuryError.notFound("no human loop named \(draft.loop) to keep a draft of")
            }
            let now = nowMilliseconds
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
