import Foundation

/// A form value reduced to what reviewers mean, so differently spelled answers compare equal.
public enum NormalizedValue: Sendable, Hashable {
    /// The reviewer left the key out (or blank).
    case missing
    /// A number: "1,240.00", "1240", "1.240,00" and "$1 240" are all 1240.
    case number(Double)
    /// A calendar date as ISO `yyyy-mm-dd`.
    case date(String)
    /// Other text: NFKC, lower-cased, runs of whitespace collapsed to one space, trimmed.
    case text(String)

    /// A stable textual key (`#missing`, `#number:1240.0`, `#date:2024-03-05`, or the text).
    public var key: String {
        switch self {
        case .missing: "#missing"
        case .number(let value): "#number:\(value)"
        case .date(let iso): "#date:\(iso)"
        case .text(let text): text
        }
    }
}

/// Normalises form values: Unicode NFKC, case, whitespace, thousands separators and decimal
/// marks, common date forms.
///
/// Numbers: an optional sign and currency symbol; separators `,` `.` space, NBSP, `'`, `_`.
/// When both `,` and `.` occur the later one is the decimal mark; a single mark repeated is
/// a thousands separator; a lone `,` followed by exactly three digits is a thousands
/// separator, otherwise a lone mark is decimal ("1.240" is 1.24, "1,240" is 1240).
/// Dates: `yyyy-mm-dd` (also `/` or `.`), `dd.mm.yyyy`, `a/b/yyyy` or `a-b-yyyy` read by
/// `slashDates` unless one part exceeds 12, and English month names ("5 March 2024",
/// "Mar 5, 2024").
public struct ValueNormalizer: Sendable {
    /// How `a/b/yyyy` is read when both parts could be a month.
    public enum SlashDates: String, Sendable, Codable { case monthFirst, dayFirst }

    /// Reading of ambiguous slash dates (default: month first, as in US forms).
    public var slashDates: SlashDates

    /// Creates a normaliser.
    public init(slashDates: SlashDates = .monthFirst) {
        self.slashDates = slashDates
    }

    /// Normalises one raw value; nil or blank is `.missing`.
    public func normalize(_ raw: String?) -> NormalizedValue {
        guard let raw else { return .missing }
        let text = Self.cleanText(raw)
        if text.isEmpty { return .missing }
        if let date = date(text) { return .date(date) }
        if let number = Self.number(text) { return .number(number) }
        return .text(text)
    }

    /// NFKC, lower case, whitespace runs collapsed, trimmed.
    public static func cleanText(_ raw: String) -> String {
        raw.precomposedStringWithCompatibilityMapping.lowercased()
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Parses a number with thousands separators and either decimal mark; nil if not one.
    static func number(_ text: String) -> Double? {
        var body = Substring(text)
        let negative = body.hasPrefix("-") || body.hasPrefix("(") && body.hasSuffix(")")
        body = body.drop { "-+(".contains($0) }
        while let last = body.last, ")%".contains(last) { body = body.dropLast() }
        body = body.drop { "$€£¥₹".contains($0) }.drop { $0 == " " }
        while let last = body.last, "$€£¥₹ ".contains(last) { body = body.dropLast() }
        let allowed = Set("0123456789,. '_\u{00A0}\u{202F}")
        guard let first = body.first, first.isNumber, body.allSatisfy(allowed.contains) else { return nil }
        guard let plain = decimalDigits(String(body).filter { !" '_\u{00A0}\u{202F}".contains($0) }) else { return nil }
        return Double(plain).map { negative ? -$0 : $0 }
    }

    /// Rewrites `digits` containing `,` and `.` into a plain `1234.5` form.
    static func decimalDigits(_ digits: String) -> String? {
        let commas = digits.filter { $0 == "," }.count, dots = digits.filter { $0 == "." }.count
        let decimal: Character?
        if commas > 0 && dots > 0 {
            decimal = digits.lastIndex(of: ",")! > digits.lastIndex(of: ".")! ? "," : "."
        } else if commas + dots == 0 || commas > 1 || dots > 1 {
            decimal = nil
        } else {
            let mark: Character = commas == 1 ? "," : "."
            let tail = digits[digits.index(after: digits.firstIndex(of: mark)!)...]
            decimal = mark == "," && tail.count == 3 ? nil : mark
        }
        if let decimal, digits.filter({ $0 == decimal }).count > 1 { return nil }
        let plain = String(digits.compactMap { $0 == decimal ? "." : ($0.isNumber ? $0 : nil) })
        return plain.isEmpty || plain == "." ? nil : plain
    }
}
