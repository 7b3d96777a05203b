import Foundation
import GRDB
import Testing
@testable import JuryCore
import JuryJSON

@Suite struct QueueFilterParsingTests {
    @Test func freeWordsFlowAndConfidenceCombine() throws {
        let filter = try #require(try QueueFilter(query: "  Refund  flow:claims conf:<0.6 Kowalski "))
        #expect(filter.words == ["refund", "kowalski"])
        #expect(filter.flow == "claims")
        #expect(filter.confidence == ConfidenceRange(lower: nil, upper: .init(value: 60, includesValue: false)))
        #expect(filter.query == "Refund flow:claims conf:<0.6 Kowalski")
    }

    @Test(arguments: [
        ("conf:<0.6", nil, ConfidenceRange.Bound(value: 60, includesValue: false)),
        ("conf:<=60", nil, .init(value: 60, includesValue: true)),
        ("CONF:>0.8", .init(value: 80, includesValue: false), nil),
        ("conf:>=80%", .init(value: 80, includesValue: true), nil),
        ("conf:0.2-0.5", .init(value: 20, includesValue: true), .init(value: 50, includesValue: true)),
        ("conf:20-1", .init(value: 20, includesValue: true), .init(value: 100, includesValue: true)),
    ] as [(String, ConfidenceRange.Bound?, ConfidenceRange.Bound?)])
    func confidenceRanges(query: String, lower: ConfidenceRange.Bound?, upper: ConfidenceRange.Bound?) throws {
        let filter = try #require(try QueueFilter(query: query))
        #expect(filter.confidence == ConfidenceRange(lower: lower, upper: upper))
        #expect(filter.words.isEmpty)
    }

    @Test func anEmptyQueryFiltersNothing() throws {
        #expect(try QueueFilter(query: "") == nil)
        #expect(try QueueFilter(query: " \t ") == nil)
    }

    @Test(arguments: [
        ("conf:abc", "is not a confidence range"), ("conf:0.5-0.2", "the lower bound comes first"), ("conf:<150", "0 to 1"),
        ("conf:", "is not a confidence range"), ("conf:<0.2 conf:>0.1", "only one conf:"), ("flow:", "needs one flow name"),
        ("flow:a flow:b", "needs one flow name"), ("conf:0.1-0.2-0.3", "is not a confidence range"),
        ("conf:<abc", "conf:<abc is not a confidence range"), ("conf:0.2-x", "conf:0.2-x is not a confidence range"),
    ])
    func badTermsAreRefusedWithTheGrammar(query: String, words: String) throws {
        do {
            _ = try QueueFilter(query: query)
            Issue.record("\(query) was accepted")
        } catch let JuryError.invalidInput(message) {
            #expect(message.contains(words), "\(message)")
        }
    }
}

/// 400 loops in two flows of ana's team: every fourth asks about a refund (the others about shipping),
/// confidence steps 0.0 to 0.7 by loop number; names are `t-000` to `t-399`.
@Suite struct QueueFilterLedgerTests {
    let queue: TestQueue
    let ledger: Ledger

    init() throws {
        queue = try TestQueue(flows: [TestQueue.classificationFlow(), TestQueue.classificationFlow(name: "claims")])
        for index in 0..<400 {
            let text = index % 4 == 0 ? "Where is my refund for order \(index)?" : "The parcel shipping took weeks"
            let input: JSONValue = ["text": .string(text), "prediction": ["label": "billing", "confidence": .number(Double(index % 8) / 10)]]
            let name = String(format: "t-%03d", index)
            try queue.directory.drop(HumanLoopRequest(name: name, flowName: index % 2 == 0 ? "tickets" : "claims", input: input))
        }
        _ = try Ingest(ledger: queue.ledger(), flows: queue.flows).run()
        ledger = try queue.ledger()
    }

    /// The names of the loops `query` keeps, the same whichever plan the page takes (matches named by
    /// id, or tested while the index is walked).
    private func names(_ query: String, order: ClaimOrder = .oldestFirst) throws -> [String] {
        let named = try ledger.queueEntries(reviewer: "ana", order: order, limit: 1_000, filter: QueueFilter(query: query)).map(\.loopName)
        let walked = try ledger.queueEntries(reviewer: "ana", flow: nil, order: order, limit: 1_000, after: nil, filter: QueueFilter(query: query),
                                             namedLoopsAtMost: 0).map(\.loopName)
        #expect(named == walked, "\(query)")
        return named
    }

    private func number(_ name: String) -> Int { Int(name.dropFirst(2))! }

    @Test func aWordMatchesAWordOfTheTaskTextWhateverItsCase() throws {
        let refunds = try names("refund")
        #expect(refunds.count == 100)
        #expect(refunds.allSatisfy { number($0) % 4 == 0 })
        #expect(try names("REFUND") == refunds)
        #expect(try names("refu").isEmpty)
        #expect(try names("shipping weeks").count == 300)
        #expect(try names("refund weeks").isEmpty)
        #expect(try names("order 16?") == ["t-016"])
    }

    @Test func aWordMatchesTheWordsOfTheLoopName() throws {
        #expect(try names("t-012") == ["t-012"])
        #expect(try names("012") == ["t-012"])
        #expect(try names("t-01").isEmpty)
    }

    @Test func flowAndConfidenceKeepTheirLoops() throws {
        let unsure = try ledger.queueEntries(reviewer: "ana", limit: 1_000, filter: QueueFilter(query: "conf:<0.3"))
        #expect(unsure.count == 150)
        #expect(unsure.allSatisfy { ($0.minimumConfidence ?? 100) < 30 })
        let combined = try ledger.queueEntries(reviewer: "ana", limit: 1_000, filter: QueueFilter(query: "refund flow:tickets conf:0.2-0.4"))
        #expect(combined.map(\.loopName) == (0..<400).filter { $0 % 8 == 4 }.map { String(format: "t-%03d", $0) })
        #expect(combined.allSatisfy { $0.flow == "tickets" && $0.minimumConfidence == 40 })
    }

    @Test(arguments: [ClaimOrder.oldestFirst, .lowestConfidenceFirst])
    func filteredPagesJoinIntoTheWholeFilteredList(order: ClaimOrder) throws {
        let filter = try QueueFilter(query: "refund conf:>=0.2")
        let whole = try ledger.queueEntries(reviewer: "ana", order: order, limit: 1_000, filter: filter)
        #expect(whole.count == 50)
        var paged: [QueueEntry] = []
        var position: QueuePosition?
        while true {
            let page = try ledger.queueEntries(reviewer: "ana", flow: nil, order: order, limit: 7, after: position, filter: filter,
                                               namedLoopsAtMost: paged.count % 2 == 0 ? 0 : 2_000)
            guard let last = page.last else { break }
            paged += page
            position = last.position
        }
        #expect(paged.map(\.loopName) == whole.map(\.loopName))
    }

    @Test func aHeldClaimLeadsThePageOnlyWhenTheFilterMatchesIt() throws {
        let held = try #require(try ledger.claim(reviewer: "ana"))
        #expect(held.loopName == "t-000")
        #expect(try names("refund").first == "t-000")
        #expect(try ledger.queueEntries(reviewer: "ana", limit: 1, filter: QueueFilter(query: "refund"))[0].leaseExpiresAt != nil)
        #expect(try ledger.queueEntries(reviewer: "ana", flow: nil, order: .oldestFirst, limit: 1, after: nil, filter: QueueFilter(query: "refund"),
                                        namedLoopsAtMost: 0)[0].leaseExpiresAt != nil)
        #expect(try !names("shipping").contains("t-000"))
    }

    @Test func deletedLoopsLeaveTheTextIndex() throws {
        _ = try ledger.stop(loop: "t-000", actor: "lead")
        try ledger.delete(loop: "t-000", actor: "lead")
        #expect(try !names("refund").contains("t-000"))
        let indexed = try ledger.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM loop_text") }
        #expect(indexed == 399)
    }

    @Test func aLoopMadeAfterTheNewestWasDeletedHasOnlyItsOwnWords() throws {
        _ = try ledger.stop(loop: "t-399", actor: "lead")
        try ledger.delete(loop: "t-399", actor: "lead")
        try queue.directory.drop(HumanLoopRequest(name: "t-400", flowName: "tickets", input: ["text": "A refund, please"]))
        _ = try Ingest(ledger: ledger, flows: queue.flows).run()
        #expect(try names("parcel").count == 299)
        #expect(try !names("parcel").contains("t-400"))
        #expect(try names("please") == ["t-400"])
    }

    @Test func migrationSevenRebuildsTheIndexOfAnOlderLedger() throws {
        try ledger.database.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE loop_text")
            try db.execute(sql: Ledger.schemaVersion6)
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '7-loop-text-written-at-admission'")
        }
        let migrated = try queue.ledger()
        let refunds = try migrated.queueEntries(reviewer: "ana", limit: 1_000, filter: QueueFilter(query: "refund")).map(\.loopName)
        #expect(refunds.count == 100)
        _ = try migrated.stop(loop: "t-000", actor: "lead")
        try migrated.delete(loop: "t-000", actor: "lead")
        #expect(try migrated.queueEntries(reviewer: "ana", limit: 1_000, filter: QueueFilter(query: "refund")).count == 99)
        let triggers = try migrated.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'loop_text%'")
        }
        #expect(triggers.isEmpty)
    }
}
