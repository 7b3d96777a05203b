import Foundation
import JuryCore
import JuryJSON
import JuryService
import Synchronization
import Testing

/// `jury export`'s three formats, hostile text in answers, paging and the atomic output file.
@Suite("Export formats and streaming")
struct ExportFormatTests {
    /// Terminal escapes, a C1 control, quotes, commas and line breaks: what a reviewer's edit may hold.
    private static let hostile = "\u{1B}[2J\u{1B}]0;owned\u{07} \"quoted\", comma\r\nnext line\u{9B}31m\ttab\u{0}nul"

    @Test("Crowd-Kit CSV: a header, then one worker,task,label row per reviewer and item")
    func crowdKit() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        try queue.complete("ticket-0001", answers: [ExportQueue.category("refund"), ExportQueue.category("refund"), ExportQueue.category("billing")])
        let answer = ExportQueue.moderation([("Violence", "")])
        try queue.complete("img-0005-hunting-trip", answers: [answer, answer, answer])
        let rows = try CSVFile.records(Data(try queue.export(.crowdkit).utf8)).map(\.fields)
        #expect(rows.first == ["worker", "task", "label"])
        #expect(rows.contains(["ana", "ticket-0001", "refund"]))
        #expect(rows.contains(["cy", "ticket-0001", "billing"]))
        #expect(rows.contains(["ben", "img-0005-hunting-trip/Violence", "yes"]))
        #expect(rows.contains(["ben", "img-0005-hunting-trip/Weapons", "no"]))
        #expect(rows.count == 1 + 3 + 3 * 2)
    }

    @Test("Ground Truth manifest: source-ref for an image, source for text, the label attribute and its metadata")
    func manifest() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        try queue.complete("ticket-0001", answers: Array(repeating: ExportQueue.category("refund"), count: 3))
        let answer = ExportQueue.moderation([("Violence", ""), ("Weapons", "Violence")])
        try queue.complete("img-0005-hunting-trip", answers: [answer, answer, answer])
        let lines = try queue.export(.manifest).split(separator: "\n").map { try JSONValue.parse(Data($0.utf8)) }
        let ticket = try #require(lines.first { $0["source"] != nil })
        #expect(ticket["source"] == (try queue.admitted("ticket-0001"))?["text"])
        #expect(ticket["verdict"] == 2)
        let metadata = try #require(ticket["verdict-metadata"])
        #expect(metadata["class-name"] == "refund")
        #expect(metadata["type"] == "groundtruth/text-classification")
        #expect(metadata["job-name"] == "labeling-job/tickets")
        #expect(metadata["human-annotated"] == "yes")
        #expect(metadata["adjustment-status"] == "adjusted")
        #expect(metadata["confidence"] == 1)
        let image = try #require(lines.first { $0["source-ref"] != nil })
        #expect(image["source-ref"] == "s3://ugc-uploads/2024/05/img-0005.jpg")
        #expect(image["verdict"] == [0, 1])
        #expect(image["verdict-metadata"]?["class-map"] == ["0": "Violence", "1": "Weapons"])
        #expect(image["verdict-metadata"]?["type"] == "groundtruth/image-classification-multilabel")
        #expect(image["verdict-metadata"]?["adjustment-status"] == "unadjusted")
    }

    @Test("a tied classification has a JSON Lines record but no manifest line")
    func tieHasNoManifestLine() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        try queue.complete("ticket-0001", answers: [ExportQueue.category("refund"), ExportQueue.category("other"), ExportQueue.category("billing")])
        let record = try #require(try queue.records()["ticket-0001"])
        #expect(record["answer"] == .null)
        #expect(record["changes"] == [])
        #expect(try queue.export(.manifest) == "")
    }

    @Test("hostile text in an answer: JSON escapes every control character, CSV quotes it and keeps it exact")
    func hostileText() throws {
        let queue = try ExportQueue()
        defer { queue.remove() }
        try queue.complete("llm-0001", answers: Array(repeating: ExportQueue.freeText(Self.hostile), count: 2))
        let jsonl = try queue.export(.jsonl)
        #expect(!jsonl.utf8.dropLast().contains { $0 < 0x20 || $0 == 0x7F })
        let record = try JSONValue.parse(Data(jsonl.utf8))
        #expect(record["answer"]?["text"] == .string(Self.hostile))
        #expect(record["changes"]?[0]?["human"] == .string(Self.hostile))
        let manifest = try JSONValue.parse(Data(try queue.export(.manifest).utf8))
        #expect(manifest["verdict"] == .string(Self.hostile))
        let rows = try CSVFile.records(Data(try queue.export(.crowdkit).utf8)).map(\.fields)
        #expect(rows.dropFirst().map { $0[2] } == [Self.hostile, Self.hostile])
    }

    @Test("pages are fetched one at a time, each written before the next is asked for")
    func streamsPageByPage() throws {
        let queue = try ServiceQueue(taskCount: 1)
        defer { queue.remove() }
        try queue.completeLoops(7) { $0 < 3 ? ServiceQueue.answer : ["category": ["label": "other"]] }
        let log = EventLog()
        let client = QueueConnection(transport: CountingTransport(inner: InProcessTransport(service: queue.service), log: log))
        var query = ExportQuery()
        query.pageSize = 2
        let written = try CorrectionExport.run(client, query: query, format: .jsonl) { text in
            log.append("write \(text.split(separator: "\n").count)")
        }
        #expect(written == 7)
        #expect(log.events == ["page", "write 2", "page", "write 2", "page", "write 2", "page", "write 1"])
        query.changedOnly = true
        log.clear()
        #expect(try CorrectionExport.run(client, query: query, format: .jsonl) { _ in } == 4)
        #expect(log.events.count == 4)
    }

    @Test("a flow the queue neither has nor had is refused, not exported as nothing; a known flow with no completed loop is empty")
    func unknownFlowIsRefused() throws {
        let queue = try ServiceQueue(taskCount: 1)
        defer { queue.remove() }
        var query = ExportQuery()
        query.flow = "Tickets"
        #expect(throws: JuryError.notFound("no flow definition named Tickets")) {
            try CorrectionExport.run(queue.client(), query: query, format: .jsonl) { _ in }
        }
        query.flow = "tickets"
        #expect(try CorrectionExport.run(queue.client(), query: query, format: .jsonl) { _ in } == 0)
    }

    @Test("--output: the file appears whole when the export ends, and not at all when it fails")
    func atomicOutput() throws {
        let queue = try ServiceQueue(taskCount: 1)
        defer { queue.remove() }
        try queue.completeLoops(3) { _ in ServiceQueue.answer }
        let folder = queue.directory.root.appending(path: "exports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appending(path: "corrections.jsonl")
        try Data("old\n".utf8).write(to: target)
        var query = ExportQuery()
        query.pageSize = 1
        let failing = QueueConnection(transport: FailingTransport(inner: InProcessTransport(service: queue.service), failAt: 2))
        try {
            let file = try StreamedFile(target)
            #expect(throws: JuryError.io("the service went away")) {
                try CorrectionExport.run(failing, query: query, format: .jsonl, write: file.append)
            }
        }()
        #expect(try String(contentsOf: target, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corrections.jsonl"])
        let file = try StreamedFile(target)
        try CorrectionExport.run(queue.client(), query: query, format: .jsonl, write: file.append)
        try file.commit()
        #expect(try String(contentsOf: target, encoding: .utf8).split(separator: "\n").count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["corrections.jsonl"])
    }
}

extension ServiceQueue {
    /// Starts loops `t-0`…`t-(count-1)` and completes each with r1's `answer(index)` (TaskCount 1).
    func completeLoops(_ count: Int, answer: (Int) -> JSONValue) throws {
        try startLoops(count)
        for index in 0..<count {
            _ = try client("r1").claim(loop: "t-\(index)")
            _ = try client("r1").submit(loop: "t-\(index)", answer: answer(index), timeSpentSeconds: 1)
        }
    }
}

/// What happened, in order, across threads.
private final class EventLog: Sendable {
    private let entries = Mutex<[String]>([])

    func append(_ event: String) { entries.withLock { $0.append(event) } }
    func clear() { entries.withLock { $0.removeAll() } }
    var events: [String] { entries.withLock { $0 } }
}

/// Logs each export page asked of the service.
private struct CountingTransport: ServiceTransport {
    let inner: InProcessTransport
    let log: EventLog

    func send(_ call: ServiceCall) throws -> JSONValue {
        if case .exportPage = call { log.append("page") }
        return try inner.send(call)
    }
    var now: Date { inner.now }
}

/// Answers export pages until the `failAt`-th, which fails as a lost connection does.
private final class FailingTransport: ServiceTransport {
    let inner: InProcessTransport
    let failAt: Int
    private let pages = Atomic<Int>(0)

    init(inner: InProcessTransport, failAt: Int) { (self.inner, self.failAt) = (inner, failAt) }

    func send(_ call: ServiceCall) throws -> JSONValue {
        if case .exportPage = call, pages.add(1, ordering: .relaxed).newValue == failAt { throw JuryError.io("the service went away") }
        return try inner.send(call)
    }
    var now: Date { inner.now }
}
