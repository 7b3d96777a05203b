import Foundation
import JuryJSON

/// Comma-separated values as RFC 4180 writes them, read from raw bytes: records end with LF or
/// CRLF, a field in double quotes may hold commas, line breaks and doubled quotes (`""`), and a
/// leading UTF-8 byte order mark is skipped. Blank lines are not records. The whole input must be
/// valid UTF-8.
///
/// Reads bytes rather than characters, so a million-row answers file parses in a fraction of a
/// second.
public enum CSVFile {
    /// One record and the line it starts on (1-based).
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
    }

    /// The records of `data`, in order.
    /// - Throws: `CSVError` naming the line of the first problem: invalid UTF-8, a quote inside an
    ///   unquoted field, text after a closing quote, or a quoted field that never closes.
    public static func records(_ data: Data) throws -> [Record] {
        if let offset = UTF8Validation.firstInvalidOffset(in: data) {
            let line = data.prefix(offset).reduce(1) { $0 + ($1 == newline ? 1 : 0) }
            throw CSVError(line: line, reason: "invalid UTF-8 at byte offset \(offset)")
        }
        return try data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return try reader.records()
        }
    }

    /// `fields` as one CSV line without its line break; a field holding a comma, a quote, CR or LF
    /// is quoted, its quotes doubled.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.utf8.contains(where: { [comma, quote, carriageReturn, newline].contains($0) }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// The parser's position over valid UTF-8 bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }

        mutating func records() throws -> [Record] {
            var records: [Record] = []
            while position < bytes.count {
                if endOfLine() { continue }
                let start = line
                var fields: [String] = []
                while true {
                    fields.append(try field())
                    if position < bytes.count, bytes[position] == comma {
                        position += 1
                        continue
                    }
                    _ = endOfLine()
                    break
                }
                records.append(Record(fields: fields, line: start))
            }
            return records
        }

        /// Steps over a line break (LF, CRLF or a lone CR) at the position; false when there is none.
        private mutating func endOfLine() -> Bool {
            guard position < bytes.count, bytes[position] == newline || bytes[position] == carriageReturn else { return false }
            if bytes[position] == carriageReturn, position + 1 < bytes.count, bytes[position + 1] == newline { position += 1 }
            position += 1
            line += 1
            return true
        }

        /// The field at the position, which is left on the comma, line break or end after it.
        private mutating func field() throws -> String {
            guard position < bytes.count, bytes[position] == quote else {
                let start = position
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == comma || byte == newline || byte == carriageReturn { break }
                    if byte == quote { throw CSVError(line: line, reason: "a quote inside an unquoted field (quote the whole field)") }
                    position += 1
                }
                return text(start..<position)
            }
            let opening = line
            position += 1
            var pieces: [UInt8] = []
            var start = position
            while true {
                guard let close = bytes[position...].firstIndex(of: quote) else {
                    throw CSVError(line: opening, reason: "a quoted field that never closes")
                }
                line += bytes[position..<close].reduce(0) { $0 + ($1 == newline ? 1 : 0) }
                position = close + 1
                guard position < bytes.count, bytes[position] == quote else { break }
                pieces.append(contentsOf: bytes[start...close])
                position += 1
                start = position
            }
            let after = position < bytes.count ? bytes[position] : comma
            guard after == comma || after == newline || after == carriageReturn else {
                throw CSVError(line: line, reason: "text after a closing quote (a quote inside a quoted field is written \"\")")
            }
            guard !pieces.isEmpty else { return text(start..<(position - 1)) }
            pieces.append(contentsOf: bytes[start..<(position - 1)])
            return String(decoding: pieces, as: UTF8.self)
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
    }
}

/// A CSV problem and the line it is on.
public struct CSVError: Error, CustomStringConvertible, Equatable {
    public let line: Int
    public let reason: String
    public var description: String { "line \(line): \(reason)" }
}
