import Foundation
import JuryCore
import JuryJSON
import JuryMedia
import JuryService
import Testing

/// The service reads a loop's media under its object roots and sends the bytes (or why not): on a
/// shared queue reviewers have no file access.
@Suite("The media call")
struct MediaCallTests {
    static let cat = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "fixtures/media/formats/cat.jpg")

    /// A queue whose flow names its media at `$.taskObject` and keeps objects under `objects/` in the queue.
    private func queue() throws -> ServiceQueue {
        let flow = ServiceQueue.flow(taskCount: 1).replacingOccurrences(
            of: #""Jury": {"#, with: #""Jury": {"MediaPath": "$.taskObject", "ObjectRoot": "objects", "#)
        let queue = try ServiceQueue(flowText: flow)
        let photos = queue.directory.root.appending(path: "objects/photos", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: photos, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.cat, to: photos.appending(path: "cat.jpg"))
        return queue
    }

    private func start(_ queue: ServiceQueue, _ name: String, taskObject: String?) throws {
        var input: JSONValue = ["prediction": ["label": "billing", "confidence": 0.5]]
        if let taskObject, case .object(var members) = input {
            members["taskObject"] = .string(taskObject)
            input = .object(members)
        }
        _ = try queue.client().startLoop(flow: "tickets", name: name, input: input)
    }

    @Test("an object under the flow's root arrives byte for byte, in-process and over the socket")
    func bytesArrive() throws {
        let queue = try queue()
        defer { queue.remove() }
        try start(queue, "cat", taskObject: "s3://photos/cat.jpg")
        let expected = try Data(contentsOf: Self.cat)
        let read = queue.directory.root.appending(path: "objects/photos/cat.jpg").path
        #expect(try queue.client("r1").media(loop: "cat")
            == MediaFile(source: "s3://photos/cat.jpg", bytes: expected, host: MediaFile.localHostName, path: read))
        let path = queue.directory.root.appending(path: "jury.sock").path
        let server = try SocketServer(service: queue.service, socketPath: path, workerThreads: 2)
        defer { server.close() }
        let remote = QueueConnection(transport: try SocketTransport(socketPath: path, actingAs: "r1"))
        #expect(try remote.media(loop: "cat")?.bytes == expected)
        #expect(try remote.media(loop: "cat")?.path == read)
    }

    @Test("a reviewer of another team gets neither the task nor its media")
    func otherTeamsGetNothing() throws {
        let queue = try queue()
        defer { queue.remove() }
        try start(queue, "cat", taskObject: "s3://photos/cat.jpg")
        let workforce = #"{"Teams": [{"Name": "support", "Reviewers": ["r1"], "Leads": ["lead"]}, {"Name": "finance", "Reviewers": ["f1"]}]}"#
        try Data(workforce.utf8).write(to: queue.directory.workforceURL, options: .atomic)
        #expect(try queue.service.ledger.reloadWorkforceIfChanged())
        let refusal = JuryError.forbidden("cat belongs to team support, which f1 is not in; its task is not shown")
        #expect(throws: refusal) { try queue.client("f1").media(loop: "cat") }
        #expect(throws: refusal) { try queue.client("f1").taskMaterial(loop: "cat") }
        #expect(try queue.client("r1").media(loop: "cat")?.bytes == Data(contentsOf: Self.cat))
        #expect(try queue.client("lead").taskMaterial(loop: "cat").loopName == "cat")
    }

    @Test("a flow created through the API may not say where media is read, so a producer cannot read the owner's files")
    func createdFlowsSetNoObjectRoot() throws {
        let queue = try queue()
        defer { queue.remove() }
        var flow = try JSONValue.parse(Data(ServiceQueue.flow(taskCount: 1).utf8)).objectValue ?? [:]
        flow["FlowDefinitionName"] = "leak"
        flow["RoleArn"] = "arn:aws:iam::111122223333:role/a2i"
        flow["OutputConfig"] = ["S3OutputPath": "s3://acme-a2i/leak"]
        var jury = flow["Jury"]?.objectValue ?? [:]
        (jury["MediaPath"], jury["ObjectRoot"]) = ("$.taskObject", .string(queue.directory.root.path))
        flow["Jury"] = .object(jury)
        #expect {
            try queue.service.perform(.createFlowDefinition(definition: .object(flow)), caller: .accessKeyHolder(profile: "etl-pipeline"))
        } throws: { error in
            guard case JuryError.invalidInput(let message) = error else { return false }
            return message.hasPrefix("leak.json: $.Jury.ObjectRoot: a flow created through the API may not set where the service reads media")
        }
        #expect(!FileManager.default.fileExists(atPath: queue.directory.flowsURL.appending(path: "leak.json").path))
    }

    @Test("refusals say why: missing, outside the roots, through a link, too large; no media is nil")
    func refusals() throws {
        let queue = try queue()
        defer { queue.remove() }
        let objects = queue.directory.root.appending(path: "objects").path
        try FileManager.default.createSymbolicLink(atPath: objects + "/photos/link.jpg", withDestinationPath: Self.cat.path)
        let huge = FileHandle(forWritingAtPath: { _ = FileManager.default.createFile(atPath: objects + "/photos/huge.jpg", contents: nil); return objects + "/photos/huge.jpg" }())!
        try huge.truncate(atOffset: UInt64(MediaLimits().maxBytes + 1))
        try huge.close()
        let cases: [(String, String?, String?)] = [
            ("missing", "s3://photos/none.jpg", "s3://photos/none.jpg is missing"),
            ("outside", "/etc/hostname", "/etc/hostname is not under the object root \(objects)"),
            ("climbing", "s3://photos/../../jury.sqlite", "s3://photos/../../jury.sqlite is not under the object root \(objects)"),
            ("link", "s3://photos/link.jpg", "s3://photos/link.jpg goes through a symbolic link (refused)"),
            ("huge", "s3://photos/huge.jpg", "too large: \(MediaLimits().maxBytes + 1) bytes (limit \(MediaLimits().maxBytes))"),
            ("none", nil, nil),
        ]
        for (name, object, refusal) in cases {
            try start(queue, name, taskObject: object)
            let file = try queue.client("r1").media(loop: name)
            #expect(file?.refusal == refusal, "\(name)")
            #expect(file?.bytes == nil, "\(name)")
        }
    }

    @Test("only members of a team get media")
    func membersOnly() throws {
        let queue = try queue()
        defer { queue.remove() }
        try start(queue, "cat", taskObject: "s3://photos/cat.jpg")
        #expect(throws: JuryError.forbidden("stranger is in no team of \(queue.directory.workforceURL.path); ask the queue's owner to add them to workforce.json")) {
            try queue.client("stranger").media(loop: "cat")
        }
    }
}
