import Foundation
import Testing
@testable import JuryCore

@Suite struct QueuePagingTests {
    let queue: TestQueue
    let ledger: Ledger

    /// 23 loops in three admissions: 10 at confidence 0.5, 8 at 0.2 a minute later, 5 at 0.5 a
    /// minute after that; loops of one admission share their creation time, so only the row id
    /// orders them. Ana holds a claim on the oldest loop.
    init() throws {
        queue = try TestQueue()
        try queue.submit((0..<10).map { "a-\($0)" }, confidence: 0.5)
        queue.time.advance(by: 60)
        try queue.submit((0..<8).map { "b-\($0)" }, confidence: 0.2)
        queue.time.advance(by: 60)
        try queue.submit((0..<5).map { "c-\($0)" }, confidence: 0.5)
        ledger = try queue.ledger()
        _ = try ledger.claim(reviewer: "ana")
    }

    /// Pages of `size` for ana in `order`, each after the previous page's last open entry (from
    /// the start after a page of held entries only).
    func pages(_ order: ClaimOrder, size: Int) throws -> [[QueueEntry]] {
        var pages: [[QueueEntry]] = []
        var position: QueuePosition?
        repeat {
            let page = try ledger.queueEntries(reviewer: "ana", order: order, limit: size, after: position)
            guard !page.isEmpty else { break }
            pages.append(page)
            position = page.last { $0.leaseExpiresAt == nil }?.position ?? .beforeFirst
        } while pages.count < 100
        return pages
    }

    @Test(arguments: [ClaimOrder.oldestFirst, .lowestConfidenceFirst], [1, 4, 7])
    func pagesJoinIntoTheOneLongPage(order: ClaimOrder, size: Int) throws {
        let whole = try ledger.queueEntries(reviewer: "ana", order: order, limit: 1_000)
        #expect(whole.count == 23)
        #expect(whole.first?.leaseExpiresAt != nil)
        let paged = try pages(order, size: size)
        #expect(paged.joined().map(\.loopName) == whole.map(\.loopName))
        #expect(paged.dropFirst().allSatisfy { $0.allSatisfy { $0.leaseExpiresAt == nil } })
    }

    @Test func lowestConfidenceFirstPutsTheUnsureAdmissionFirstThenAge() throws {
        let names = try ledger.queueEntries(reviewer: "ana", order: .lowestConfidenceFirst, limit: 1_000).map(\.loopName)
        #expect(names.dropFirst().prefix(8).allSatisfy { $0.hasPrefix("b-") })
        #expect(names.suffix(5).allSatisfy { $0.hasPrefix("c-") })
        let oldest = try ledger.queueEntries(reviewer: "ana", order: .oldestFirst, limit: 1_000).map(\.loopName)
        #expect(oldest.dropFirst().prefix(9).allSatisfy { $0.hasPrefix("a-") })
    }

    @Test func aPageDeepInTheQueueStartsRightAfterItsPosition() throws {
        let whole = try ledger.queueEntries(reviewer: "ana", order: .oldestFirst, limit: 1_000)
        let page = try ledger.queueEntries(reviewer: "ana", order: .oldestFirst, limit: 3, after: whole[15].position)
        #expect(page.map(\.loopName) == whole[16..<19].map(\.loopName))
    }
}
