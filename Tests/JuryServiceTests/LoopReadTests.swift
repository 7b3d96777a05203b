import Foundation
import JuryCore
import JuryJSON
import JuryService
import Testing

/// The reads behind the workstation's verdict tools and the lead's find: who may read what.
@Suite("Reading a loop's verdicts and audit trail, over the service")
struct LoopReadTests {
    private static let other: JSONValue = ["category": ["label": "other"]]

    private func answer(_ queue: ServiceQueue, _ reviewer: String, _ answer: JSONValue = ServiceQueue.answer) throws {
        let client = queue.client(reviewer)
        _ = try client.claim(loop: "t-0")
        _ = try client.submit(loop: "t-0", answer: answer, timeSpentSeconds: 3)
    }

    @Test("a lead of the team reads every verdict, in order; a reviewer is refused with who may")
    func loopVerdicts() throws {
        let queue = try ServiceQueue(taskCount: 3)
        defer { queue.remove() }
        try queue.startLoops(1)
        try answer(queue, "r1")
        try answer(queue, "r2", Self.other)
        let read = try queue.client("lead").loopVerdicts(loop: "t-0")
        #expect(read.verdicts.map(\.reviewer) == ["r1", "r2"] && read.verdicts.map(\.answer) == [ServiceQueue.answer, Self.other])
        #expect(read.status == .inProgress && !read.awaitsLead)
        #expect(throws: JuryError.forbidden("only leads of team support may read the verdicts on t-0; r1 is not one")) {
            try queue.client("r1").loopVerdicts(loop: "t-0")
        }
        _ = try queue.client("lead").perform(.adjudicate, loop: "t-0", reviewer: nil)
        #expect(try queue.client("lead").loopVerdicts(loop: "t-0").awaitsLead)
    }

    @Test("a reviewer reads their own verdict alone; none given is not found")
    func ownVerdict() throws {
        let queue = try ServiceQueue(taskCount: 3)
        defer { queue.remove() }
        try queue.startLoops(1)
        try answer(queue, "r1")
        try answer(queue, "r2", Self.other)
        let own = try queue.client("r2").ownVerdict(loop: "t-0")
        #expect(own.verdicts.map(\.reviewer) == ["r2"] && own.verdicts.first?.answer == Self.other)
        #expect(throws: JuryError.notFound("r3 gave no verdict on t-0")) { try queue.client("r3").ownVerdict(loop: "t-0") }
        #expect(throws: JuryError.notFound("no human loop named t-9")) { try queue.client("r1").ownVerdict(loop: "t-9") }
    }

    @Test("a lead finds loops by the start of their names and reads one's trail; others are refused")
    func findAndTrail() throws {
        let queue = try ServiceQueue(taskCount: 2)
        defer { queue.remove() }
        try queue.startLoops(12)
        try answer(queue, "r1")
        _ = try queue.client("r2").claim(loop: "t-0")
        #expect(try queue.client("lead").findLoops(prefix: "t-1", limit: 10).map(\.name) == ["t-1", "t-10", "t-11"])
        #expect(try queue.client("lead").findLoops(prefix: "t-", limit: 2).map(\.name) == ["t-0", "t-1"])
        #expect(try queue.client("lead").findLoops(prefix: "x", limit: 10).isEmpty)
        #expect(throws: JuryError.forbidden("only leads may look loops up; r1 leads no team")) {
            try queue.client("r1").findLoops(prefix: "t", limit: 10)
        }
        let trail = try queue.client("lead").loopTrail(loop: "t-0")
        #expect(trail.verdicts == 1 && trail.taskCount == 2 && trail.team == "support" && trail.claims.map(\.reviewer) == ["r2"])
        #expect(trail.audit.map(\.action) == ["claim", "verdict", "claim"])
        #expect(trail.audit.map(\.actor).suffix(3) == ["r1", "r1", "r2"])
        #expect(throws: JuryError.forbidden("only leads of team support may read the audit trail of t-0; r1 is not one")) {
            try queue.client("r1").loopTrail(loop: "t-0")
        }
    }
}
