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

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, as A2I writes `submissionTime`.
    /// The milliseconds are written from the integer, not from a `Date`, whose binary fraction can
    /// format one millisecond low (…214 read back as .213).
    public static func iso8601(milliseconds: Int64) -> String {
        let (seconds, fraction) = (milliseconds.quotientAndRemainder(dividingBy: 1000))
        let (wholeSeconds, millisecond) = fraction < 0 ? (seconds - 1, fraction + 1000) : (seconds, fraction)
        let whole = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        return whole.dropLast() + "." + String(millisecond + 1000).dropFirst() + "Z"
    }

    /// Reads ISO 8601 with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        let plain = Date.ISO8601FormatStyle(timeZone: .gmt)
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        return (try? fractional.parse(text)) ?? (try? plain.parse(text))
    }
}
