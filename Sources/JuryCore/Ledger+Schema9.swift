import GRDB

extension Ledger {
    /// Migration 9: `verdict_time` and `verdict_reviewer_time` also hold `time_spent`, so the reviewers'
    /// figures of the day (the dashboard's, every verdict since the day began, and a workstation's, its
    /// reviewer's) are read from an index alone instead of looking each verdict up in the table.
    static let schemaVersion9 = """
        DROP INDEX verdict_time;
        CREATE INDEX verdict_time ON verdict(submitted_at, time_spent);
        DROP INDEX verdict_reviewer_time;
        CREATE INDEX verdict_reviewer_time ON verdict(reviewer, submitted_at, time_spent);
        """
}
