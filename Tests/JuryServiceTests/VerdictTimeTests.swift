import Foundation
import JuryCore
import JuryService
import Testing

@Suite("A verdict's acceptance time and time spent, over the service")
struct VerdictTimeTests {
    private static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// The stored verdict of `loop` as output.json has it.
    private func humanAnswer(_ receipt: VerdictReceipt) throws -> JSONValue {
        let document = try JSONValue.parse(Data(contentsOf: #require(receipt.output)))
        return try #require(document["humanAnswers"]?[0])
    }

    @Test("a verdict after the lease ran out keeps the claim's time and the time really spent")
    func lateVerdict() throws {
        let time = ManualTime(Self.start)
        let queue = try ServiceQueue(time: time)
        defer { queue.remove() }
        try queue.startLoops(1)
        let claim = try #require(try queue.client("r1").claim(flow: nil, order: .oldestFirst))
        time.advance(by: 700)
        let answer = try humanAnswer(try queue.client("r1").submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: nil))
        #expect(answer["acceptanceTime"] == .string(Timestamp.iso8601(milliseconds: claim.claimedAt)))
        #expect(answer["timeSpentInSeconds"] == 700)
    }

    @Test("claimed again after the lease ran out, the task was accepted at the first claim")
    func reclaimedAfterTheLeaseRanOut() throws {
        let time = ManualTime(Self.start)
        let queue = try ServiceQueue(time: time)
        defer { queue.remove() }
        try queue.startLoops(1)
        let claim = try #require(try queue.client("r1").claim(flow: nil, order: .oldestFirst))
        time.advance(by: 700)
        _ = try queue.client("r1").claim(loop: "t-0")
        time.advance(by: 5)
        let answer = try humanAnswer(try queue.client("r1").submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: nil))
        #expect(answer["acceptanceTime"] == .string(Timestamp.iso8601(milliseconds: claim.claimedAt)))
        #expect(answer["timeSpentInSeconds"] == 705)
    }
}
