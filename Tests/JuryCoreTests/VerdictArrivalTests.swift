import Foundation
import Testing
@testable import JuryCore

/// A verdict is judged as of when it arrived: its transaction waiting for the lock past the lease does
/// not refuse it.
@Suite struct VerdictArrivalTests {
    @Test("a verdict that arrived while its lease held is kept though it is stored after the lease ran out, on a loop being stopped")
    func aVerdictInTimeIsKeptWhenStoredLate() throws {
        for arrivedInTime in [true, false] {
            let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1, timeLimit: 60)])
            try queue.submit(["work"])
            let ledger = try queue.ledger()
            _ = try ledger.claim(loop: "work", reviewer: "ana")
            #expect(try ledger.stop(loop: "work", actor: "lead") == .stopping)
            queue.time.advance(by: 59)
            let arrival = Timestamp.milliseconds(queue.time.now)
            queue.time.advance(by: 2)
            let submission = VerdictSubmission(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"),
                                               arrivedAt: arrivedInTime ? arrival : nil)
            let result = try ledger.perform([.verdict(submission)])[0]
            if arrivedInTime {
                #expect(throws: Never.self) { try result.get() }
                #expect(try ledger.describe(loop: "work")["Jury"]?["Verdicts"] == 1)
            } else {
                // Arriving now, after the lease: the sweep ended the claim and the loop stopped first.
                #expect(throws: JuryError.invalidState("work is Stopped; it takes no more verdicts")) { try result.get() }
                #expect(try ledger.describe(loop: "work")["HumanLoopStatus"] == "Stopped")
            }
        }
    }

    @Test("each verdict of a transaction is judged as of its own arrival: a late one is not let in by an earlier one's")
    func eachVerdictIsJudgedAsOfItsOwnArrival() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1, timeLimit: 60)])
        try queue.submit(["early", "work"])
        let ledger = try queue.ledger()
        _ = try ledger.claim(loop: "early", reviewer: "ben")
        _ = try ledger.claim(loop: "work", reviewer: "ana")
        #expect(try ledger.stop(loop: "work", actor: "lead") == .stopping)
        queue.time.advance(by: 59)
        let inTime = Timestamp.milliseconds(queue.time.now)
        queue.time.advance(by: 2)
        let late = Timestamp.milliseconds(queue.time.now)
        let results = try ledger.perform([
            .verdict(VerdictSubmission(loop: "early", reviewer: "ben", answer: TestQueue.answer("billing"), arrivedAt: inTime)),
            .verdict(VerdictSubmission(loop: "work", reviewer: "ana", answer: TestQueue.answer("billing"), arrivedAt: late)),
        ])
        #expect(throws: Never.self) { try results[0].get() }
        #expect(throws: JuryError.invalidState("work is Stopped; it takes no more verdicts")) { try results[1].get() }
    }
}
