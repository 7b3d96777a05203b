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
        #expect(throws: column.unreadable(loop: "first")) { try queue.ledger().taskMaterial(loop: "first") }
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
}
