/// Date recognition for `ValueNormalizer`.
extension ValueNormalizer {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The ISO form of a recognised date, or nil.
    func date(_ text: String) -> String? {
        numericDate(text) ?? namedMonthDate(text)
    }

    /// `yyyy-mm-dd`, `dd.mm.yyyy`, `a/b/yyyy`, `a-b-yyyy` (separators `-`, `/`, `.`).
    func numericDate(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { "-/.".contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ Int($0) != nil }) else { return nil }
        let n = parts.map { Int($0)! }
        if parts[0].count == 4 { return Self.iso(year: n[0], month: n[1], day: n[2]) }
        guard parts[2].count == 4 else { return nil }
        let dayFirst = text.contains(".") || n[0] > 12 || (slashDates == .dayFirst && n[1] <= 12)
        return dayFirst ? Self.iso(year: n[2], month: n[1], day: n[0])
                        : Self.iso(year: n[2], month: n[0], day: n[1])
    }

    /// "5 march 2024", "march 5, 2024", "mar 5 2024" (already lower-cased).
    func namedMonthDate(_ text: String) -> String? {
        let words = text.split(whereSeparator: { " ,".contains($0) }).map(String.init)
        guard words.count == 3, let year = Int(words[2]), words[2].count == 4 else { return nil }
        if let day = Int(words[0]), let month = Self.month(words[1]) {
            return Self.iso(year: year, month: month, day: day)
        }
        if let month = Self.month(words[0]), let day = Int(words[1].filter(\.isNumber)) {
            return Self.iso(year: year, month: month, day: day)
        }
        return nil
    }

    /// Month number of an English month name or its three-letter prefix.
    static func month(_ word: String) -> Int? {
        guard word.count >= 3, let index = months.firstIndex(of: String(word.prefix(3))) else { return nil }
        return index + 1
    }

    /// `yyyy-mm-dd` when the parts form a plausible date (day checked against the month).
    static func iso(year: Int, month: Int, day: Int) -> String? {
        let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(day), year > 0 else { return nil }
        func pad(_ n: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(n).count)) + String(n)
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
