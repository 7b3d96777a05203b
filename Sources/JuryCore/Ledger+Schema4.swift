extension Ledger {
    /// The audit log also records `start`: a loop started through the A2I API, with the producer (the
    /// access key's profile) as actor. SQLite cannot change a CHECK constraint, so the table is rebuilt
    /// with its rows, indexes and trigger.
    static let schemaVersion4 = """
        CREATE TABLE audit_new (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('claim', 'release', 'expire', 'verdict', 'stop', 'delete', 'fail', 'complete', 'escalate',
                                                  'reopen', 'adjudicate', 'start')),
            loop_name TEXT NOT NULL,
            detail TEXT
        );
        INSERT INTO audit_new(id, at, actor, action, loop_name, detail) SELECT id, at, actor, action, loop_name, detail FROM audit;
        DROP TABLE audit;
        ALTER TABLE audit_new RENAME TO audit;
        CREATE INDEX audit_loop ON audit(loop_name, id);
        CREATE INDEX audit_action_time ON audit(action, at);
        CREATE TRIGGER reviewer_activity_audit AFTER INSERT ON audit WHEN NEW.action IN ('claim', 'release', 'verdict') BEGIN
            INSERT INTO reviewer_activity(reviewer, last_at) VALUES (NEW.actor, NEW.at)
                ON CONFLICT(reviewer) DO UPDATE SET last_at = max(last_at, excluded.last_at);
        END;
        """
}
