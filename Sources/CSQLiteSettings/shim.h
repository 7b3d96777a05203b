/* CSQLiteSettings: the process-wide SQLite setting Jury makes, which Swift cannot call itself.
 *
 * sqlite3_config(3) is variadic, and Swift imports no variadic C function. It is declared here rather
 * than through <sqlite3.h> so that SQLite's declarations come from one module only (GRDB's); its
 * option number is part of SQLite's stable interface. The Swift file that imports this module:
 * JuryCore/SQLiteSettings.swift.
 */
#ifndef JURY_CSQLITESETTINGS_SHIM_H
#define JURY_CSQLITESETTINGS_SHIM_H

extern int sqlite3_config(int option, ...);

/* Turns SQLite's memory statistics off (SQLITE_CONFIG_MEMSTATUS, option 9): each of SQLite's
 * allocations and frees then skips a process-wide mutex and its counters. Takes effect only before
 * SQLite initializes (before the process's first connection); returns SQLITE_OK (0) then and
 * SQLITE_MISUSE (21) after. */
static inline int jury_sqlite_memory_statistics_off(void) { return sqlite3_config(9, 0); }

#endif
