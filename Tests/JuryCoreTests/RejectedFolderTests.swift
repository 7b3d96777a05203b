import Foundation
import Testing
@testable import JuryCore
import JuryJSON
#if canImport(Glibc)
import Glibc
#endif

/// Inbox entries that are not plain files with UTF-8 names, and rejections that meet earlier ones.
@Suite struct RejectedFolderTests {
    let queue: TestQueue

    init() throws { queue = try TestQueue() }

    private var rejected: URL { queue.directory.rejectedURL }

    private func ingest() throws -> IngestReport { try Ingest(ledger: queue.ledger(), flows: queue.flows).run() }

    /// The entries of `rejected/` but `.moving`, where files wait to be kept.
    private func keptFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: rejected.path).filter { $0 != ".moving" }.sorted()
    }

    private func reason(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: rejected.appending(path: name + ".reason.json")))
    }

    @Test func aFIFOAndASymlinkAreRefusedWithoutBeingOpenedForReal() throws {
        let inbox = queue.directory.inboxURL
        #expect(mkfifo(inbox.appending(path: "pipe.json").path, 0o644) == 0)
        let outside = queue.directory.root.appending(path: "outside.json")
        try Data("{}".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: inbox.appending(path: "link.json"), withDestinationURL: outside)

        let report = try ingest()

        let codes = Dictionary(uniqueKeysWithValues: report.rejected.map { ($0.file, $0.rejection.code) })
        #expect(codes == ["pipe.json": .notRegularFile, "link.json": .symlink])
        #expect(try reason("pipe.json")["reason"] == "only regular files are ingested; this is a FIFO (named pipe)")
        var info = stat()
        #expect(lstat(rejected.appending(path: "pipe.json").path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(lstat(rejected.appending(path: "link.json").path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func aNameThatIsNotUTF8IsRejectedOnceUnderAnEscapedName() throws {
        let name: [UInt8] = Array("b".utf8) + [0xFF, 0xC3] + Array(".json".utf8)
        let path = FileName(bytes: name).path(in: FolderPath(queue.directory.inboxURL))
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(descriptor >= 0 && write(descriptor, "{}", 2) == 2 && close(descriptor) == 0)

        let report = try ingest()

        #expect(report.rejected.map(\.file) == ["b%FF%C3.json"])
        #expect(report.rejected.first?.rejection.code == .fileNameNotUTF8)
        #expect(try keptFiles() == ["b%FF%C3.json", "b%FF%C3.json.reason.json"])
        #expect(try Data(contentsOf: rejected.appending(path: "b%FF%C3.json")) == Data("{}".utf8))
        #expect(try reason("b%FF%C3.json")["fileNameBytes"] == "62ffc32e6a736f6e")
        #expect(try FileName.entries(of: queue.directory.inboxURL).isEmpty)
        #expect(try ingest().rejected.isEmpty)
        #expect(try keptFiles().count == 2)
    }

    @Test("a name whose bytes end in .reason.json behind a mark that joins the dot is kept under another name, and a later rejection deletes nothing")
    func aReasonNameBehindAJoiningMark() throws {
        let inbox = queue.directory.inboxURL
        let disguised = "x\u{0600}.reason.json", plain = "x\u{0600}"
        #expect(disguised.hasSuffix(".reason.json") == false, "U+0600 joins the dot into one character")
        try Data(#"{"file": "x\#u{0600}"}"#.utf8).write(to: inbox.appending(path: disguised))
        _ = try ingest()
        try Data("not json".utf8).write(to: inbox.appending(path: plain))
        _ = try ingest()
        let kept = try keptFiles()
        #expect(kept.filter { !$0.hasByteSuffix(".reason.json") }.count == 2, "\(kept)")
        #expect(kept.count == 4, "both originals and both reasons are kept: \(kept)")
        #expect(try reason(plain)["file"] == .string(plain))
        #expect(try Data(contentsOf: rejected.appending(path: plain)) == Data("not json".utf8))
    }

    @Test func aFileNamedLikeAReasonAndLaterRejectionsNeverOverwriteAnything() throws {
        try queue.dropRaw(Data("named like a reason".utf8), as: "b.json.reason.json")
        _ = try ingest()
        try queue.dropRaw(Data("first".utf8), as: "b.json")
        _ = try ingest()
        let firstReason = try Data(contentsOf: rejected.appending(path: "b.json.reason.json"))
        try queue.dropRaw(Data("second".utf8), as: "b.json")

        #expect(try ingest().rejected.map(\.file) == ["b.json"])

        #expect(try keptFiles() == [
            "b.json", "b.json.1", "b.json.1.reason.json", "b.json.reason.json", "b.json.reason.json.1", "b.json.reason.json.1.reason.json",
        ])
        #expect(try Data(contentsOf: rejected.appending(path: "b.json.reason.json.1")) == Data("named like a reason".utf8))
        #expect(try reason("b.json.reason.json.1")["file"] == "b.json.reason.json")
        #expect(try Data(contentsOf: rejected.appending(path: "b.json")) == Data("first".utf8))
        #expect(try Data(contentsOf: rejected.appending(path: "b.json.reason.json")) == firstReason)
        #expect(try reason("b.json")["file"] == "b.json")
        #expect(try Data(contentsOf: rejected.appending(path: "b.json.1")) == Data("second".utf8))
    }

    @Test func aReasonWithoutItsFileAndAFileWithoutItsReasonAreBothStepped() throws {
        try Data("orphan reason".utf8).write(to: rejected.appending(path: "c.json.reason.json"))
        try Data("file whose reason was removed".utf8).write(to: rejected.appending(path: "d.json"))
        try queue.dropRaw(Data("c".utf8), as: "c.json")
        try queue.dropRaw(Data("d".utf8), as: "d.json")

        _ = try ingest()

        #expect(try keptFiles() == [
            "c.json.1", "c.json.1.reason.json", "c.json.reason.json", "d.json", "d.json.1", "d.json.1.reason.json",
        ])
        #expect(try Data(contentsOf: rejected.appending(path: "c.json.reason.json")) == Data("orphan reason".utf8))
        #expect(try reason("d.json.1")["code"] == "not-json")
    }

    @Test func aRejectionThatDiedBeforeMovingItsFileLeavesOneFileWithOneReasonAfterTheNextIngest() throws {
        let stale = JSONValue.object(["file": "e.json", "code": "not-json", "reason": "stale", "rejectedAt": "2026-01-01T00:00:00.000Z"])
        try stale.encoded(pretty: true).write(to: rejected.appending(path: "e.json.reason.json"))
        let otherFile = JSONValue.object(["file": "f.json.1", "code": "not-json", "reason": "of another file"])
        try otherFile.encoded(pretty: true).write(to: rejected.appending(path: "f.json.reason.json"))
        try queue.dropRaw(Data("e".utf8), as: "e.json")
        try queue.dropRaw(Data("f".utf8), as: "f.json")

        _ = try ingest()

        #expect(try keptFiles() == ["e.json", "e.json.reason.json", "f.json.1", "f.json.1.reason.json", "f.json.reason.json"])
        #expect(try Data(contentsOf: rejected.appending(path: "e.json")) == Data("e".utf8))
        #expect(try reason("e.json")["file"] == "e.json")
        #expect(try reason("e.json")["reason"] != "stale")
        #expect(try reason("f.json")["reason"] == "of another file")
    }

    @Test func aLongNameIsCutSoThatItsNumberedNameAndReasonFit() throws {
        let long = String(repeating: "é", count: 120) + ".json"
        try queue.dropRaw(Data("x".utf8), as: long)
        try queue.dropRaw(Data("y".utf8), as: "other.json")
        _ = try ingest()
        try queue.dropRaw(Data("z".utf8), as: long)

        let report = try ingest()

        let base = String(repeating: "é", count: 116)
        #expect(report.rejected.map(\.file) == [long])
        #expect(try keptFiles().filter { $0.hasPrefix("é") } == [base, base + ".1", base + ".1.reason.json", base + ".reason.json"])
        #expect(try reason(base + ".1")["file"] == .string(long))
    }
}
