import Foundation
import JuryCore
import JuryJSON

/// Program-made text for the screens: durations, sizes, percentages. Pure; every output is ASCII
/// or a fixed symbol, so it never needs sanitising.
public enum Format {
    /// A countdown as "m:ss" (or "h:mm:ss" from an hour); "0:00" when over.
    public static func countdown(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds) / 1000
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        return h > 0 ? "\(h):\(pad(m)):\(pad(s))" : "\(m):\(pad(s))"
    }

    /// A coarse span for ages and lifetimes: "45s", "12m", "5h12m", "3d4h".
    public static func span(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds) / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 86_400 { return "\(seconds / 3600)h\(pad(seconds / 60 % 60))m" }
        return "\(seconds / 86_400)d\(seconds / 3600 % 24)h"
    }

    /// Seconds as "m:ss" for the median time per task.
    public static func seconds(_ value: Double) -> String {
        countdown(milliseconds: Int64((value * 1000).rounded()))
    }

    /// "62%" (rounded to a whole percent), or "–" for nil and for what is not a number below a million.
    public static func percent(_ value: Double?) -> String {
        guard let value, let whole = Int(exactly: value.rounded()), abs(whole) < 1_000_000 else { return "–" }
        return "\(whole)%"
    }

    /// Bytes in binary units: "812 B", "151 KB", "4.4 MB".
    public static func bytes(_ count: Int64) -> String {
        if count < 1024 { return "\(count) B" }
        if count < 1024 * 1024 { return "\(count / 1024) KB" }
        return String(format: "%.1f MB", Double(count) / 1_048_576)
    }

    /// `bytes` of a size a producer gave; nil unless it is a whole number from 0.
    static func bytes(_ value: JSONValue?) -> String? {
        guard let count = value?.numberValue.flatMap({ Int64(exactly: $0) }), count >= 0 else { return nil }
        return bytes(count)
    }

    /// "1700×2200 px" when both are whole numbers.
    static func pixels(_ width: JSONValue?, _ height: JSONValue?) -> String? {
        guard let w = width?.numberValue.flatMap({ Int(exactly: $0) }), let h = height?.numberValue.flatMap({ Int(exactly: $0) })
        else { return nil }
        return "\(w)×\(h) px"
    }

    /// "Canon EOS R6" rather than "Canon Canon EOS R6" when the model repeats the make.
    static func camera(make: String?, model: String?) -> String {
        guard let make, let model, make != model else { return model ?? make ?? "" }
        return model.hasPrefix(make) ? model : "\(make) \(model)"
    }

    /// EXIF's "2024:05:26 11:42:41" as "2024-05-26 11:42:41".
    static func exifTime(_ text: String) -> String {
        guard text.count >= 10 else { return text }
        let date = text.prefix(10).replacingOccurrences(of: ":", with: "-")
        return date + text.dropFirst(10)
    }

    /// UTC "HH:MM UTC" of a time in ms since 1970.
    public static func clock(milliseconds: Int64) -> String {
        hoursMinutes(milliseconds: milliseconds) + " UTC"
    }

    /// UTC "HH:MM" of a time in ms since 1970 (for columns headed "UTC").
    public static func hoursMinutes(milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        return "\(pad(seconds / 3600 % 24)):\(pad(seconds / 60 % 60))"
    }

    private static func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
