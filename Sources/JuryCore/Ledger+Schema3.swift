import GRDB

extension Ledger {
    /// Migration 3: what the queue service keeps for reviewers. `draft` holds each reviewer's unsent
    /// verdicts (opaque bytes of the workstation's draft document); `lapsed_claim` remembers a claim
    /// whose lease ran out, so that a late verdict keeps its real acceptance time.
    static let schemaVersion3 = """
        CREATE TABLE draft (
            reviewer TEXT NOT NULL,
            loop TEXT NOT NULL,
            body BLOB NOT NULL,
            saved_at INTEGER NOT NULL,
            PRIMARY KEY (reviewer, loop)
        ) WITHOUT ROWID;

        CREATE TABLE lapsed_claim (
            loop_id INTEGER NOT NULL REFERENCES loop(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            claimed_at INTEGER NOT NULL,
            PRIMARY KEY (loop_id, reviewer)
        ) WITHOUT ROWID;
        """
}
