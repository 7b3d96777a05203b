import Foundation
import Testing
import GRDB
import Synchronization
@testable import JuryCore
import JuryJSON

/// A loop whose output cannot be built stays pending without holding back the others.
@Suite struct PendingOutputsTests {
    @Test("one loop's output that cannot be built leaves the others written, and each verdict hears of its own loop only")
    func oneBadOutputHoldsBackNoOther() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["good", "bad", "last"])
        let ledger = try queue.ledger()
        for loop in ["good", "bad"] {
            _ = try ledger.claim(loop: loop, reviewer: "ana")
            #expect(try ledger.submit(loop: loop, reviewer: "ana", answer: TestQueue.answer("billing")).output != nil)
        }
        // Both outputs to be written again; the stored input of one no longer reads.
        try ledger.database.write { db in
            try db.execute(sql: "UPDATE loop SET output_state = 'pending' WHERE name IN ('good', 'bad')")
            try db.execute(sql: "UPDATE loop_input SET input_content = '{' WHERE loop_id = (SELECT id FROM loop WHERE name = 'bad')")
        }
        _ = try ledger.claim(loop: "last", reviewer: "ana")
        let last = try ledger.submit(loop: "last", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(last.output?.deletingLastPathComponent().lastPathComponent == "last" && last.outputProblem == nil)
        let states = try ledger.database.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, output_state FROM loop").map { ($0[0] as String, $0[1] as String) })
        }
        #expect(states == ["good": "written", "bad": "pending", "last": "written"])
        #expect {
            try ledger.writePendingOutputs()
        } throws: { error in
            guard let failure = error as? PendingOutputsFailure else { return false }
            return failure.written.isEmpty && failure.problems.map(\.loop) == ["bad"]
        }
    }

    @Test("an output made pending again while an older one was being written is marked for the newer generation only")
    func anOlderWriteDoesNotMarkANewerOutput() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["work"])
        let ledger = try queue.ledger()
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        let output = try #require(try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing")).output)
        func state() throws -> (id: Int64, state: String, generation: Int64) {
            try ledger.database.read { db in
                let row = try #require(try Row.fetchOne(db, sql: "SELECT id, output_state, output_generation FROM loop WHERE name = 'work'"))
                return (row[0], row[1], row[2])
            }
        }
        let first = try state()
        #expect(first.state == "written" && first.generation == 1)
        // A recomputation makes the output pending twice while a writer still holds the first generation's files.
        for consensus in ["{\"label\": \"other\"}", "{\"label\": \"refund\"}"] {
            try ledger.database.write { db in
                try db.execute(sql: "UPDATE loop SET consensus = ?, output_state = 'pending' WHERE id = ?", arguments: [consensus, first.id])
            }
        }
        try ledger.markWritten([(first.id, first.generation)])
        #expect(try state().state == "pending" && state().generation == 3)
        #expect(try ledger.writePendingOutputs() == [output])
        #expect(try state().state == "written")
        let extras = try JSONValue.parse(Data(contentsOf: Ledger.extrasURL(besideOutput: output)))
        #expect(extras["consensus"] == ["label": "refund"])
    }

    @Test("a Completed loop is reported Completed, with HumanLoopOutput, only once its output file is there to read")
    func completedIsReportedWithItsOutput() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["work"])
        let ledger = try queue.ledger()
        // A file where the loop's output folder goes: the output cannot be written, whoever runs this.
        let folder = try ledger.database.read { db in
            ledger.outputURL(of: try #require(try db.fetchRecord(LoopRecord.self, sql: "SELECT * FROM loop WHERE name = 'work'")))
        }.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: folder)
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        #expect(try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing")).outputProblem != nil)
        let pending = try ledger.describe(loop: "work")
        #expect(pending["HumanLoopStatus"] == "InProgress" && pending["HumanLoopOutput"] == nil)
        #expect(pending["Jury"]?["Status"] == "Completed" && pending["Jury"]?["Output"] == "pending")
        #expect(try ledger.list(LoopQuery()).loops.map(\.status) == [.inProgress])
        var inProgress = LoopQuery(), completed = LoopQuery()
        (inProgress.status, completed.status) = (.inProgress, .completed)
        #expect(try ledger.list(inProgress).loops.map(\.name) == ["work"])
        #expect(try ledger.list(completed).loops.isEmpty)

        try FileManager.default.removeItem(at: folder)
        let output = try #require(try ledger.writePendingOutputs().first)
        let written = try ledger.describe(loop: "work")
        #expect(written["HumanLoopStatus"] == "Completed" && written["Jury"]?["Output"] == "written")
        #expect(written["HumanLoopOutput"]?["OutputS3Uri"]?.stringValue == queue.directory.objectURI(of: output))

        // A recomputed consensus to be written: the older file is still there to read.
        try ledger.database.write { db in try db.execute(sql: "UPDATE loop SET output_state = 'pending' WHERE name = 'work'") }
        let recomputing = try ledger.describe(loop: "work")
        #expect(recomputing["HumanLoopStatus"] == "Completed" && recomputing["HumanLoopOutput"] != nil && recomputing["Jury"]?["Output"] == "pending")
        #expect(try ledger.list(LoopQuery()).loops.map(\.status) == [.completed])
        #expect(try ledger.list(completed).loops.map(\.name) == ["work"])
        #expect(try ledger.list(inProgress).loops.isEmpty)
    }

    @Test("no output file is written until the ledger's log is on disk: a failed sync leaves the output pending")
    func outputsWaitForTheLedgersLog() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["work"])
        let ledger = try queue.ledger()
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        let synced = Mutex(0)
        ledger.syncWAL.withLock { $0 = { _ in throw POSIXError(.EIO) } }
        let receipt = try ledger.submit(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(receipt.output == nil && receipt.outputProblem != nil)
        #expect(try ledger.writtenOutput(loop: "work") == nil)
        #expect(FileManager.default.enumerator(atPath: queue.directory.defaultOutputURL.path)?.allObjects.contains { "\($0)".hasSuffix("output.json") } != true)
        ledger.syncWAL.withLock { $0 = { url in synced.withLock { $0 += 1 }; try DurableFile.syncFile(url) } }
        let written = try #require(try ledger.writePendingOutputs().first)
        #expect(synced.withLock { $0 } == 1 && FileManager.default.fileExists(atPath: written.path))
    }
}
