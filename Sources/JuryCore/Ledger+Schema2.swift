import GRDB

extension Ledger {
    /// Migration 2: what the lead dashboard reads without scanning the loops. Counters per flow and
    /// state and each reviewer's last activity are kept by triggers; `queue_sample` keeps the depth and
    /// completion history.
    static let schemaVersion2 = """
        CREATE TABLE loop_count (
            flow TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('unclaimed', 'claimed', 'Completed', 'Failed', 'Stopping', 'Stopped')),
            count INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (flow, state)
        ) WITHOUT ROWID;

        INSERT INTO loop_count(flow, state, count)
            SELECT flow, CASE WHEN status <> 'InProgress' THEN status WHEN claims > 0 THEN 'claimed' ELSE 'unclaimed' END, count(*)
            FROM loop GROUP BY 1, 2;

        CREATE TRIGGER loop_count_insert AFTER INSERT ON loop BEGIN
            INSERT INTO loop_count(flow, state, count)
                VALUES (NEW.flow, CASE WHEN NEW.status <> 'InProgress' THEN NEW.status WHEN NEW.claims > 0 THEN 'claimed' ELSE 'unclaimed' END, 1)
                ON CONFLICT(flow, state) DO UPDATE SET count = count + 1;
        END;

        CREATE TRIGGER loop_count_delete AFTER DELETE ON loop BEGIN
            UPDATE loop_count SET count = count - 1 WHERE flow = OLD.flow
                AND state = CASE WHEN OLD.status <> 'InProgress' THEN OLD.status WHEN OLD.claims > 0 THEN 'claimed' ELSE 'unclaimed' END;
        END;

        CREATE TRIGGER loop_count_update AFTER UPDATE OF status, claims ON loop
            WHEN (CASE WHEN OLD.status <> 'InProgress' THEN OLD.status WHEN OLD.claims > 0 THEN 'claimed' ELSE 'unclaimed' END)
              <> (CASE WHEN NEW.status <> 'InProgress' THEN NEW.status WHEN NEW.claims > 0 THEN 'claimed' ELSE 'unclaimed' END)
        BEGIN
            UPDATE loop_count SET count = count - 1 WHERE flow = OLD.flow
                AND state = CASE WHEN OLD.status <> 'InProgress' THEN OLD.status WHEN OLD.claims > 0 THEN 'claimed' ELSE 'unclaimed' END;
            INSERT INTO loop_count(flow, state, count)
                VALUES (NEW.flow, CASE WHEN NEW.status <> 'InProgress' THEN NEW.status WHEN NEW.claims > 0 THEN 'claimed' ELSE 'unclaimed' END, 1)
                ON CONFLICT(flow, state) DO UPDATE SET count = count + 1;
        END;

        CREATE INDEX loop_completed ON loop(completed_at) WHERE completed_at IS NOT NULL;
        CREATE INDEX loop_awaiting_lead ON loop(created_at, id) WHERE status = 'InProgress' AND open_slots > 0 AND lead_slot = 1;
        CREATE INDEX verdict_time ON verdict(submitted_at);
        CREATE INDEX audit_action_time ON audit(action, at);

        CREATE TABLE reviewer_activity (reviewer TEXT PRIMARY KEY NOT NULL, last_at INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO reviewer_activity(reviewer, last_at)
            SELECT actor, max(at) FROM audit WHERE action IN ('claim', 'release', 'verdict') GROUP BY actor;
        CREATE TRIGGER reviewer_activity_audit AFTER INSERT ON audit WHEN NEW.action IN ('claim', 'release', 'verdict') BEGIN
            INSERT INTO reviewer_activity(reviewer, last_at) VALUES (NEW.actor, NEW.at)
                ON CONFLICT(reviewer) DO UPDATE SET last_at = max(last_at, excluded.last_at);
        END;

        CREATE TABLE queue_sample (
            at INTEGER PRIMARY KEY,
            depth INTEGER NOT NULL CHECK (depth >= 0),
            completed INTEGER NOT NULL CHECK (completed >= 0)
        );
        """
}
