import Foundation

/// A reviewer's search of their queue, parsed from a one-line query (`QueueFilter(query:)`):
///
/// - a free word matches a loop with that word in its name or its task text (the strings of its input,
///   the model's prediction included), whatever the case and accents; a word with hyphens or dots
///   matches those words in a row ("t-01" matches the name "t-01-a", not "t-010"); every free word
///   must match;
/// - `flow:NAME` keeps loops of that flow only;
/// - `conf:<0.6`, `conf:<=0.6`, `conf:>0.8`, `conf:>=0.8` and `conf:0.2-0.5` (bounds included) keep loops
///   whose lowest model confidence is in range; numbers up to 1 are fractions, larger ones (or with `%`)
///   percent, so `conf:<60` is `conf:<0.6`. Loops with no confidence never match a `conf:` term.
///
/// Terms are separated by spaces and combine with AND; letters match whatever their case.
public struct QueueFilter: Sendable, Equatable, Codable {
    /// The query as typed, trimmed (what the header shows).
    public let query: String
    /// Free words, lower-cased, in query order.
    public let words: [String]
    public let flow: String?
    /// The confidence range, percent (0-100, as `QueueEntry.minimumConfidence`).
    public let confidence: ConfidenceRange?

    /// Parses `query`; nil when it holds no term (an empty query filters nothing).
    /// - Throws: `JuryError.invalidInput` for a `conf:` term that is no range, an empty `flow:`, or a
    ///   second `flow:` or `conf:` term.
    public init?(query: String) throws {
        let terms = query.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !terms.isEmpty else { return nil }
        var (words, flow, confidence): ([String], String?, ConfidenceRange?) = ([], nil, nil)
        for term in terms {
            if let name = Self.value(of: "flow:", in: term) {
                guard flow == nil, !name.isEmpty else { throw JuryError.invalidInput("flow: needs one flow name, as in flow:invoices") }
                flow = name
            } else if let range = Self.value(of: "conf:", in: term) {
                guard confidence == nil else { throw JuryError.invalidInput("only one conf: term, as in conf:0.2-0.5") }
                confidence = try ConfidenceRange(parsing: range)
            } else {
                words.append(term.lowercased())
            }
        }
        (self.query, self.words, self.flow, self.confidence) = (terms.joined(separator: " "), words, flow, confidence)
    }

    /// The text after `prefix` (matched whatever its case), or nil when `term` does not start with it.
    private static func value(of prefix: String, in term: String) -> String? {
        term.lowercased().hasPrefix(prefix) ? String(term.dropFirst(prefix.count)) : nil
    }
}

/// A range of model confidence, percent; a missing bound is open.
public struct ConfidenceRange: Sendable, Equatable, Codable {
    public struct Bound: Sendable, Equatable, Codable {
        public let value: Double
        public let includesValue: Bool
    }

    public let lower: Bound?
    public let upper: Bound?

    public init(lower: Bound?, upper: Bound?) {
        (self.lower, self.upper) = (lower, upper)
    }

    /// Parses what follows `conf:`: `<X`, `<=X`, `>X`, `>=X` or `X-Y`.
    /// - Throws: `JuryError.invalidInput` naming the grammar.
    init(parsing text: String) throws {
        for (sign, isUpper, includes) in [("<=", true, true), (">=", false, true), ("<", true, false), (">", false, false)]
        where text.hasPrefix(sign) {
            let bound = Bound(value: try Self.percent(text.dropFirst(sign.count), of: text), includesValue: includes)
            self.init(lower: isUpper ? nil : bound, upper: isUpper ? bound : nil)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw Self.invalid(text) }
        let (low, high) = (try Self.percent(parts[0], of: text), try Self.percent(parts[1], of: text))
        guard low <= high else { throw JuryError.invalidInput("conf:\(text): the lower bound comes first, as in conf:0.2-0.5") }
        self.init(lower: Bound(value: low, includesValue: true), upper: Bound(value: high, includesValue: true))
    }

    /// A bound of the range `term` as percent: "0.6" and "60" and "60%" are all 60.
    private static func percent(_ text: Substring, of term: String) throws -> Double {
        let isPercent = text.hasSuffix("%")
        guard let number = Double(isPercent ? text.dropLast() : text), number.isFinite, number >= 0 else { throw invalid(term) }
        let value = isPercent || number > 1 ? number : number * 100
        guard value <= 100 else { throw JuryError.invalidInput("conf: bounds are 0 to 1 (or 0% to 100%); \(text) is more") }
        return value
    }

    private static func invalid(_ text: String) -> JuryError {
        .invalidInput("conf:\(text) is not a confidence range: write conf:<0.6, conf:>=0.8 or conf:0.2-0.5")
    }
}
