import Foundation
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

/// The wall clock read once, then advanced by the monotonic clock: leases and times spent are not
/// bent by the wall clock being set back or forward while the service runs.
public struct MonotonicTime: TimeSource {
    private let anchor: Date
    private let start: ContinuousClock.Instant

    public init() {
        anchor = Date()
        start = .now
    }

    public var now: Date {
        let elapsed = ContinuousClock.now - start
        return anchor.addingTimeInterval(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
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
