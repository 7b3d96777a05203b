import Foundation
import JuryCore
import JuryService
import Synchronization
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    @Test("64 concurrent verdicts are all stored, in fewer transactions than verdicts")
    func concurrentVerdictsShareCommits() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(64)
        let clients = (1...64).map { queue.client("r\($0)") }
        let claims = try clients.map { try #require(try $0.claim(flow: nil, order: .oldestFirst)) }
        #expect(Set(claims.map(\.loopName)).count == 64)
        let before = queue.service.verdictCommits
        let receipts = Receipts()
        let group = DispatchGroup()
        for index in 0..<64 {
            group.enter()
            Thread.detachNewThread {
                receipts.add(Result { try clients[index].submit(loop: claims[index].loopName, answer: ServiceQueue.answer, timeSpentSeconds: 1) })
                group.leave()
            }
        }
        group.wait()
        let stored = receipts.all.compactMap { try? $0.get() }
        #expect(stored.count == 64 && stored.allSatisfy { $0.status == .completed && $0.output != nil })
        let commits = queue.service.verdictCommits - before
        #expect(commits >= 1 && commits < 64, "\(commits) transactions for 64 concurrent verdicts")
    }

    @Test("in one batch, a refused verdict leaves the others stored")
    func refusalInABatchIsItsOwn() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(2)
        let ledger = queue.service.ledger
        _ = try ledger.claim(loop: "t-0", reviewer: "r1")
        let results = try ledger.submit([
            VerdictSubmission(loop: "t-0", reviewer: "r1", answer: ServiceQueue.answer),
            VerdictSubmission(loop: "t-1", reviewer: "r2", answer: ServiceQueue.answer),
            VerdictSubmission(loop: "t-0", reviewer: "r1", answer: ["category": ["label": "shipping"]]),
        ])
        #expect((try? results[0].get())?.status == .completed)
        #expect(throws: JuryError.invalidState("r2 holds no claim on t-1; claim it first (`jury claim`)")) { try results[1].get() }
        #expect(throws: JuryError.conflict("r1 already gave a different verdict on t-0; a verdict cannot be changed")) { try results[2].get() }
    }
}

/// Results gathered from several threads.
final class Receipts: Sendable {
    private let results = Mutex<[Result<VerdictReceipt, any Error>]>([])
    func add(_ result: Result<VerdictReceipt, any Error>) { results.withLock { $0.append(result) } }
    var all: [Result<VerdictReceipt, any Error>] { results.withLock { $0 } }
}

@Suite("Outputs that cannot be written")
struct OutputFailureTests {
    @Test("a verdict whose output cannot be written is stored and says so; the next turn writes the output")
    func storedVerdictWithPendingOutput() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(1)
        let client = queue.client("r1")
        _ = try #require(try client.claim(flow: nil, order: .oldestFirst))
        let output = queue.directory.defaultOutputURL
        try FileManager.default.removeItem(at: output)
        try Data("not a folder".utf8).write(to: output)
        let receipt = try client.submit(loop: "t-0", answer: ServiceQueue.answer, timeSpentSeconds: 1)
        #expect(receipt.status == .completed && receipt.verdicts == 1 && receipt.output == nil)
        #expect(receipt.outputProblem?.isEmpty == false)
        #expect(try client.describe(loop: "t-0")["HumanLoopStatus"] == "Completed")

        try FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let written = try queue.service.ledger.writePendingOutputs()
        #expect(written.map(\.lastPathComponent) == ["output.json"])
        #expect(try queue.service.ledger.writtenOutput(loop: "t-0") == written.first)
    }
}

@Suite("Claims in group commits")
struct GroupCommitClaimTests {
    @Test("claims in one batch take distinct slots; a second claim of the same reviewer gets the first back; a refusal is its own")
    func claimsInOneBatch() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(3)
        let results = try queue.service.ledger.perform([
            .claimNext(reviewer: "r1", flow: nil, order: .oldestFirst),
            .claimNext(reviewer: "r2", flow: nil, order: .oldestFirst),
            .claimNext(reviewer: "stranger", flow: nil, order: .oldestFirst),
            .claimNext(reviewer: "r1", flow: nil, order: .oldestFirst),
            .verdict(VerdictSubmission(loop: "t-1", reviewer: "r2", answer: ServiceQueue.answer)),
            .claimNext(reviewer: "r2", flow: nil, order: .oldestFirst),
        ])
        let claimed = results.map { result -> String? in
            guard case .success(.claimed(let task)) = result else { return nil }
            return task?.loopName
        }
        #expect(claimed == ["t-0", "t-1", nil, "t-0", nil, "t-2"])
        #expect(throws: JuryError.forbidden("stranger is in no team of \(queue.directory.workforceURL.path); ask a lead to add them")) {
            try results[2].get()
        }
        guard case .success(.recorded(let receipt)) = results[4] else {
            Issue.record("the verdict was not recorded: \(results[4])")
            return
        }
        #expect(receipt.status == .completed)
    }

    @Test("64 reviewers claiming 32 single-slot loops at once: 32 get one loop each, no loop twice, 32 get nothing")
    func concurrentClaimsNeverDoubleAssign() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(32)
        let claims = Mutex<[String: String?]>([:])
        let group = DispatchGroup()
        for index in 1...64 {
            group.enter()
            Thread.detachNewThread {
                let task = try? queue.client("r\(index)").claim(flow: nil, order: .oldestFirst)
                claims.withLock { $0["r\(index)"] = .some(task?.loopName) }
                group.leave()
            }
        }
        group.wait()
        let all = claims.withLock { $0 }
        let loops = all.values.compactMap { $0 }
        #expect(all.count == 64)
        #expect(loops.count == 32 && Set(loops).count == 32)
    }
}

@Suite("Workforce changes")
struct WorkforceReloadTests {
    @Test("an edited workforce.json takes effect at the service's next turn; a broken one is reported once and the old one stays")
    func reloadsWithoutRestart() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        try queue.startLoops(1)
        let newcomer = queue.client("newcomer")
        #expect(throws: JuryError.forbidden("newcomer is in no team of \(queue.directory.workforceURL.path); ask a lead to add them")) {
            try newcomer.claim(flow: nil, order: .oldestFirst)
        }
        let team = Workforce.Team(name: "support", reviewers: ["newcomer"], leads: ["lead"])
        try Workforce(teams: [team]).json.encoded(pretty: true).write(to: queue.directory.workforceURL)
        let reports = Mutex<[String]>([])
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        #expect(reports.withLock { $0 }.isEmpty)
        #expect(try newcomer.claim(flow: nil, order: .oldestFirst)?.loopName == "t-0")

        try Data("{ not json".utf8).write(to: queue.directory.workforceURL)
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        ServiceMaintenance.turn(queue.service) { text in reports.withLock { $0.append(text) } }
        let reported = reports.withLock { $0 }
        #expect(reported.count == 1 && reported[0].hasPrefix("jury serve: the workforce in force stays: "))
        #expect(queue.service.ledger.workforce.teams(of: "newcomer") == ["support"])
    }
}
