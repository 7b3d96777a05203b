import Foundation
import Glibc
@testable import JuryMedia
import Testing

@Suite final class MediaReaderTests {
    let root: URL
    let reader: MediaReader

    init() throws {
        root = try MediaFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("bucket/dir"), withIntermediateDirectories: true)
        try Data("inside".utf8).write(to: root.appendingPathComponent("bucket/dir/file.jpg"))
        reader = MediaReader(roots: ObjectRoots([root.path]), limits: MediaLimits(maxBytes: 100))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    @Test func readsAnS3ObjectUnderTheRoot() throws {
        #expect(try reader.bytes(of: .s3(bucket: "bucket", key: "dir/file.jpg", version: "3")) == Array("inside".utf8))
    }

    @Test func readsAbsoluteFileURIsAndRelativePathsUnderTheRoot() throws {
        let uri = try #require(MediaSource(uri: "file://" + root.appendingPathComponent("bucket/dir/file.jpg").path))
        #expect(try reader.bytes(of: uri) == Array("inside".utf8))
        #expect(try reader.bytes(of: .path("bucket/./dir/file.jpg")) == Array("inside".utf8))
    }

    @Test func saysWhereEachFileWasReadForLinksToTheOriginal() throws {
        let expected = root.path + "/bucket/dir/file.jpg"
        #expect(try reader.file(of: .s3(bucket: "bucket", key: "dir/file.jpg", version: nil)).path == expected)
        #expect(try reader.file(of: .path("bucket/./dir/file.jpg")).path == expected)
        #expect(try reader.file(of: .path(expected)).path == expected)
        #expect(try reader.file(of: .bytes([1, 2])).path == nil)
    }

    @Test func refusesDotDot() {
        #expect(throws: MediaProblem.notUnderRoot(path: "bucket/../../etc/passwd", roots: [root.path])) {
            try reader.bytes(of: .path("bucket/../../etc/passwd"))
        }
        #expect(throws: MediaProblem.notUnderRoot(path: "s3://bucket/../x", roots: [root.path])) {
            try reader.bytes(of: .s3(bucket: "bucket", key: "../x", version: nil))
        }
    }

    @Test func refusesAbsolutePathsOutsideTheRoots() {
        #expect(throws: MediaProblem.notUnderRoot(path: "/etc/passwd", roots: [root.path])) {
            try reader.bytes(of: .path("/etc/passwd"))
        }
    }

    @Test func refusesASymbolicLinkOutOfTheRoot() throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("bucket/escape.jpg").path,
                                                   withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("bucket/up").path, withDestinationPath: "/etc")
        #expect(throws: MediaProblem.symbolicLink(path: "s3://bucket/escape.jpg")) {
            try reader.bytes(of: .s3(bucket: "bucket", key: "escape.jpg", version: nil))
        }
        #expect(throws: MediaProblem.symbolicLink(path: "s3://bucket/up/passwd")) {
            try reader.bytes(of: .s3(bucket: "bucket", key: "up/passwd", version: nil))
        }
    }

    @Test func refusesAFIFOWithoutBlocking() throws {
        let fifo = root.appendingPathComponent("bucket/pipe.jpg").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: MediaProblem.notARegularFile(path: "s3://bucket/pipe.jpg")) {
            try reader.bytes(of: .s3(bucket: "bucket", key: "pipe.jpg", version: nil))
        }
    }

    @Test func refusesADirectoryAndReportsMissingFiles() {
        #expect(throws: MediaProblem.notARegularFile(path: "s3://bucket/dir")) {
            try reader.bytes(of: .s3(bucket: "bucket", key: "dir", version: nil))
        }
        #expect(throws: MediaProblem.missing(path: "s3://bucket/none.jpg")) {
            try reader.bytes(of: .s3(bucket: "bucket", key: "none.jpg", version: nil))
        }
    }

    @Test func refusesFilesAndInlineBytesOverTheLimit() throws {
        try Data(count: 101).write(to: root.appendingPathComponent("bucket/big.jpg"))
        #expect(throws: MediaProblem.tooLarge(bytes: 101, limit: 100)) {
            try reader.bytes(of: .s3(bucket: "bucket", key: "big.jpg", version: nil))
        }
        #expect(throws: MediaProblem.tooLarge(bytes: 101, limit: 100)) { try reader.bytes(of: .bytes([UInt8](repeating: 1, count: 101))) }
    }

    @Test func withoutARootS3ObjectsAreRefused() {
        #expect(throws: MediaProblem.noObjectRoot(bucket: "b", key: "k")) {
            try MediaReader(roots: ObjectRoots([])).bytes(of: .s3(bucket: "b", key: "k", version: nil))
        }
    }

    @Test func rootsComeFromTheEnvironmentThenTheFlowThenTheQueue() {
        #expect(ObjectRoots.resolve(environment: ["JURY_OBJECT_ROOT": "/a:/b"], flow: "/f", queue: "/q").paths == ["/a", "/b"])
        #expect(ObjectRoots.resolve(environment: [:], flow: "/f", queue: "/q").paths == ["/f"])
        #expect(ObjectRoots.resolve(environment: ["JURY_OBJECT_ROOT": ""], flow: nil, queue: "/q").paths == ["/q"])
    }
}
