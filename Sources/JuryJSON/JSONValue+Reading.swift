import Foundation

extension JSONValue {
    /// Parses UTF-8 JSON bytes (RFC 8259), keeping each number's literal text.
    /// - Parameter maximumValues: the most values (each scalar, array and object counts one) the
    ///   document may hold; a larger one is refused before any is built.
    /// - Throws: `JSONReadError` naming invalid UTF-8 (with the byte offset), the syntax problem, a
    ///   member name an object repeats, with its line and column, or too many values.
    public static func parse(_ data: Data, maximumValues: Int = .max) throws(JSONReadError) -> JSONValue {
        if let offset = UTF8Validation.firstInvalidOffset(in: data) {
            throw JSONReadError(kind: .invalidUTF8, description: "invalid UTF-8 at byte offset \(offset)")
        }
        return try read([UInt8](data), maximumValues: maximumValues)
    }

    /// Parses a JSON document held in a string (as A2I holds `InputContent`).
    public static func parse(_ text: String) throws(JSONReadError) -> JSONValue {
        try read(Array(text.utf8))
    }

    /// Parses bytes known to be well-formed UTF-8.
    private static func read(_ bytes: [UInt8], maximumValues: Int = .max) throws(JSONReadError) -> JSONValue {
        var reader = JSONByteReader(bytes: bytes)
        if case let count = reader.valueCount, count > maximumValues {
            throw JSONReadError(kind: .tooManyValues, description: "the document holds \(count) JSON values; at most \(maximumValues) are read")
        }
        do {
            return try reader.document()
        } catch {
            let (line, column) = reader.lineAndColumn(of: error.offset)
            guard let key = error.duplicateKey else {
                throw JSONReadError(kind: .syntax, description: "not valid JSON: line \(line), column \(column): \(error.message)")
            }
            let quoted = JSONValue.string(key).encodedString()
            throw JSONReadError(kind: .duplicateKey, description: "member \(quoted) appears twice in one object: line \(line), column \(column)")
        }
    }
}

/// A syntax error at a byte offset, or the second occurrence of a member name there.
struct JSONSyntaxError: Error {
    let offset: Int
    let message: String
    var duplicateKey: String? = nil
}

/// A recursive-descent reader over UTF-8 bytes already known to be well-formed UTF-8.
///
/// Each array and object is made at its final size: a first pass counts the elements of every
/// container (`containerSizes`), so a document's tree takes what its values need and no more
/// (arrays grown by doubling held up to three times that while they grew).
struct JSONByteReader {
    static let maximumDepth = 512

    let bytes: [UInt8]
    var position = 0
    var depth = 0
    /// The element count of each container, in the order they open; `nextContainer` indexes it.
    private let sizes: [Int32]
    private var nextContainer = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        sizes = Self.containerSizes(of: bytes)
    }

    /// The number of elements (or members) of every array and object in `bytes`, in the order they
    /// open, counting commas outside strings. It stops at nesting deeper than `maximumDepth` (the
    /// parse refuses that); on malformed input the counts may be wrong, which only sizes a reservation.
    static func containerSizes(of bytes: [UInt8]) -> [Int32] {
        var sizes: [Int32] = []
        var open: [(index: Int, count: Int32)] = []
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    if let last = open.indices.last, open[last].count == 0 { open[last].count = 1 }
                    index += 1
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                        index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if let last = open.indices.last, open[last].count == 0 { open[last].count = 1 }
                    guard open.count < maximumDepth else { return }
                    open.append((sizes.count, 0))
                    sizes.append(0)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if let (at, count) = open.popLast() { sizes[at] = count }
                case UInt8(ascii: ","):
                    if let last = open.indices.last { open[last].count &+= 1 }
                case 0x20, 0x09, 0x0A, 0x0D:
                    break
                default:
                    if let last = open.indices.last, open[last].count == 0 { open[last].count = 1 }
                }
                index += 1
            }
        }
        return sizes
    }

    /// How many values the document holds by the first pass's count: the top one and every element
    /// and member (exact for a well-formed document).
    var valueCount: Int { sizes.reduce(1) { $0 + Int($1) } }

    /// The element count the first pass found for the container being opened (an empty one reserves
    /// nothing: an empty dictionary or array shares one storage, a reserved one would allocate its own).
    private mutating func takeSize() -> Int {
        defer { nextContainer += 1 }
        return nextContainer < sizes.count ? Int(sizes[nextContainer]) : 0
    }

    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard position == bytes.count else { throw failure("unexpected content after the JSON value") }
        return value
    }

    func lineAndColumn(of offset: Int) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    private func failure(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: position, message: message) }

    private mutating func skipWhitespace() {
        position = bytes.withUnsafeBufferPointer { bytes in
            var index = position
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
            return index
        }
    }

    /// The offset of the first byte from `start` on that ends a run of a string's plain bytes: a
    /// quote, a backslash or a control character (`bytes.count` when there is none).
    private func plainRunEnd(from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { bytes in
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                index += 1
            }
            return index
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("unexpected \(describedCharacter(at: position)), expected a value")
        }
    }

    /// The character starting at `index` (the bytes are well-formed UTF-8) as an error names it: printable
    /// ASCII quoted, a byte order mark by name, anything else by its code point.
    private func describedCharacter(at index: Int) -> String {
        let byte = bytes[index]
        if (0x21...0x7E).contains(byte) { return "character '\(Character(Unicode.Scalar(byte)))'" }
        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        let scalar = String(decoding: bytes[index..<min(bytes.count, index + length)], as: UTF8.self).unicodeScalars.first?.value ?? UInt32(byte)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - String(scalar, radix: 16).count)) + String(scalar, radix: 16, uppercase: true)
        return scalar == 0xFEFF ? "byte order mark (\(code))" : "character \(code)"
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
            word.withUTF8Buffer({ bytes[position..<position + count].elementsEqual($0) })
        else { throw failure("invalid literal, expected \(word)") }
        position += count
        return value
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        position += 1
        var members: [String: JSONValue] = [:]
        if case let size = takeSize(), size > 0 { members.reserveCapacity(size) }
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a member name in quotes") }
            let keyOffset = position
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
            position += 1
            guard members.updateValue(try value(), forKey: key) == nil else {
                throw JSONSyntaxError(offset: keyOffset, message: "duplicate member name", duplicateKey: key)
            }
            if try endOfList(closing: "}") { break }
        }
        depth -= 1
        return .object(members)
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        if case let size = takeSize(), size > 0 { elements.reserveCapacity(size) }
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try value())
            if try endOfList(closing: "]") { break }
        }
        depth -= 1
        return .array(elements)
    }

    /// Consumes "," (false: more follows) or the closing bracket (true).
    private mutating func endOfList(closing: Unicode.Scalar) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw failure("unexpected end of input, expected ',' or '\(closing)'") }
        let byte = bytes[position]
        position += 1
        if byte == UInt8(ascii: ",") { return false }
        if byte == UInt8(ascii: closing) { return true }
        position -= 1
        throw failure("expected ',' or '\(closing)'")
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard try digits(allowLeadingZero: false) else { throw failure("expected digits") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard try digits(allowLeadingZero: true) else { throw failure("expected digits after '.'") }
        }
        let hasExponent = position < bytes.count && bytes[position] | 0x20 == UInt8(ascii: "e")
        if hasExponent {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard try digits(allowLeadingZero: true) else { throw failure("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        // Only an exponent or over 300 digits can leave a Double's range; other literals skip the conversion.
        if hasExponent || position - start > 300, Double(text)?.isFinite != true {
            throw JSONSyntaxError(offset: start, message: "number \(text) is out of range")
        }
        return .number(JSONNumber(checkedLiteral: text))
    }

    private mutating func digits(allowLeadingZero: Bool) throws(JSONSyntaxError) -> Bool {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        if !allowLeadingZero, position - start > 1, bytes[start] == UInt8(ascii: "0") {
            throw JSONSyntaxError(offset: start, message: "numbers may not have leading zeros")
        }
        return position > start
    }

    /// Reads a string; one without escapes is decoded from the document's bytes at once, one with
    /// escapes from a buffer its runs and decoded escapes are copied into.
    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        var unescaped: [UInt8] = []
        var runStart = position
        while true {
            position = plainRunEnd(from: position)
            guard position < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                defer { position += 1 }
                guard !unescaped.isEmpty else { return String(decoding: bytes[runStart..<position], as: UTF8.self) }
                unescaped.append(contentsOf: bytes[runStart..<position])
                return String(decoding: unescaped, as: UTF8.self)
            }
            if byte < 0x20 { throw failure("control character U+\(String(format: "%04X", byte)) must be escaped in a string") }
            unescaped.append(contentsOf: bytes[runStart..<position])
            Unicode.UTF8.encode(try escape()) { unescaped.append($0) }
            runStart = position
        }
    }

    private mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
        position += 1
        guard position < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default:
            position -= 1
            throw failure("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try hexQuad()
        if (0xD800...0xDBFF).contains(first) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw failure("a high surrogate \\u\(String(first, radix: 16)) must be followed by a low surrogate")
            }
            position += 2
            let second = try hexQuad()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("invalid low surrogate") }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(first) else { throw failure("a lone low surrogate is not a character") }
        return scalar
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw failure("\\u needs four hex digits")
        }
        position += 4
        return value
    }
}
