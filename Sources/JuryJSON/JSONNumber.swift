/// A JSON number kept as the text it was written with, so a number read is written back digit for
/// digit: `9007199254740993` and `1e15` stay as sent, though a Double holds neither as text.
///
/// Two numbers are equal when their exact decimal values are (`1`, `1.0` and `10e-1` are equal;
/// `9007199254740993` and `9007199254740992` are not), whatever their spelling.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's text in RFC 8259's grammar, as read or as `init(_:)` wrote it.
    public let literal: String

    /// A literal the reader checked against RFC 8259's grammar, finite as a Double.
    init(checkedLiteral literal: String) { self.literal = literal }

    /// `value` as JSON text: integers up to 2^53 (where a Double still holds every integer) as digits,
    /// others in Swift's shortest round-trip form (`0.1`, `1e+16`); nil for infinities and NaN, which JSON
    /// cannot hold.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        literal = value == value.rounded() && abs(value) <= 0x1p53 ? String(Int64(value)) : "\(value)"
    }

    /// `value` exactly, as decimal digits.
    public init(_ value: Int) { literal = String(value) }

    /// The nearest Double, for arithmetic and comparisons (rounded when the literal has more precision).
    public var value: Double { Double(literal)! }  // the literal is valid and finite by construction

    public var description: String { literal }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        lhs.literal == rhs.literal || ExactDecimal(lhs.literal) == ExactDecimal(rhs.literal)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(ExactDecimal(literal)) }
}

/// A JSON number literal's exact value: sign, significant digits without leading or trailing zeros,
/// and the power of ten of the last digit (zero is no digits, whatever its sign).
struct ExactDecimal: Hashable {
    let negative: Bool
    let digits: [UInt8]
    let exponent: Int

    init(_ literal: String) {
        let bytes = Array(literal.utf8)
        let mantissaEnd = bytes.firstIndex { $0 | 0x20 == UInt8(ascii: "e") } ?? bytes.count
        let fractionStart = bytes[..<mantissaEnd].firstIndex(of: UInt8(ascii: ".")).map { $0 + 1 } ?? mantissaEnd
        var digits = bytes[..<mantissaEnd].filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: ".") }
        var exponent = Self.exponent(bytes[min(mantissaEnd + 1, bytes.count)...]) - (mantissaEnd - fractionStart)
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        self.digits = Array(digits.dropFirst(leadingZeros))
        self.exponent = self.digits.isEmpty ? 0 : exponent
        negative = !self.digits.isEmpty && bytes.first == UInt8(ascii: "-")
    }

    /// A signed exponent's value; beyond ±10^12 (where every Double is zero or infinite) it counts as ±10^12.
    private static func exponent(_ text: ArraySlice<UInt8>) -> Int {
        let negative = text.first == UInt8(ascii: "-")
        let magnitude = text.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
            .reduce(0) { min($0 * 10 + Int($1 - UInt8(ascii: "0")), 1_000_000_000_000) }
        return negative ? -magnitude : magnitude
    }
}
