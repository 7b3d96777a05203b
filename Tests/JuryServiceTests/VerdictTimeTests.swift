import Foundation
import JuryCore
import JuryJSON
import JuryService
import Testing

@Suite("A verdict's acceptance time and time spent, over the service")
struct VerdictTimeTests {
    private static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// Claims t-0 as r1, lets 700 s pass (the lease is 600 s), claims it again when `reclaiming`, then 5 s
    /// later submits: the claim's time and the verdict as output.json has it.
    private func lateVerdict(reclaiming: Bool) throws -> (claimedAt: Int64, answer: JSONValue) {
        let time = ManualTime(Self.start)
        let queue = try ServiceQueue(time: time)
        defer { queue.remove() }
        try queue.startLoops(1)
        let client = queue.client("r1")
        let claim = try #require(try client.claim(flow: nil, order: .oldestFirst))
        time.advance(by: 700)
        if reclaiming { _ = try client.claim(loop: "t-0") }
        time.advance(by: 5)
        let receipt = try client.submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: nil)
        let document = try JSONValue.parse(Data(contentsOf: #require(receipt.output)))
        return (claim.claimedAt, try #require(document["humanAnswers"]?[0]))
    }

    @Test("a verdict after the lease ran out keeps the claim's time and the time really spent")
    func lateVerdict() throws {
        let (claimedAt, answer) = try lateVerdict(reclaiming: false)
        #expect(answer["acceptanceTime"] == .string(Timestamp.iso8601(milliseconds: claimedAt)))
        #expect(answer["timeSpentInSeconds"] == 705)
    }

    @Test("a client's time spent may lower the service's measure since the claim, never raise it")
    func clientTimeSpentIsBoundedByTheClaim() throws {
        let time = ManualTime(Self.start)
        let queue = try ServiceQueue(taskCount: 2, time: time)
        defer { queue.remove() }
        try queue.startLoops(1)
        var spent: [JSONValue] = []
        for (reviewer, given) in [("r1", 1e300), ("r2", 3.0)] {
            let client = queue.client(reviewer)
            _ = try #require(try client.claim(flow: nil, order: .oldestFirst))
            time.advance(by: 10)
            let receipt = try client.submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: given)
            if let output = receipt.output {
                spent = try #require(JSONValue.parse(Data(contentsOf: output))["humanAnswers"]?.arrayValue).compactMap { $0["timeSpentInSeconds"] }
            }
        }
        #expect(spent == [10, 3])
    }

    @Test("claimed again after the lease ran out, the task was accepted at the first claim")
    func reclaimedAfterTheLeaseRanOut() throws {
        let (claimedAt, answer) = try lateVerdict(reclaiming: true)
        #expect(answer["acceptanceTime"] == .string(Timestamp.iso8601(milliseconds: claimedAt)))
        #expect(answer["timeSpentInSeconds"] == 705)
    }
}
