import Foundation
import GRDB
import Synchronization

/// Where the engine gets the current time; injected so tests control leases and lifetimes.
public protocol TimeSource: Sendable {
    var now: Date { get }
}

/// The system's wall clock.
public struct SystemTime: TimeSource {
    public init() {}
    public var now: Date { Date() }
}

/// The queue's timeline: the wall-clock time at which the boot clock (Linux's `CLOCK_BOOTTIME`: one
/// clock for every process, never set, counting through suspend) read zero, plus the boot clock.
/// Leases and times spent are not bent by the wall clock being set back or forward while a process
/// runs; and once a writable ledger has had every process that writes it on this boot adopt the
/// anchor the first one stored (`adoptAnchor(of:)`), processes started on either side of such
/// a change agree on the time too.
public final class MonotonicTime: TimeSource {
    /// Nanoseconds since 1970 at the boot clock's zero.
    private let anchor: Atomic<Int64>

    /// Anchored on this process's wall clock now.
    public init() { anchor = Atomic(Self.wallNanoseconds() &- Self.bootNanoseconds()) }

    public var now: Date { Date(timeIntervalSince1970: Double(anchor.load(ordering: .relaxed) &+ Self.bootNanoseconds()) / 1e9) }

    /// The setting holding the anchor the ledger's writers agreed on: the boot's identity and the anchor, in ns.
    static let anchorSetting = "clock_anchor"

    /// Takes the anchor stored in the ledger for this boot, or stores this one for the writers that come
    /// later (checked again in a write transaction, so of two processes opening at once one stores and
    /// the other takes it). A new boot's timeline starts no earlier than 1 ms after the latest time the
    /// ledger holds (within `plausibleLead` of the wall clock): a wall clock behind at boot (no RTC, NTP not yet synced, or set back) would put
    /// stored times in the future for the whole boot, lengthening leases, making times spent 0 and
    /// hiding drafts of older loops. Without a boot identity (no `/proc`) the process keeps its own anchor.
    func adoptAnchor(of database: any DatabaseWriter) throws {
        guard let boot = Self.bootIdentity() else { return }
        let agreed = { (db: Database) throws -> Int64? in
            let stored = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.anchorSetting])
            guard let parts = stored?.split(separator: " "), parts.count == 2, parts[0] == boot else { return nil }
            return Int64(parts[1])
        }
        if let found = try database.read(agreed) ?? database.write({ db in
            if let found = try agreed(db) { return found }
            if let latest = try Self.latestStoredTime(db, before: Self.wallNanoseconds() / 1_000_000 + Self.plausibleLead), latest > 0 {
                let earliest = (latest + 1) * 1_000_000 - Self.bootNanoseconds()
                if anchor.load(ordering: .relaxed) < earliest { anchor.store(earliest, ordering: .relaxed) }
            }
            try db.execute(sql: "INSERT OR REPLACE INTO setting(key, value) VALUES (?, ?)",
                           arguments: [Self.anchorSetting, "\(boot) \(anchor.load(ordering: .relaxed))"])
            return nil
        }) {
            anchor.store(found, ordering: .relaxed)
        }
    }

    /// How far ahead of this boot's wall clock (ms) a stored time may be and still be taken as one a
    /// previous boot's clock gave: a day. A time further ahead is taken for a damaged row and ignored.
    static let plausibleLead: Int64 = 86_400_000

    /// The latest time the ledger holds before `bound` (ms since 1970), nil for none. Times stamped when
    /// something happened, never ones in the future (a lease's expiry): each read is an index's end or a
    /// small table (claims and drafts are few; audit rows are appended in about time order).
    static func latestStoredTime(_ db: Database, before bound: Int64) throws -> Int64? {
        // The completion time's index is partial: the WHERE lets the planner read its end.
        let reads = ["SELECT max(created_at) FROM loop WHERE created_at < ?1",
                     "SELECT max(completed_at) FROM loop WHERE completed_at IS NOT NULL AND completed_at < ?1",
                     "SELECT max(submitted_at) FROM verdict WHERE submitted_at < ?1",
                     "SELECT at FROM audit WHERE at < ?1 ORDER BY id DESC LIMIT 1",
                     "SELECT max(claimed_at) FROM claim WHERE claimed_at < ?1", "SELECT max(saved_at) FROM draft WHERE saved_at < ?1"]
        return try reads.compactMap { try Int64.fetchOne(db, sql: $0, arguments: [bound]) }.max()
    }

    /// The kernel's identity of this boot (`/proc/sys/kernel/random/boot_id`), nil where it cannot be read.
    static func bootIdentity() -> Substring? {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else { return nil }
        let identity = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return identity.isEmpty || identity.contains(" ") ? nil : Substring(identity)
    }

    private static func bootNanoseconds() -> Int64 { nanoseconds(CLOCK_BOOTTIME) }

    private static func wallNanoseconds() -> Int64 { nanoseconds(CLOCK_REALTIME) }

    private static func nanoseconds(_ clock: clockid_t) -> Int64 {
        var value = timespec()
        clock_gettime(clock, &value)
        return Int64(value.tv_sec) &* 1_000_000_000 &+ Int64(value.tv_nsec)
    }
}

/// A clock that moves only when told to: for tests and benchmarks.
public final class ManualTime: TimeSource {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}

/// Jury's timestamp conventions: integer milliseconds since 1970 in the ledger, A2I's ISO 8601 in outputs.
public enum Timestamp {
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// `date` to the nearest millisecond, for limits a client gives: a time read back from ISO 8601
    /// (`.220`) may sit a hair below its millisecond, which `milliseconds` would round down.
    public static func nearestMilliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, as A2I writes `submissionTime`. The fields come from the
    /// integer (`UTCFields`), not from a `Date`, whose binary fraction can format one millisecond low
    /// (…214 read back as .213).
    public static func iso8601(milliseconds: Int64) -> String {
        let time = UTCFields(milliseconds: milliseconds)
        func digits(_ value: Int, _ width: Int) -> String { UTCFields.padded(value, width: width) }
        return "\(digits(time.year, 4))-\(digits(time.month, 2))-\(digits(time.day, 2))T\(digits(time.hour, 2)):"
            + "\(digits(time.minute, 2)):\(digits(time.second, 2)).\(digits(time.millisecond, 3))Z"
    }

    /// Reads ISO 8601 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        let plain = Date.ISO8601FormatStyle(timeZone: .gmt)
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return (try? fractional.parse(text)) ?? (try? plain.parse(text))
    }
}

/// A moment's UTC calendar fields (proleptic Gregorian, as `gmtime_r` gives them).
public struct UTCFields: Sendable, Equatable {
    public let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int

    /// The fields of `milliseconds` since 1970-01-01T00:00:00Z; before 1970 the millisecond still
    /// counts up within its second (-1 is 23:59:59.999 of 1969-12-31).
    public init(milliseconds: Int64) {
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (wholeSeconds, millisecond) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        var time = time_t(wholeSeconds), fields = tm()
        gmtime_r(&time, &fields)
        (year, month, day) = (Int(fields.tm_year) + 1900, Int(fields.tm_mon) + 1, Int(fields.tm_mday))
        (hour, minute, second, self.millisecond) = (Int(fields.tm_hour), Int(fields.tm_min), Int(fields.tm_sec), Int(millisecond))
    }

    /// `value`'s decimal digits, zero-padded on the left to at least `width`.
    public static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
