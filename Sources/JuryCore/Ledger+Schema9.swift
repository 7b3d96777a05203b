import GRDB

extension Ledger {
    /// Migration 9: `verdict_time` also holds `time_spent`, so the reviewers' figures of the day (every
    /// verdict since the day began, with its reviewer and time) are read from the index alone instead of
    /// looking each verdict up in the table.
    static let schemaVersion9 = """
        DROP INDEX verdict_time;
        CREATE INDEX verdict_time ON verdict(submitted_at, time_spent);
        """
}
