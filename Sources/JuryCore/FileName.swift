import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory entry's name as the file system holds it: bytes, which need not be UTF-8.
struct FileName: Sendable, Hashable, Comparable, CustomStringConvertible {
    let bytes: [UInt8]
    /// The name as text: the name itself when it is UTF-8; otherwise each byte of an ill-formed
    /// sequence is written `%XX` (upper-case hex), so the text is valid UTF-8 and names a file too.
    let text: String

    init(bytes: [UInt8]) {
        self.bytes = bytes
        text = Self.escaped(bytes)
    }

    init(_ text: String) {
        bytes = Array(text.utf8)
        self.text = text
    }

    /// False when the bytes are not UTF-8 (`text` is then their escaped form).
    var isUTF8: Bool { text.utf8.elementsEqual(bytes) }

    var description: String { text }

    /// The bytes in lower-case hex, two digits each.
    var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// Byte order, which for UTF-8 names is code point order.
    static func < (lhs: FileName, rhs: FileName) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// The NUL-terminated path of this entry in `folder`, for system calls.
    func path(in folder: URL) -> [CChar] {
        var path = Array(folder.path.utf8)
        while path.last == UInt8(ascii: "/") { path.removeLast() }
        path.append(UInt8(ascii: "/"))
        path += bytes
        path.append(0)
        return path.map { CChar(bitPattern: $0) }
    }

    /// The entries of `folder` except `.` and `..`, in byte order.
    /// - Throws: `JuryError.io` when the folder cannot be opened.
    static func entries(of folder: URL) throws -> [FileName] {
        guard let directory = opendir(folder.path) else { throw DurableFile.posixError("open \(folder.path)") }
        defer { closedir(directory) }
        var names: [FileName] = []
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes != [UInt8(ascii: ".")] && bytes != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(FileName(bytes: bytes)) }
        }
        return names.sorted()
    }

    private static func escaped(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var text = ""
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                text.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                text += bytes[offset..<offset + length].map { String(format: "%%%02X", $0) }.joined()
                offset += length
            case .emptyInput:
                return text
            }
        }
    }
}

extension String {
    /// Whether the UTF-8 bytes end in `suffix`'s: what a file system compares. `hasSuffix` compares
    /// characters, and a prepended or combining mark makes the "." of ".json" part of another one.
    func hasByteSuffix(_ suffix: String) -> Bool {
        let (bytes, ending) = (utf8, suffix.utf8)
        return bytes.count >= ending.count && bytes.suffix(ending.count).elementsEqual(ending)
    }

    /// Whether the UTF-8 bytes start with `prefix`'s (see `hasByteSuffix`).
    func hasBytePrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }
}
