import Foundation
import GRDB
import Testing
@testable import JuryCore
import JuryJSON

@Suite("Status events")
struct StatusEventTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1, lifetime: 60)])
        try queue.submit(["done", "stopped", "lapsed"])
        ledger = try queue.ledger()
    }

    private func eventFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: queue.directory.eventsURL.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    private func event(_ file: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: queue.directory.eventsURL.appending(path: file)))
    }

    @Test("a completed, a stopped and a failed loop each give one event in A2I's EventBridge shape; an open loop gives none")
    func oneEventPerFinishedLoop() throws {
        _ = try ledger.claim(loop: "done", reviewer: "ana")
        try ledger.submit(loop: "done", reviewer: "ana", answer: TestQueue.answer("billing"))
        _ = try ledger.stop(loop: "stopped", actor: "lead")
        queue.time.advance(by: 61)
        try ledger.sweepExpired()
        try queue.submit(["open"])
        let spooled = try ledger.spoolStatusEvents()
        #expect(spooled.map(\.loopName) == ["done", "stopped", "lapsed"])
        #expect(try eventFiles() == ["000000000001-done-Completed.json", "000000000002-stopped-Stopped.json", "000000000003-lapsed-Failed.json"])

        let completed = try event("000000000001-done-Completed.json")
        #expect(completed["detail-type"] == "SageMaker A2I HumanLoop Status Change")
        #expect(completed["source"] == "aws.sagemaker" && completed["version"] == "0")
        #expect(completed["region"] == "us-east-1" && completed["account"] == "000000000000")
        #expect(completed["resources"] == ["arn:aws:sagemaker:us-east-1:000000000000:human-loop/done"])
        #expect(completed["time"] == "2026-05-28T20:26:40Z")
        let detail = try #require(completed["detail"])
        #expect(detail["humanLoopName"] == "done" && detail["humanLoopStatus"] == "Completed")
        #expect(detail["humanLoopArn"] == "arn:aws:sagemaker:us-east-1:000000000000:human-loop/done")
        #expect(detail["flowDefinitionArn"] == "arn:aws:sagemaker:us-east-1:000000000000:flow-definition/tickets")
        #expect(detail["creationTime"] == "2026-05-28T20:26:40.000Z")
        #expect(detail["failureCode"] == .null && detail["failureReason"] == .null)
        let outputURI = try #require(detail["humanLoopOutput"]?["outputS3Uri"]?.stringValue)
        #expect(try outputURI == ledger.describe(loop: "done")["HumanLoopOutput"]?["OutputS3Uri"]?.stringValue)

        let failed = try #require(try event("000000000003-lapsed-Failed.json")["detail"])
        #expect(failed["humanLoopStatus"] == "Failed" && failed["failureCode"] == "Expired")
        #expect(failed["failureReason"]?.stringValue?.hasPrefix("TaskAvailabilityLifetimeInSeconds ran out") == true)
        #expect(failed["humanLoopOutput"] == nil)
        #expect(try event("000000000002-stopped-Stopped.json")["detail"]?["humanLoopStatus"] == "Stopped")

        #expect(try ledger.spoolStatusEvents().isEmpty)
    }

    @Test("an event spooled again after a crash before it was marked is the same file with the same id")
    func respoolIsIdempotent() throws {
        _ = try ledger.stop(loop: "stopped", actor: "lead")
        let first = try #require(try ledger.spoolStatusEvents().first)
        try ledger.database.write { db in try db.execute(sql: "UPDATE status_event SET spooled_at = NULL") }
        let again = try #require(try ledger.spoolStatusEvents().first)
        #expect(again.document == first.document)
        #expect(try eventFiles() == [first.fileName])
        #expect(try event(first.fileName) == first.document)
    }

    @Test("a completed loop's event waits until its output.json is written")
    func completedWaitsForOutput() throws {
        _ = try ledger.claim(loop: "done", reviewer: "ana")
        #expect(try ledger.submit([VerdictSubmission(loop: "done", reviewer: "ana", answer: TestQueue.answer("billing"))],
                                  writingOutputs: false)[0].get().completesLoop)
        #expect(try ledger.spoolStatusEvents().isEmpty)
        try ledger.writePendingOutputs()
        #expect(try ledger.spoolStatusEvents().map(\.fileName) == ["000000000001-done-Completed.json"])
    }

    @Test("a completed loop's event waiting for its output holds back no later event")
    func waitingOutputHoldsBackNoOther() throws {
        _ = try ledger.claim(loop: "done", reviewer: "ana")
        _ = try ledger.submit([VerdictSubmission(loop: "done", reviewer: "ana", answer: TestQueue.answer("billing"))], writingOutputs: false)[0].get()
        _ = try ledger.stop(loop: "stopped", actor: "lead")
        #expect(try ledger.spoolStatusEvents(limit: 1).map(\.loopName) == ["stopped"])
        try ledger.writePendingOutputs()
        #expect(try ledger.spoolStatusEvents(limit: 1).map(\.loopName) == ["done"])
    }

    @Test("a completed loop is not deleted before its output.json is written, which its event names")
    func deleteWaitsForOutput() throws {
        _ = try ledger.claim(loop: "done", reviewer: "ana")
        _ = try ledger.submit([VerdictSubmission(loop: "done", reviewer: "ana", answer: TestQueue.answer("billing"))], writingOutputs: false)[0].get()
        #expect(throws: JuryError.invalidState("done's output.json is not written yet; delete it once it is (`jury describe done`)")) {
            try ledger.delete(loop: "done", actor: "lead")
        }
        try ledger.writePendingOutputs()
        try ledger.delete(loop: "done", actor: "lead")
        let event = try #require(try ledger.spoolStatusEvents().first)
        let outputURI = try #require(event.document["detail"]?["humanLoopOutput"]?["outputS3Uri"]?.stringValue)
        #expect(queue.directory.objectFile(uri: outputURI) != nil, "the event names \(outputURI), which should exist")
    }

    @Test("a webhook's event waiting for its retry holds back the later ones, so they arrive in order")
    func deliveriesInOrder() throws {
        let webhook = "http://a.example/hook"
        _ = try ledger.stop(loop: "stopped", actor: "lead")
        try ledger.spoolStatusEvents(webhooks: [webhook])
        let first = try ledger.dueDeliveries(to: webhook)
        #expect(first.map(\.loopName) == ["stopped"])
        try ledger.recordDelivery(of: first[0], to: webhook, failure: "it answered HTTP 503", retryAfterSeconds: 100)
        queue.time.advance(by: 61)
        try ledger.sweepExpired()
        #expect(try ledger.spoolStatusEvents(webhooks: [webhook]).map(\.loopName) == ["done", "lapsed"])
        #expect(try ledger.dueDeliveries(to: webhook).isEmpty)
        queue.time.advance(by: 40)
        #expect(try ledger.dueDeliveries(to: webhook).map(\.loopName) == ["stopped", "done", "lapsed"])
    }

    @Test("a change of status in a transaction that rolls back leaves no event")
    func rolledBackChangeLeavesNoEvent() throws {
        let rollback = JuryError.io("rolled back")
        #expect(throws: rollback) {
            try ledger.database.write { db in
                try db.execute(sql: "UPDATE loop SET status = 'Stopped' WHERE name = 'stopped'")
                #expect(db.changesCount == 1)
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM status_event") == 1)
                throw rollback
            }
        }
        #expect(try ledger.spoolStatusEvents().isEmpty)
    }

    @Test("deliveries: queued per webhook at spool time, due at once, retried after the backoff, done once delivered")
    func deliveryBookkeeping() throws {
        _ = try ledger.stop(loop: "stopped", actor: "lead")
        try ledger.spoolStatusEvents(webhooks: ["http://a.example/hook", "http://b.example/hook"])
        let due = try ledger.dueDeliveries(to: "http://a.example/hook")
        #expect(due.map(\.loopName) == ["stopped"])
        try ledger.recordDelivery(of: due[0], to: "http://a.example/hook", failure: "it answered HTTP 503", retryAfterSeconds: 4)
        #expect(try ledger.dueDeliveries(to: "http://a.example/hook").isEmpty)
        #expect(try ledger.deliveryAttempts(of: due[0], to: "http://a.example/hook") == 1)
        queue.time.advance(by: 4)
        #expect(try ledger.dueDeliveries(to: "http://a.example/hook").map(\.loopName) == ["stopped"])
        try ledger.recordDelivery(of: due[0], to: "http://a.example/hook", failure: nil, retryAfterSeconds: 8)
        #expect(try ledger.dueDeliveries(to: "http://a.example/hook").isEmpty)
        #expect(try ledger.dueDeliveries(to: "http://b.example/hook").map(\.loopName) == ["stopped"])
        #expect(try ledger.dueDeliveries(to: "http://never.example/hook").isEmpty)
    }
}
