import GRDB

extension Ledger {
    /// Migration 5: the status-event outbox. A trigger adds a `status_event` row in the same
    /// transaction as any change of a loop to Completed, Failed or Stopped (loops are created
    /// InProgress, so every such status is reached by a change), whichever code made it, so
    /// no event is lost to a crash; the row keeps what the event needs should the loop be deleted
    /// before it is sent. `document` is the event as first sent (fixed then, so that every copy carries
    /// the same id); `spooled_at` is when its file in `events/` was on disk. `event_delivery` tracks
    /// each webhook's attempts.
    static let schemaVersion5 = """
        CREATE TABLE status_event (
            id INTEGER PRIMARY KEY,
            loop_id INTEGER NOT NULL,
            loop_name TEXT NOT NULL,
            flow TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('Completed', 'Failed', 'Stopped')),
            loop_created_at INTEGER NOT NULL,
            failure_code TEXT,
            failure_reason TEXT,
            output_folder TEXT NOT NULL,
            changed_at INTEGER NOT NULL,
            document TEXT,
            spooled_at INTEGER
        );
        CREATE INDEX status_event_unspooled ON status_event(id) WHERE spooled_at IS NULL;

        CREATE TABLE event_delivery (
            event_id INTEGER NOT NULL REFERENCES status_event(id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            delivered_at INTEGER,
            last_error TEXT,
            PRIMARY KEY (event_id, target)
        ) WITHOUT ROWID;
        CREATE INDEX event_delivery_due ON event_delivery(target, next_attempt_at) WHERE delivered_at IS NULL;

        CREATE TRIGGER loop_status_event AFTER UPDATE OF status ON loop
        WHEN NEW.status IN ('Completed', 'Failed', 'Stopped') AND NEW.status IS NOT OLD.status
        BEGIN
            INSERT INTO status_event(loop_id, loop_name, flow, status, loop_created_at, failure_code, failure_reason,
                                     output_folder, changed_at)
            VALUES (NEW.id, NEW.name, NEW.flow, NEW.status, NEW.created_at, NEW.failure_code, NEW.failure_reason,
                    NEW.output_folder, COALESCE(NEW.completed_at, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)));
        END;
        """
}
