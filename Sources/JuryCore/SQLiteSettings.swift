import CSQLiteSettings

/// Process-wide SQLite settings, made once by an executable's entry point before it opens a ledger.
public enum SQLiteSettings {
    /// Turns SQLite's memory statistics off: Jury reads none of them (no heap limit, no
    /// `sqlite3_memory_used`), and keeping them takes a process-wide mutex on every allocation SQLite
    /// makes. Call it first thing in `main`, while no other thread runs: SQLite's configuration is not
    /// thread-safe. Once any connection was opened it changes nothing.
    /// - Returns: whether the setting took effect.
    @discardableResult
    public static func applyBeforeFirstConnection() -> Bool {
        jury_sqlite_memory_statistics_off() == 0
    }
}
