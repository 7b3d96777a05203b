import Foundation
import Testing
@testable import JuryCore

@Suite struct DurableFileTests {
    let root = FileManager.default.temporaryDirectory.appending(path: "durable-file-\(UUID().uuidString)")

    @Test("abandoned temporaries of dead writers go; live writers' temporaries and every other file stay")
    func abandonedTemporariesGo() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "jury-temporaries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = [".reason.999999999.abc.tmp", ".reason.\(getpid()).abc.tmp", "kept.json", ".short.tmp", "x.reason.json"]
        for name in names { try Data("x".utf8).write(to: folder.appending(path: name)) }
        DurableFile.removeAbandonedTemporaries(in: folder)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.dropFirst().sorted())
    }

    @Test("missing folders several levels deep are made, the files in them written whole")
    func makesNestedFolders() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let files = (0..<6).map { (data: Data("file \($0)".utf8), url: root.appending(path: "flow/2026/12/\($0 % 2)/loop-\($0)/output.json")) }
        let results = DurableFile.writeAll(files)
        for (result, file) in zip(results, files) {
            #expect(try result.get() == file.url)
            #expect(try Data(contentsOf: file.url) == file.data)
        }
    }

    @Test("a folder that cannot be made is an error naming it, and leaves nothing behind")
    func refusedFolder() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: root.appending(path: "flow"))
        let blocked = root.appending(path: "flow/2026")
        #expect(throws: JuryError.io("create the folder \(blocked.path): Not a directory")) {
            try DurableFile.write(Data("x".utf8), to: blocked.appending(path: "output.json"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["flow"])
    }

    @Test("the content hash is 64-bit FNV-1a of the UTF-8 bytes: the hashes stored in ledgers stay valid")
    func contentHashIsFNV1a() {
        #expect(ContentHash.of("") == 0xcbf2_9ce4_8422_2325)
        #expect(ContentHash.of("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(ContentHash.of("foobar") == 0x8594_4171_f739_67e8)
        #expect(ContentHash.of("é🙂") == 0x52dd_d2bd_ce6b_172f)
        #expect(ContentHash.of(String(repeating: "lorem ipsum ", count: 200)) == 0xf998_2aef_1cf9_c105)
    }
}
