import Foundation
import GRDB
import Testing
@testable import JuryCore

/// A JSON column whose text is broken is reported by table, column and loop, never read as `null`.
@Suite struct LedgerColumnTests {
    let queue: TestQueue

    init() throws {
        queue = try TestQueue()
        try queue.submit(["first"])
    }

    private func corrupt(_ column: LedgerColumn) throws {
        try DatabaseQueue(path: queue.directory.ledgerURL.path).write { db in
            try db.execute(sql: "UPDATE \(column.table) SET \(column.column) = '{not json'")
        }
    }

    @Test(arguments: [LedgerColumn.activation, .inputContent, .definition])
    func taskMaterialRefusesABrokenColumn(_ column: LedgerColumn) throws {
        try corrupt(column)
        #expect(throws: column.unreadable(loop: "first")) { try queue.ledger().taskMaterial(loop: "first", reviewer: "ana") }
    }

    @Test func aRepeatedVerdictAgainstABrokenStoredAnswerIsRefused() throws {
        let ledger = try queue.ledger()
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("billing"))
        try corrupt(.answer)
        #expect(throws: LedgerColumn.answer.unreadable(loop: "first")) {
            try ledger.submit(loop: "first", reviewer: "ana", answer: TestQueue.answer("billing"))
        }
    }

    @Test func describeRefusesBrokenActivationResults() throws {
        try corrupt(.activation)
        #expect(throws: LedgerColumn.activation.unreadable(loop: "first")) { try queue.ledger().describe(loop: "first") }
    }

    @Test func anExportRefusesABrokenConsensus() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["done"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        _ = try ledger.claim(reviewer: "ana")
        try ledger.submit(loop: "done", reviewer: "ana", answer: TestQueue.answer("billing"))
        #expect(try ledger.correctionPage(ExportQuery()).records.count == 1)
        try DatabaseQueue(path: queue.directory.ledgerURL.path).write { db in try db.execute(sql: "UPDATE loop SET consensus = '[1,'") }
        #expect(throws: LedgerColumn.consensus.unreadable(loop: "done")) { try ledger.correctionPage(ExportQuery()) }
    }

    @Test func aBrokenEscalationRecordIsNotOverwritten() throws {
        try corrupt(.escalation)
        let ledger = try queue.ledger()
        #expect(throws: LedgerColumn.escalation.unreadable(loop: "first")) { try ledger.sendToAdjudication(loop: "first", actor: "lead") }
        let stored = try DatabaseQueue(path: queue.directory.ledgerURL.path).read { db in
            try String.fetchOne(db, sql: "SELECT escalation FROM loop WHERE name = 'first'")
        }
        #expect(stored == "{not json")
    }

    @Test func aMissingInputIsReportedNotReadAsNull() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["lost"])
        try DatabaseQueue(path: queue.directory.ledgerURL.path).write { db in try db.execute(sql: "DELETE FROM loop_input") }
        let ledger = try queue.ledger()
        _ = try ledger.claim(reviewer: "ana")
        #expect(throws: JuryError.invalidState(
            "the ledger holds no input of loop lost; restore jury.sqlite from a backup (docs/deployment.md)")) {
            try ledger.submit(loop: "lost", reviewer: "ana", answer: TestQueue.answer("billing"))
        }
    }

    @Test func aBrokenEventDocumentIsReportedToTheDelivery() throws {
        let ledger = try queue.ledger()
        _ = try ledger.stop(loop: "first", actor: "lead")
        let webhook = "http://127.0.0.1:9/events"
        #expect(try ledger.spoolStatusEvents(webhooks: [webhook]).map(\.loopName) == ["first"])
        try corrupt(.eventDocument)
        #expect(throws: LedgerColumn.eventDocument.unreadable(loop: "first")) { try ledger.dueDeliveries(to: webhook) }
    }
}
