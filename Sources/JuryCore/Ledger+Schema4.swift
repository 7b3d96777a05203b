import GRDB

extension Ledger {
    /// Migration 4: what settles and records an escalation, and the audit actions of changed verdicts.
    /// `loop.adjudicator` is the lead whose verdict settled a loop handed to a lead; `loop.escalation` is
    /// the JSON array of the loop's escalation steps, oldest first. The audit table is rebuilt (SQLite
    /// cannot change a CHECK) to take `amend`, `withdraw` and `reaggregate`, and `start`: a loop started
    /// through the A2I API, with the producer (the access key's profile) as actor.
    static let schemaVersion4 = """
        ALTER TABLE loop ADD COLUMN adjudicator TEXT;
        ALTER TABLE loop ADD COLUMN escalation TEXT;
        CREATE TABLE audit_v4 (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('claim', 'release', 'expire', 'verdict', 'stop', 'delete', 'fail', 'complete', 'escalate',
                                                  'reopen', 'adjudicate', 'amend', 'withdraw', 'reaggregate', 'start')),
            loop_name TEXT NOT NULL,
            detail TEXT
        );
        INSERT INTO audit_v4(id, at, actor, action, loop_name, detail) SELECT id, at, actor, action, loop_name, detail FROM audit;
        DROP TABLE audit;
        ALTER TABLE audit_v4 RENAME TO audit;
        CREATE INDEX audit_loop ON audit(loop_name, id);
        CREATE INDEX audit_action_time ON audit(action, at);
        CREATE TRIGGER reviewer_activity_audit AFTER INSERT ON audit
            WHEN NEW.action IN ('claim', 'release', 'verdict', 'amend', 'withdraw') BEGIN
            INSERT INTO reviewer_activity(reviewer, last_at) VALUES (NEW.actor, NEW.at)
                ON CONFLICT(reviewer) DO UPDATE SET last_at = max(last_at, excluded.last_at);
        END;
        """
}
