import Foundation

extension JSONValue {
    /// The value as JSON with object keys sorted, so equal values give equal bytes; `pretty` indents by two
    /// spaces for files people read. Numbers are written as their literals. Non-ASCII text is written as
    /// UTF-8, never escaped; control characters (U+0000 to U+001F, U+007F and U+0080 to U+009F) always are.
    public func encoded(pretty: Bool = false) -> Data {
        Data(encodedString(pretty: pretty).utf8)
    }

    /// The encoded value as a string; scalars for which `alsoEscaping` holds are written as `\uXXXX`
    /// escapes too (the same value, bytes a terminal cannot act on or hide). `alsoEscaping` is asked
    /// about scalars from U+00A0 up only.
    public func encodedString(pretty: Bool = false, alsoEscaping: ((Unicode.Scalar) -> Bool)? = nil) -> String {
        var output = ""
        write(to: &output, indent: pretty ? "" : nil, escaping: alsoEscaping ?? { _ in false })
        return output
    }

    private func write(to output: inout String, indent: String?, escaping: (Unicode.Scalar) -> Bool) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let number): output += number.literal
        case .string(let value): Self.writeString(value, to: &output, escaping: escaping)
        case .array(let elements):
            writeList(elements.map { (nil, $0) }, open: "[", close: "]", to: &output, indent: indent, escaping: escaping)
        case .object(let members):
            writeList(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, open: "{", close: "}", to: &output, indent: indent,
                      escaping: escaping)
        }
    }

    private func writeList(_ items: [(String?, JSONValue)], open: String, close: String, to output: inout String, indent: String?,
                           escaping: (Unicode.Scalar) -> Bool) {
        output += open
        guard !items.isEmpty else { return output += close }
        let inner = indent.map { $0 + "  " }
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { output += "," }
            if let inner { output += "\n" + inner }
            if let key {
                Self.writeString(key, to: &output, escaping: escaping)
                output += indent == nil ? ":" : ": "
            }
            value.write(to: &output, indent: inner, escaping: escaping)
        }
        if let indent { output += "\n" + indent }
        output += close
    }

    static func writeString(_ text: String, to output: inout String, escaping: (Unicode.Scalar) -> Bool) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20 || (scalar.value >= 0x7F && (scalar.value <= 0x9F || escaping(scalar))):
                Self.writeEscape(scalar, to: &output)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// `\uXXXX`, or a UTF-16 surrogate pair of them for a scalar above U+FFFF.
    private static func writeEscape(_ scalar: Unicode.Scalar, to output: inout String) {
        for unit in String(scalar).utf16 { output += String(format: "\\u%04x", unit) }
    }
}
