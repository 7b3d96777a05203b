import Foundation
@testable import JuryCore
import JuryJSON
import Testing

@Suite("The output tree as S3 objects")
struct ObjectTreeTests {
    @Test("S3 output paths: s3://, virtual-hosted and path-style HTTPS, with and without a region")
    func s3Locations() {
        #expect(QueueDirectory.s3Location("s3://acme-a2i/invoices") == "acme-a2i/invoices")
        #expect(QueueDirectory.s3Location("https://acme-a2i.s3.amazonaws.com/invoices") == "acme-a2i/invoices")
        #expect(QueueDirectory.s3Location("https://acme.a2i.s3.eu-west-1.amazonaws.com/invoices/2026") == "acme.a2i/invoices/2026")
        #expect(QueueDirectory.s3Location("https://s3.us-east-1.amazonaws.com/acme-a2i/invoices") == "acme-a2i/invoices")
        #expect(QueueDirectory.s3Location("https://example.org/acme/invoices") == nil)
        #expect(QueueDirectory.s3Location("/var/outputs") == nil)
    }

    @Test("an https S3 output path writes into the output tree, not into a folder named https:")
    func httpsOutputFolder() throws {
        let queue = try TestQueue()
        var document = TestQueue.classificationFlow(timeLimit: 60, lifetime: 900).objectValue!
        document["OutputConfig"] = ["S3OutputPath": "https://acme-a2i.s3.amazonaws.com/tickets"]
        let flow = try FlowDefinition.load(JSONValue.object(document).encoded(), file: "tickets.json")
        #expect(queue.directory.outputFolder(for: flow).path == queue.directory.defaultOutputURL.appending(path: "acme-a2i/tickets").path)
    }

    @Test("objects are regular files inside the output tree; climbing out or through a link names nothing")
    func objectFiles() throws {
        let queue = try TestQueue()
        let output = queue.directory.defaultOutputURL
        try FileManager.default.createDirectory(at: output.appending(path: "bucket/a"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: output.appending(path: "bucket/a/output.json"))
        try FileManager.default.createSymbolicLink(at: output.appending(path: "bucket/ledger"), withDestinationURL: queue.directory.ledgerURL)
        #expect(queue.directory.objectFile(bucket: "bucket", key: "a/output.json")?.lastPathComponent == "output.json")
        #expect(queue.directory.objectURI(of: output.appending(path: "bucket/a/output.json")) == "s3://bucket/a/output.json")
        #expect(queue.directory.objectFile(uri: "s3://bucket/a/output.json") != nil)
        #expect(queue.directory.objectFile(bucket: "bucket", key: "ledger") == nil)
        #expect(queue.directory.objectFile(bucket: "..", key: "jury.sqlite") == nil)
        #expect(queue.directory.objectFile(bucket: "bucket", key: "a/../../../jury.sqlite") == nil)
        #expect(queue.directory.objectFile(bucket: "bucket", key: "a") == nil)
        #expect(queue.directory.objectURI(of: queue.directory.ledgerURL).hasPrefix("file://"))
    }
}
