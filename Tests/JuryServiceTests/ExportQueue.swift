import Foundation
import JuryCore
import JuryJSON
import JuryService

/// A demo queue with the four demo flows (fixtures/demo/flows), loops admitted from the demo's loop files, and
/// its service in this process on a manual clock. Teams: support, finance, trust-safety (reviewers ana, ben,
/// cy; lead lena) and content (reviewers ana, ben; leads lena and carl).
struct ExportQueue {
    let directory: QueueDirectory
    let service: QueueService
    let time = ManualTime(Date(timeIntervalSince1970: 1_780_000_000))

    static let demo = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "fixtures/demo")
    static let reviewers = ["ana", "ben", "cy"]

    init() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-export-\(UUID().uuidString)", directoryHint: .isDirectory)
        directory = QueueDirectory(root)
        let teams = ["support", "finance", "trust-safety"].map { Workforce.Team(name: $0, reviewers: Self.reviewers, leads: ["lena"]) }
            + [Workforce.Team(name: "content", reviewers: Array(Self.reviewers.prefix(2)), leads: ["lena", "carl"])]
        try Ledger.create(queue: directory, demo: true, workforce: Workforce(teams: teams))
        for flow in ["tickets", "invoices", "moderation", "llm-answers"] {
            try FileManager.default.copyItem(at: Self.demo.appending(path: "flows/\(flow).json"), to: directory.flowsURL.appending(path: "\(flow).json"))
        }
        service = try QueueService(ledger: try Ledger(queue: directory, time: time))
    }

    func client(_ reviewer: String? = nil) -> QueueConnection {
        QueueConnection(transport: InProcessTransport(service: service, actingAs: reviewer))
    }

    /// The demo loop file `name` (without `.json`), admitted whatever its activation conditions say.
    @discardableResult
    func admit(_ name: String) throws -> HumanLoopRequest {
        let request = try HumanLoopRequest.parse(Data(contentsOf: Self.demo.appending(path: "loops/\(name).json")))
        let flow = directory.loadFlows().flows[request.flowName]!
        _ = try service.ledger.admit([try LoopAdmission(request: request, flow: flow)])
        return request
    }

    /// Admits `loop` and has the first reviewers give it `answers` (one each, in order), a minute apart.
    func complete(_ loop: String, answers: [JSONValue]) throws {
        try admit(loop)
        for (reviewer, answer) in zip(Self.reviewers, answers) {
            time.advance(by: 60)
            let client = client(reviewer)
            _ = try client.claim(loop: loop)
            _ = try client.submit(loop: loop, answer: answer, timeSpentSeconds: 10)
        }
    }

    /// The export of `query` as text, through the client of `reviewer` (nil: the queue's owner).
    func export(_ format: CorrectionFormat, query: ExportQuery = ExportQuery(), as reviewer: String? = nil) throws -> String {
        var text = ""
        try CorrectionExport.run(client(reviewer), query: query, format: format, labelAttribute: "verdict") { text += $0 }
        return text
    }

    /// The JSON Lines export parsed, by loop name.
    func records(query: ExportQuery = ExportQuery(), as reviewer: String? = nil) throws -> [String: JSONValue] {
        let lines = try export(.jsonl, query: query, as: reviewer).split(separator: "\n")
        let parsed = try lines.map { try JSONValue.parse(Data($0.utf8)) }
        return Dictionary(uniqueKeysWithValues: parsed.map { ($0["loop"]!.stringValue!, $0) })
    }

    func remove() {
        service.shutdown()
        try? FileManager.default.removeItem(at: directory.root)
    }

    static func category(_ label: String) -> JSONValue { ["category": ["label": .string(label)]] }
    static func moderation(_ labels: [(String, String)]) -> JSONValue {
        [RequestSource.rekognitionModeration.rawValue: ["moderationLabels": .array(labels.map { ["name": .string($0.0), "parentName": .string($0.1)] })]]
    }
    static func form(_ pairs: [(String, String)]) -> JSONValue {
        [RequestSource.textractForms.rawValue: ["keyValuePairs": .array(pairs.map { ["key": .string($0.0), "value": .string($0.1)] })]]
    }
    static func freeText(_ text: String, decision: String = "edited") -> JSONValue {
        ["freeText": ["decision": .string(decision), "text": .string(text)]]
    }
}
