import Foundation
import GRDB
import Synchronization

/// The SQLite ledger inside the queue directory: loops, claims, verdicts and the audit log.
///
/// Every change runs in an IMMEDIATE transaction with `synchronous = FULL` in WAL mode, so several
/// reviewer processes on one host share it safely and a committed verdict survives a crash.
public final class Ledger: Sendable {
    public let queue: QueueDirectory
    public let time: TimeSource
    /// Who is in which team and who leads: `workforce.json` as last read (see `reloadWorkforceIfChanged()`).
    public var workforce: Workforce { loadedWorkforce.withLock { $0.workforce } }
    /// The workforce in force and the identity of the file it was read from (or last failed to be).
    let loadedWorkforce: Mutex<(workforce: Workforce, file: FileIdentity)>
    let database: any DatabaseWriter
    /// True when the ledger was opened for reading only (a read-only copy or mount): every write fails.
    public let isReadOnly: Bool
    /// The ARNs of this queue's flows and loops (its `arn-region` and `arn-account` settings, read once).
    public let arns: ARNScheme
    let completion: any CompletionPolicy
    /// Parsed flow definitions by their stored text (a ledger holds few distinct versions).
    let flowCache = Mutex<[String: FlowDefinition]>([:])
    /// Completed loops' verdicts against their consensus, by loop id (see `recentAgreement`).
    let agreementCache = Mutex<[Int64: [VerdictAgreement]]>([:])
    /// The last agreement figures and the window of loops they were computed from.
    let recentAgreementCache = Mutex<(ids: [Int64], result: RecentAgreement)?>(nil)
    /// Whether the workforce was reloaded since claims were last checked against it
    /// (`endClaimsOutsideTeamsIfWorkforceChanged`).
    let claimsUncheckedAgainstWorkforce = Mutex(false)
    /// This process's write transactions since its last WAL checkpoint.
    let writesSinceCheckpoint = Mutex<(durable: Int, light: Int)>((0, 0))
    /// Whether the writer connection has the status watch of `writeImmediately`.
    let statusWatchInstalled = Mutex(false)
    /// Light (`durable: false`) commits that changed a loop's status and so had the WAL synced.
    let lightCommitsSynced = Mutex(0)
    /// How such a commit syncs the WAL file (replaced by tests to make it fail).
    let syncWAL = Mutex<@Sendable (URL) throws -> Void>({ try DurableFile.syncFile($0) })
    /// The `flow_version` rows committed by this process, by flow name (the newest definition of each):
    /// a loop of an unchanged flow finds its row without encoding the flow again.
    let committedFlowVersions = Mutex<[String: FlowVersion]>([:])

    /// Opens the ledger of an initialised queue. `readOnly` opens it as an unchanging file (SQLite's
    /// `immutable`), for queues on read-only media or folders: inspection works, writes fail. A writable
    /// ledger on a `MonotonicTime` makes it adopt the anchor the queue's writers agreed on this boot.
    /// - Throws: `JuryError.notAQueue` when `jury init` has not been run there, `JuryError.invalidState`
    ///   when a read-only ledger's schema is older than this version's.
    public init(queue: QueueDirectory, time: TimeSource = SystemTime(), completion: any CompletionPolicy = ConsensusCompletion(),
                readOnly: Bool = false) throws {
        guard FileManager.default.fileExists(atPath: queue.ledgerURL.path) else {
            throw JuryError.notAQueue("\(queue.root.path) is not a Jury queue (no jury.sqlite): run `jury init --queue \(queue.root.path)`")
        }
        self.queue = queue
        self.time = time
        self.completion = completion
        let file = FileIdentity(of: queue.workforceURL)
        loadedWorkforce = Mutex((try queue.loadWorkforce(), file))
        isReadOnly = readOnly
        if readOnly {
            var configuration = Configuration()
            configuration.readonly = true
            database = try DatabaseQueue(path: "file:\(queue.ledgerURL.path)?immutable=1", configuration: configuration)
            guard try database.read({ db in try Self.migrator.hasCompletedMigrations(db) }) else {
                throw JuryError.invalidState("\(queue.ledgerURL.path) is read-only and was written by an older Jury; open it once where it is writable")
            }
        } else {
            database = try Self.openDatabase(at: queue.ledgerURL)
            try Self.migrator.migrate(database)
            if let clock = time as? MonotonicTime { try clock.adoptAnchor(of: database) }
        }
        arns = try Self.arnScheme(database)
    }

    private static func arnScheme(_ database: any DatabaseWriter) throws -> ARNScheme {
        try database.read { db in
            let value = { (key: String) in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
            return ARNScheme(region: try value(ARNScheme.regionSetting) ?? ARNScheme.defaultRegion,
                             account: try value(ARNScheme.accountSetting) ?? ARNScheme.defaultAccount)
        }
    }

    /// Creates a queue's folders, workforce file and ledger. `demo` queues accept any `--reviewer` name;
    /// `settings` are stored beside (e.g. the producers group of a shared queue).
    /// - Throws: `JuryError.conflict` when the folder already has a ledger (nothing is changed), or when
    ///   it holds ingested files, rejections or outputs but no ledger, unless `overExistingFiles`.
    public static func create(queue: QueueDirectory, demo: Bool, workforce: Workforce, settings: [String: String] = [:],
                              overExistingFiles: Bool = false) throws {
        guard !FileManager.default.fileExists(atPath: queue.ledgerURL.path) else {
            throw JuryError.conflict("\(queue.root.path) is a queue already (it has jury.sqlite); nothing was changed")
        }
        guard overExistingFiles || !queue.holdsLoopFiles() else {
            throw JuryError.conflict("""
                \(queue.root.path) has no jury.sqlite but holds ingested files, rejections or outputs: restore the ledger \
                from a backup (docs/deployment.md), or pass --over-existing-files to start an empty ledger beside them
                """)
        }
        try queue.createLayout(workforce: workforce)
        let database = try openDatabase(at: queue.ledgerURL)
        try migrator.migrate(database)
        try database.write { db in
            for (key, value) in settings.merging(["demo": demo ? "1" : "0"], uniquingKeysWith: { $1 }) {
                try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    /// Whether the queue was made by `jury init --demo`, so that `--reviewer NAME` is honoured.
    public func isDemo() throws -> Bool {
        try database.read { db in try db.fetchValue(String.self, sql: "SELECT value FROM setting WHERE key = 'demo'") == "1" }
    }

    static func openDatabase(at url: URL) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            try db.execute(sql: "PRAGMA cache_size = -16384")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return try DatabasePool(path: url.path, configuration: configuration)
    }

    /// Runs `body` in an IMMEDIATE transaction: the write lock is taken up front, so concurrent
    /// processes queue on the busy timeout instead of failing half-way.
    ///
    /// `durable` commits fsync the WAL (`synchronous = FULL`): verdicts, loops and lifecycle changes survive
    /// power loss. Claims and releases pass `false` (`NORMAL`): they survive a crash of any process, and a
    /// power loss can at worst forget a lease, which frees a slot, never a verdict. A light write that
    /// changes a loop's status all the same (the lease sweep completing or failing a loop, a release
    /// ending a Stopping one) fsyncs the WAL after its commit, before it returns: a published outcome
    /// is as durable as a verdict. When that fsync fails the change stands and the error says so
    /// (`JuryError.io`, "committed and in effect").
    /// `weight` counts how many ordinary transactions' worth of pages this one writes (ingest batches are
    /// heavy), for the checkpoint policy below. `body` reads the clock itself: taking the lock may wait
    /// for another process, and the times a write stamps (claims, leases, verdicts) are when it happens.
    func writeImmediately<T>(durable: Bool = true, weight: Int = 1, _ body: (Database) throws -> T) throws -> T {
        try database.writeWithoutTransaction { db in
            try db.run(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            try watchStatusChanges(db)
            var result: T?
            var changedStatus = false
            try db.inTransaction(.immediate) {
                result = try body(db)
                changedStatus = try takeStatusChanged(db)
                return .commit
            }
            if changedStatus, !durable {
                // As a `synchronous = FULL` commit would have.
                do {
                    try syncWAL.withLock { $0 }(URL(filePath: queue.ledgerURL.path + "-wal"))
                } catch {
                    throw JuryError.io("the change is committed and in effect, but syncing the ledger's log to disk failed "
                                       + "(\(error)): a power loss before the next durable write could undo it")
                }
                lightCommitsSynced.withLock { $0 += 1 }
            }
            // The transaction has committed: a failed checkpoint (a full disk) must not report it as failed.
            try? checkpointIfDue(durable: durable, weight: weight, db: db)
            return result!
        }
    }

    /// Installs, once per writer connection, a temporary trigger that notes any change of a loop's status
    /// in `temp.status_watch` (read and cleared by `takeStatusChanged`).
    private func watchStatusChanges(_ db: Database) throws {
        guard !statusWatchInstalled.withLock({ $0 }) else { return }
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS status_watch(changed INTEGER NOT NULL);
            INSERT INTO status_watch(changed) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM status_watch);
            CREATE TEMP TRIGGER IF NOT EXISTS status_watch_loop AFTER UPDATE OF status ON main.loop
                WHEN NEW.status IS NOT OLD.status BEGIN UPDATE status_watch SET changed = 1; END;
            """)
        statusWatchInstalled.withLock { $0 = true }
    }

    /// Whether the transaction so far changed a loop's status; clears the note for the next one.
    private func takeStatusChanged(_ db: Database) throws -> Bool {
        guard try db.fetchValue(Bool.self, sql: "SELECT changed FROM temp.status_watch") == true else { return false }
        try db.run(sql: "UPDATE temp.status_watch SET changed = 0")
        return true
    }

    /// Copies the WAL back into the database now and then (automatic checkpoints are off).
    ///
    /// A checkpoint costs an fsync of the database file; letting SQLite run one inside whichever commit
    /// crosses its threshold would put that cost on claims, which must stay fast. So a process checkpoints
    /// after every 256 durable writes (verdicts, ingest batches, lifecycle changes), which pay an fsync
    /// anyway, and after 4,096 light ones (claims) so that a process that only claims still does its share.
    private func checkpointIfDue(durable: Bool, weight: Int, db: Database) throws {
        let due = writesSinceCheckpoint.withLock { counts in
            if durable { counts.durable += weight } else { counts.light += weight }
            guard counts.durable >= 256 || counts.light >= 4_096 else { return false }
            counts = (0, 0)
            return true
        }
        if due { try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)") }
    }

    var nowMilliseconds: Int64 { Timestamp.milliseconds(time.now) }
}
