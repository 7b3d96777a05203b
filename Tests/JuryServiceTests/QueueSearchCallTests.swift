import Foundation
import JuryCore
import JuryJSON
import JuryService
import Testing

@Suite("Queue search and the reviewer's history, over the service")
struct QueueSearchCallTests {
    private static let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("queuePage with a filter returns the matching loops only; without one, every loop")
    func filteredPage() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(12)
        let client = queue.client("r1")
        let filter = try QueueFilter(query: "T-1")
        let names = try client.queueEntries(flow: nil, order: .oldestFirst, limit: 50, after: nil, filter: filter).map(\.loopName)
        #expect(names == ["t-1"])
        let words = try client.queueEntries(flow: nil, order: .oldestFirst, limit: 50, after: nil, filter: QueueFilter(query: "ticket 7"))
        #expect(words.map(\.loopName) == ["t-7"])
        #expect(try client.queueEntries(flow: nil, order: .oldestFirst, limit: 50, after: nil, filter: nil).count == 12)
    }

    @Test("a queuePage body without a filter (an older client's) still decodes, as no filter")
    func olderClientsBody() throws {
        let body = try JSONValue.parse(Data(#"{"queuePage": {"order": "oldest", "limit": 5}}"#.utf8))
        guard case .queuePage(_, _, 5, nil, nil) = try JSONValueDecoder().decode(ServiceCall.self, from: body) else {
            Issue.record("not decoded as a plain queue page")
            return
        }
    }

    @Test("reviewerHistory answers for the caller only, newest first, the limit kept to 1-500")
    func historyIsTheCallersOwn() throws {
        let time = ManualTime(Self.start)
        let queue = try ServiceQueue(taskCount: 2, time: time)
        defer { queue.remove() }
        try queue.startLoops(3)
        for reviewer in ["r1", "r2"] {
            let client = queue.client(reviewer)
            for _ in 0..<(reviewer == "r1" ? 3 : 1) {
                let claim = try #require(try client.claim(flow: nil, order: .oldestFirst))
                time.advance(by: 30)
                _ = try client.submit(loop: claim.loopName, answer: ServiceQueue.answer, timeSpentSeconds: nil)
            }
        }
        let mine = try queue.client("r1").reviewerHistory(since: Self.start, limit: 2)
        #expect(mine.entries.map(\.loopName) == ["t-2", "t-1"])
        #expect(mine.verdicts == 3 && mine.medianSeconds == 30)
        #expect(mine.entries.map(\.decision) == ["billing", "billing"])
        let theirs = try queue.client("r2").reviewerHistory(since: Self.start, limit: 0)
        #expect(theirs.entries.map(\.loopName) == ["t-0"])
        #expect(theirs.entries.first?.status == .completed && theirs.entries.first?.agreement == 1)
    }
}
