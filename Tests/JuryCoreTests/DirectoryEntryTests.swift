import Foundation
import Testing
import JuryCore
#if canImport(Glibc)
import Glibc
#endif

/// A `readdir` entry is read no further than its name: glibc packs entries by record length, and the
/// last one in its buffer may end where the mapping does.
@Suite struct DirectoryEntryTests {
    @Test("a short entry that ends at an unreadable page gives its name without reading past it")
    func aShortEntryAtTheEndOfAMappingIsReadInPlace() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let mapping = try #require(mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(mapping != MAP_FAILED)
        defer { munmap(mapping, 2 * page) }
        #expect(mprotect(mapping + page, page, PROT_NONE) == 0)
        let name = Array("a.json".utf8) + [0]
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let recordLength = (nameOffset + name.count + 7) / 8 * 8
        let record = mapping + page - recordLength
        record.storeBytes(of: UInt16(recordLength), toByteOffset: MemoryLayout<dirent>.offset(of: \dirent.d_reclen)!, as: UInt16.self)
        name.withUnsafeBytes { (record + nameOffset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        let entry = record.assumingMemoryBound(to: dirent.self)
        #expect(Array(DirectoryEntry.name(entry)) == Array("a.json".utf8))
    }
}
