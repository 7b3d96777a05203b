import Foundation
import Testing
@testable import JuryCore

@Suite struct DurableFileTests {
    let root = FileManager.default.temporaryDirectory.appending(path: "durable-file-\(UUID().uuidString)")

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
}
