import GRDB

extension Ledger {
    /// Numbered migrations; each runs once, in order, inside a transaction.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-loops-claims-verdicts-audit") { db in
            try db.execute(sql: schemaVersion1)
        }
        migrator.registerMigration("2-dashboard-counters") { db in
            try db.execute(sql: schemaVersion2)
        }
        migrator.registerMigration("3-service-drafts-lapsed-claims") { db in
            try db.execute(sql: schemaVersion3)
        }
        migrator.registerMigration("4-adjudicator-escalation-verdict-changes") { db in
            try db.execute(sql: schemaVersion4)
        }
        migrator.registerMigration("5-status-event-outbox") { db in
            try db.execute(sql: schemaVersion5)
        }
        migrator.registerMigration("6-loop-text-search") { db in
            try db.execute(sql: schemaVersion6)
        }
        migrator.registerMigration("7-loop-text-written-at-admission") { db in
            try migrateToVersion7(db)
        }
        migrator.registerMigration("8-output-generation") { db in
            try db.execute(sql: schemaVersion8)
        }
        migrator.registerMigration("9-verdict-time-covering") { db in
            try db.execute(sql: schemaVersion9)
        }
        migrator.registerMigration("10-check-lists-as-comparisons") { db in
            try migrateToVersion10(db)
        }
        return migrator
    }

    private static let schemaVersion1 = """
        CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);

        CREATE TABLE flow_version (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            definition TEXT NOT NULL,
            UNIQUE (name, definition)
        );

        CREATE TABLE loop (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 63),
            flow TEXT NOT NULL,
            flow_version INTEGER NOT NULL REFERENCES flow_version(id),
            team TEXT NOT NULL,
            task_type TEXT NOT NULL CHECK (task_type IN ('document-form', 'image-moderation', 'classification', 'free-text')),
            status TEXT NOT NULL CHECK (status IN ('InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped')),
            failure_code TEXT,
            failure_reason TEXT CHECK (failure_reason IS NULL OR length(failure_reason) <= 1024),
            created_at INTEGER NOT NULL,
            deadline INTEGER NOT NULL,
            task_count INTEGER NOT NULL CHECK (task_count >= 1),
            original_task_count INTEGER NOT NULL CHECK (original_task_count BETWEEN 1 AND task_count),
            lead_slot INTEGER NOT NULL DEFAULT 0 CHECK (lead_slot IN (0, 1)),
            time_limit INTEGER NOT NULL CHECK (time_limit >= 1),
            min_confidence REAL,
            verdicts INTEGER NOT NULL DEFAULT 0 CHECK (verdicts >= 0),
            claims INTEGER NOT NULL DEFAULT 0 CHECK (claims >= 0),
            open_slots INTEGER GENERATED ALWAYS AS (task_count - verdicts - claims) VIRTUAL,
            content_hash INTEGER NOT NULL,
            completed_at INTEGER,
            output_folder TEXT NOT NULL,
            output_state TEXT NOT NULL DEFAULT 'none' CHECK (output_state IN ('none', 'pending', 'written')),
            consensus TEXT,
            CHECK (status <> 'InProgress' OR verdicts + claims <= task_count),
            CHECK ((status = 'Completed') = (completed_at IS NOT NULL))
        );
        CREATE INDEX loop_claimable ON loop(created_at, id)
            WHERE status = 'InProgress' AND open_slots > 0;
        CREATE INDEX loop_claimable_by_confidence ON loop(coalesce(min_confidence, 1000), created_at, id)
            WHERE status = 'InProgress' AND open_slots > 0;
        CREATE INDEX loop_deadline ON loop(deadline) WHERE status = 'InProgress';
        CREATE INDEX loop_created ON loop(created_at, id);
        CREATE INDEX loop_flow_created ON loop(flow, created_at, id);
        CREATE INDEX loop_status_created ON loop(status, created_at, id);
        CREATE INDEX loop_output_pending ON loop(id) WHERE output_state = 'pending';

        CREATE TABLE loop_input (
            loop_id INTEGER PRIMARY KEY REFERENCES loop(id) ON DELETE CASCADE,
            flow_arn TEXT,
            input_content TEXT NOT NULL,
            classifiers TEXT NOT NULL,
            activation TEXT NOT NULL
        );

        CREATE TABLE flow_skill (
            flow TEXT PRIMARY KEY NOT NULL,
            method TEXT NOT NULL,
            skills TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE TABLE claim (
            loop_id INTEGER NOT NULL REFERENCES loop(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            claimed_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL CHECK (expires_at > claimed_at),
            PRIMARY KEY (loop_id, reviewer)
        ) WITHOUT ROWID;
        CREATE INDEX claim_expiry ON claim(expires_at);
        CREATE INDEX claim_reviewer ON claim(reviewer, claimed_at);

        CREATE TABLE verdict (
            loop_id INTEGER NOT NULL REFERENCES loop(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            accepted_at INTEGER NOT NULL,
            submitted_at INTEGER NOT NULL,
            time_spent REAL NOT NULL CHECK (time_spent >= 0),
            answer TEXT NOT NULL,
            metadata TEXT NOT NULL,
            PRIMARY KEY (loop_id, reviewer)
        ) WITHOUT ROWID;
        CREATE INDEX verdict_reviewer_time ON verdict(reviewer, submitted_at);

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('claim', 'release', 'expire', 'verdict', 'stop', 'delete', 'fail', 'complete', 'escalate',
                                                  'reopen', 'adjudicate')),
            loop_name TEXT NOT NULL,
            detail TEXT
        );
        CREATE INDEX audit_loop ON audit(loop_name, id);
        """
}

/// The actor name the engine uses in the audit log for what it does by itself (expiry, lifetime failure).
public let systemActor = "jury"
