import Foundation
import GRDB
import Testing
@testable import JuryCore

/// The processes that write one queue's ledger on one boot keep one timeline, whatever their wall clocks say.
@Suite struct QueueClockTests {
    private func storedAnchor(_ ledger: Ledger) throws -> (boot: String, nanoseconds: Int64) {
        let value = try #require(try ledger.setting(MonotonicTime.anchorSetting))
        let parts = value.split(separator: " ")
        return (String(parts[0]), try #require(Int64(parts[1])))
    }

    private func store(_ value: String, in ledger: Ledger) throws {
        try ledger.database.write { db in
            try db.execute(sql: "UPDATE setting SET value = ? WHERE key = ?", arguments: [value, MonotonicTime.anchorSetting])
        }
    }

    @Test("a writer opening later takes the anchor the first one stored on this boot, an hour behind its own clock")
    func laterWritersTakeTheFirstAnchor() throws {
        let queue = try TestQueue()
        _ = try Ledger(queue: queue.directory, time: MonotonicTime())
        let ledger = try queue.ledger()
        let (boot, anchor) = try storedAnchor(ledger)
        #expect(boot == String(try #require(MonotonicTime.bootIdentity())))
        try store("\(boot) \(anchor - 3_600_000_000_000)", in: ledger)
        let later = MonotonicTime()
        #expect(abs(later.now.timeIntervalSinceNow) < 5)
        _ = try Ledger(queue: queue.directory, time: later)
        #expect(abs(later.now.timeIntervalSinceNow + 3_600) < 5, "\(later.now)")
        #expect(try storedAnchor(ledger).nanoseconds == anchor - 3_600_000_000_000)
    }

    @Test("an anchor stored on another boot gives way to the first writer's of this boot")
    func anotherBootsAnchorIsReplaced() throws {
        let queue = try TestQueue()
        let ledger = try queue.ledger()
        _ = try Ledger(queue: queue.directory, time: MonotonicTime())
        try store("another-boot 0", in: ledger)
        let clock = MonotonicTime()
        _ = try Ledger(queue: queue.directory, time: clock)
        #expect(abs(clock.now.timeIntervalSinceNow) < 5)
        #expect(try storedAnchor(ledger).boot == String(try #require(MonotonicTime.bootIdentity())))
    }

    @Test("a new boot whose wall clock is behind the ledger's latest time starts its timeline after it, so older loops' drafts still show")
    func aNewBootStartsAfterTheLatestStoredTime() throws {
        let queue = try TestQueue()
        try queue.submit(["work"])
        let ledger = try queue.ledger()
        _ = try Ledger(queue: queue.directory, time: MonotonicTime())
        // The loop was made on a boot whose clock ran an hour ahead of this one's.
        let ahead = Int64((Date().timeIntervalSince1970 + 3_600) * 1000)
        try ledger.database.write { db in try db.execute(sql: "UPDATE loop SET created_at = ?", arguments: [ahead]) }
        try store("another-boot 0", in: ledger)
        let clock = MonotonicTime()
        let reopened = try Ledger(queue: queue.directory, time: clock)
        #expect(Timestamp.nearestMilliseconds(clock.now) > ahead)
        try reopened.saveDraft(StoredDraft(loop: "work", body: Data("{}".utf8)), reviewer: "ana")
        #expect(try reopened.drafts(of: "ana").map(\.loop) == ["work"])
    }

    @Test("a lease's expiry, a time still to come, does not move a new boot's timeline; nor does a damaged time far ahead")
    func futureTimesDoNotMoveANewBoot() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(timeLimit: 3_600)])
        try queue.submit(["work", "other"])
        let ledger = try queue.ledger()
        _ = try Ledger(queue: queue.directory, time: MonotonicTime())
        // Made now by the real clock, with a day to live (the test queue's clock is a manual one).
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try ledger.database.write { db in
            try db.execute(sql: "UPDATE loop SET created_at = ?, deadline = ? WHERE name = 'work'", arguments: [now, now + 86_400_000])
        }
        let claimer = try Ledger(queue: queue.directory, time: MonotonicTime())
        _ = try claimer.claim(loop: "work", reviewer: "ana")
        #expect(try ledger.database.read { db in try Int64.fetchOne(db, sql: "SELECT expires_at FROM claim") } ?? 0 > now + 3_000_000)
        let damaged = Int64.max / 2
        try ledger.database.write { db in try db.execute(sql: "UPDATE loop SET created_at = ? WHERE name = 'other'", arguments: [damaged]) }
        try store("another-boot 0", in: ledger)
        let reopened = MonotonicTime()
        _ = try Ledger(queue: queue.directory, time: reopened)
        #expect(abs(reopened.now.timeIntervalSinceNow) < 5, "\(reopened.now)")
    }
}
