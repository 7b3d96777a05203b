import Foundation

extension JSONValue {
    /// The value as JSON with object keys sorted, so equal values give equal bytes; `pretty` indents by two
    /// spaces for files people read. Numbers are written as their literals. Non-ASCII text is written as
    /// UTF-8, never escaped; control characters (U+0000 to U+001F and U+007F) always are.
    public func encoded(pretty: Bool = false) -> Data {
        Data(encodedString(pretty: pretty).utf8)
    }

    /// The encoded value as a string.
    public func encodedString(pretty: Bool = false) -> String {
        var output = ""
        write(to: &output, indent: pretty ? "" : nil)
        return output
    }

    private func write(to output: inout String, indent: String?) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let number): output += number.literal
        case .string(let value): Self.writeString(value, to: &output)
        case .array(let elements):
            writeList(elements.map { (nil, $0) }, open: "[", close: "]", to: &output, indent: indent)
        case .object(let members):
            writeList(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, open: "{", close: "}", to: &output, indent: indent)
        }
    }

    private func writeList(_ items: [(String?, JSONValue)], open: String, close: String, to output: inout String, indent: String?) {
        output += open
        guard !items.isEmpty else { return output += close }
        let inner = indent.map { $0 + "  " }
        for (index, (key, value)) in items.enumerated() {
            if index > 0 { output += "," }
            if let inner { output += "\n" + inner }
            if let key {
                Self.writeString(key, to: &output)
                output += indent == nil ? ":" : ": "
            }
            value.write(to: &output, indent: inner)
        }
        if let indent { output += "\n" + indent }
        output += close
    }

    static func writeString(_ text: String, to output: inout String) {
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
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                output += String(format: "\\u%04x", scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
