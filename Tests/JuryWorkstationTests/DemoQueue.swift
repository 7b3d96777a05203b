import Foundation
import GRDB
@testable import JuryCore
import JuryJSON
import JuryCanvas
import JuryService
import JuryTestSupport
@testable import JuryWorkstation

/// A fresh queue seeded from fixtures/demo (as `jury demo` seeds one), on a manual clock.
struct DemoQueue {
    let directory: QueueDirectory
    let time: ManualTime
    let ledger: Ledger

    /// - Parameter objectRoot: the queue's object root (default: fixtures/media/objects).
    init(objectRoot: URL = Checkout.root.appending(path: "fixtures/media/objects")) throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-ws-\(UUID().uuidString)", directoryHint: .isDirectory)
        directory = QueueDirectory(root)
        time = ManualTime(Fixtures.start)
        try Ledger.create(queue: directory, demo: true, workforce: Fixtures.workforce,
                          settings: [QueueService.objectRootSetting: objectRoot.path])
        for folder in ["flows", "loops"] {
            let target = folder == "flows" ? directory.flowsURL : directory.inboxURL
            for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.demo.appending(path: folder).path).sorted() {
                try FileManager.default.copyItem(at: Fixtures.demo.appending(path: "\(folder)/\(name)"), to: target.appending(path: name))
            }
        }
        ledger = try Ledger(queue: directory, time: time)
        _ = try Ingest(ledger: ledger, flows: directory.loadFlows().flows).run()
    }

    /// The queue service on this ledger, in-process, acting for `reviewer`.
    func client(_ reviewer: String) throws -> QueueConnection {
        QueueConnection(transport: InProcessTransport(service: try QueueService(ledger: ledger), actingAs: reviewer))
    }

    /// `reviewer`'s drafts as the service keeps them.
    func drafts(_ reviewer: String) throws -> [Draft] { try client(reviewer).drafts().compactMap(Draft.init(stored:)) }

    /// The stored answers of `loop`, by reviewer.
    func answers(_ loop: String) throws -> [String: JSONValue] {
        let rows = try ledger.database.read { db in
            try Row.fetchAll(db, sql: "SELECT reviewer, answer FROM verdict JOIN loop ON loop.id = loop_id WHERE loop.name = ?", arguments: [loop])
        }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["reviewer"] as String, (try? JSONValue.parse($0["answer"] as String)) ?? .null) })
    }

    func remove() { try? FileManager.default.removeItem(at: directory.root) }
}
