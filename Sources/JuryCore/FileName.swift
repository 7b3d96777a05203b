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
    func path(in folder: FolderPath) -> [CChar] { folder.path(of: bytes) }

    /// The entries of `folder` except `.` and `..`, in byte order.
    /// - Throws: `JuryError.io` when the folder cannot be opened.
    static func entries(of folder: URL) throws -> [FileName] {
        Array(try FileNameList(of: folder))
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

/// A folder's entries in byte order with their names packed into one buffer: about the names' own
/// bytes and 4 more a name, so that listing an inbox of a million files costs tens of megabytes
/// where an array of `FileName`s costs hundreds. A `FileName` is made as each one is read.
struct FileNameList: RandomAccessCollection, Sendable {
    /// The names one after another, in byte order.
    private let packed: [UInt8]
    /// Where each name starts in `packed`, then where the last one ends.
    private let starts: [UInt32]

    /// The entries of `folder` except `.`, `..` and those whose name `isIncluded` refuses; with `limit`,
    /// only the `limit` first in byte order after `after` (the next slice of a folder too large to
    /// list at once: the folder is read whole, but at most twice `limit` names are held).
    /// - Throws: `JuryError.io` when the folder cannot be opened.
    init(of folder: URL, after: FileName? = nil, limit: Int = .max, where isIncluded: (ArraySlice<UInt8>) -> Bool = { _ in true }) throws {
        guard let directory = opendir(folder.path) else { throw DurableFile.posixError("open \(folder.path)") }
        defer { closedir(directory) }
        var list = Self(packed: [], starts: [0])
        var read: [UInt8] = [], ends: [Int] = []
        while let entry = readdir(directory) {
            let start = read.count
            read.append(contentsOf: DirectoryEntry.name(entry))
            let bytes = read[start...]
            if bytes.elementsEqual([0x2E]) || bytes.elementsEqual([0x2E, 0x2E]) || !isIncluded(bytes)
                || after.map({ !$0.bytes.lexicographicallyPrecedes(bytes) }) == true {
                read.removeSubrange(start...)
            } else {
                ends.append(read.count)
            }
            if ends.count / 2 >= limit {
                list = Self(merging: list, read, ends, limit: limit)
                (read, ends) = ([], [])
            }
        }
        self = Self(merging: list, read, ends, limit: limit)
    }

    /// Whether `folder` has an entry (besides `.` and `..`) whose name `isIncluded` takes; reads only
    /// up to the first one, however many entries the folder holds.
    /// - Throws: `JuryError.io` when the folder cannot be opened.
    static func hasEntry(in folder: URL, where isIncluded: (UnsafeRawBufferPointer) -> Bool) throws -> Bool {
        guard let directory = opendir(folder.path) else { throw DurableFile.posixError("open \(folder.path)") }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let bytes = DirectoryEntry.name(entry)
            if !bytes.elementsEqual([0x2E]) && !bytes.elementsEqual([0x2E, 0x2E]) && isIncluded(bytes) { return true }
        }
        return false
    }

    private init(packed: [UInt8], starts: [UInt32]) {
        (self.packed, self.starts) = (packed, starts)
    }

    /// `list` and the names `read` holds (ending at `ends`), in byte order, the first `limit` of them.
    private init(merging list: FileNameList, _ read: [UInt8], _ ends: [Int], limit: Int) {
        let name = { (index: Int) in read[(index == 0 ? 0 : ends[index - 1])..<ends[index]] }
        let kept = list.indices.map { list.name($0) }
        var all: [ArraySlice<UInt8>] = kept + ends.indices.map(name)
        all.sort { $0.lexicographicallyPrecedes($1) }
        var packed: [UInt8] = [], starts: [UInt32] = [0]
        for bytes in all.prefix(limit) {
            packed.append(contentsOf: bytes)
            starts.append(UInt32(packed.count))
        }
        self.init(packed: packed, starts: starts)
    }

    /// The bytes of the name at `position`.
    private func name(_ position: Int) -> ArraySlice<UInt8> {
        packed[Int(starts[position])..<Int(starts[position + 1])]
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count - 1 }

    subscript(position: Int) -> FileName {
        FileName(bytes: Array(name(position)))
    }
}

/// Reading the entries `readdir(3)` returns.
public enum DirectoryEntry {
    /// The bytes of `entry`'s name up to its NUL, read where the entry lies; valid until the next
    /// `readdir` or `closedir` of its directory. glibc packs entries by their record length, so a copy
    /// of the whole 256-byte `d_name` reads past a short entry and, at the end of the buffer, faults.
    public static func name(_ entry: UnsafeMutablePointer<dirent>) -> UnsafeRawBufferPointer {
        let name = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return UnsafeRawBufferPointer(start: name, count: strlen(name.assumingMemoryBound(to: CChar.self)))
    }
}

/// A folder's path in the bytes system calls take, made once for the many entries joined to it
/// (`URL.path` costs thousands of instructions a call).
struct FolderPath: Sendable {
    let url: URL
    /// The folder's path with one trailing "/".
    private let prefix: [CChar]

    init(_ url: URL) {
        self.url = url
        var prefix = Array(url.path.utf8)
        while prefix.last == UInt8(ascii: "/") { prefix.removeLast() }
        prefix.append(UInt8(ascii: "/"))
        self.prefix = prefix.map { CChar(bitPattern: $0) }
    }

    /// The NUL-terminated path of the entry named `name` (its bytes) in this folder.
    func path(of name: [UInt8]) -> [CChar] {
        var path = prefix
        path.reserveCapacity(prefix.count + name.count + 1)
        path.append(contentsOf: name.lazy.map { CChar(bitPattern: $0) })
        path.append(0)
        return path
    }
}
