import Foundation

extension JSONValue {
    /// The value as JSON with object keys sorted, so equal values give equal bytes; `pretty` indents by two
    /// spaces for files people read. Numbers are written as their literals. Non-ASCII text is written as
    /// UTF-8, never escaped; control characters (U+0000 to U+001F, U+007F and U+0080 to U+009F) always are.
    public func encoded(pretty: Bool = false) -> Data {
        var writer = JSONWriter(pretty: pretty, alsoEscaping: nil)
        writer.write(self)
        return Data(writer.bytes)
    }

    /// The encoded value as a string; scalars for which `alsoEscaping` holds are written as `\uXXXX`
    /// escapes too (the same value, bytes a terminal cannot act on or hide). `alsoEscaping` is asked
    /// about scalars from U+00A0 up only.
    public func encodedString(pretty: Bool = false, alsoEscaping: ((Unicode.Scalar) -> Bool)? = nil) -> String {
        var writer = JSONWriter(pretty: pretty, alsoEscaping: alsoEscaping)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// Writes a `JSONValue` as UTF-8 bytes, as `JSONValue.encoded(pretty:)` describes. Text that needs no
/// escape (printable ASCII other than `"` and `\`, and UTF-8 above U+009F that `alsoEscaping` is not
/// asked about) is copied a run of bytes at a time.
private struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private let alsoEscaping: ((Unicode.Scalar) -> Bool)?
    /// Containers open around the value being written, for pretty indentation.
    private var depth = 0

    init(pretty: Bool, alsoEscaping: ((Unicode.Scalar) -> Bool)?) {
        self.pretty = pretty
        self.alsoEscaping = alsoEscaping
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): bytes.append(contentsOf: number.literal.utf8)
        case .string(let text): write(text)
        case .array(let elements):
            writeContainer(open: "[", close: "]", count: elements.count) { writer, index in writer.write(elements[index]) }
        case .object(let members):
            let sorted = members.sorted { $0.key < $1.key }
            writeContainer(open: "{", close: "}", count: sorted.count) { writer, index in
                writer.write(sorted[index].key)
                writer.bytes.append(UInt8(ascii: ":"))
                if writer.pretty { writer.bytes.append(UInt8(ascii: " ")) }
                writer.write(sorted[index].value)
            }
        }
    }

    /// `open`, the `count` items `writeItem` writes, comma-separated (in pretty output each on a line of
    /// its own, indented one level deeper), then `close`; an empty container is `open` and `close` alone.
    private mutating func writeContainer(open: Unicode.Scalar, close: Unicode.Scalar, count: Int,
                                         _ writeItem: (inout JSONWriter, Int) -> Void) {
        bytes.append(UInt8(ascii: open))
        guard count > 0 else { return bytes.append(UInt8(ascii: close)) }
        depth += 1
        for index in 0..<count {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newLine()
            writeItem(&self, index)
        }
        depth -= 1
        newLine()
        bytes.append(UInt8(ascii: close))
    }

    private mutating func newLine() {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// `text` as a JSON string literal.
    private mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0, index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let plain = byte < 0x80
                    ? byte >= 0x20 && byte != 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                    // 0xC2 followed by 0x80...0x9F is U+0080...U+009F; from U+00A0 up `alsoEscaping` decides.
                    : alsoEscaping == nil && !(byte == 0xC2 && index + 1 < utf8.count && utf8[index + 1] <= 0x9F)
                if plain {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                let scalarBytes = UnsafeBufferPointer(rebasing: utf8[index..<(index + length)])
                write(String(decoding: scalarBytes, as: UTF8.self).unicodeScalars.first!, utf8: scalarBytes)
                index += length
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// One scalar of a string literal (its UTF-8 `utf8`): escaped as JSON requires, as Jury always
    /// escapes control characters, or as `alsoEscaping` asks; else its bytes.
    private mutating func write(_ scalar: Unicode.Scalar, utf8: UnsafeBufferPointer<UInt8>) {
        switch scalar {
        case "\"": bytes.append(contentsOf: #"\""#.utf8)
        case "\\": bytes.append(contentsOf: #"\\"#.utf8)
        case "\n": bytes.append(contentsOf: #"\n"#.utf8)
        case "\r": bytes.append(contentsOf: #"\r"#.utf8)
        case "\t": bytes.append(contentsOf: #"\t"#.utf8)
        case "\u{08}": bytes.append(contentsOf: #"\b"#.utf8)
        case "\u{0C}": bytes.append(contentsOf: #"\f"#.utf8)
        case _ where scalar.value < 0x20 || (scalar.value >= 0x7F && (scalar.value <= 0x9F || alsoEscaping?(scalar) == true)):
            for unit in String(scalar).utf16 { writeEscape(unit) }
        default: bytes.append(contentsOf: utf8)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `\uXXXX` for one UTF-16 code unit, in lower-case hexadecimal.
    private mutating func writeEscape(_ unit: UInt16) {
        bytes.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(Self.hexDigits[Int(unit >> UInt16(shift)) & 0xF]) }
    }
}
