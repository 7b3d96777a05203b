import Foundation
import GRDB
import Testing
@testable import JuryCore
import JuryJSON

/// `recomputeConsensus` is a dry run unless asked to write; writing keeps the outputs it replaces.
@Suite struct ReaggregationTests {
    let queue: TestQueue
    let ledger: Ledger

    /// Three 2/1 loops where ana and ben agree against cy, and a 1/1/1 split.
    init() throws {
        queue = try TestQueue()
        try queue.submit(["a1", "a2", "a3", "split"])
        ledger = try queue.ledger(completion: ConsensusCompletion())
        for loop in ["a1", "a2", "a3"] {
            for (reviewer, label) in [("ana", "billing"), ("ben", "billing"), ("cy", "other")] { try answer(loop, reviewer, label) }
        }
        for (reviewer, label) in [("ana", "billing"), ("ben", "shipping"), ("cy", "other")] { try answer("split", reviewer, label) }
    }

    private func answer(_ loop: String, _ reviewer: String, _ label: String) throws {
        _ = try ledger.claim(loop: loop, reviewer: reviewer)
        try ledger.submit(loop: loop, reviewer: reviewer, answer: TestQueue.answer(label))
    }

    private func output(_ loop: String) throws -> URL { try #require(try ledger.writtenOutput(loop: loop)) }

    /// The loop's jury.json, where its consensus is.
    private func extras(_ loop: String) throws -> URL { Ledger.extrasURL(besideOutput: try output(loop)) }

    @Test func aDryRunSaysWhatWouldChangeAndWritesNothing() throws {
        let before = try Data(contentsOf: extras("a1"))
        let summary = try ledger.recomputeConsensus(flow: "tickets", method: .ds)
        #expect(!summary.written && summary.loops == 4 && summary.changes.count == 4)
        #expect(try Data(contentsOf: extras("a1")) == before)
        #expect(!FileManager.default.fileExists(atPath: try output("a1").deletingLastPathComponent().appending(path: "jury.v1.json").path))
    }

    @Test func writingKeepsThePreviousOutputAndIsAudited() throws {
        let before = try Data(contentsOf: extras("a1"))
        _ = try ledger.recomputeConsensus(flow: "tickets", method: .ds, writing: true, actor: "lead")
        let folder = try output("a1").deletingLastPathComponent()
        #expect(try Data(contentsOf: folder.appending(path: "jury.v1.json")) == before)
        #expect(try JSONValue.parse(Data(contentsOf: extras("a1")))["consensus"]?["method"] == "ds")
        let audit = try DatabaseQueue(path: queue.directory.ledgerURL.path).read { db in
            try Row.fetchAll(db, sql: "SELECT actor, detail FROM audit WHERE action = 'reaggregate' AND loop_name = 'a1'")
        }
        #expect(audit.map { $0["actor"] as String } == ["lead"])
        #expect((audit.first?["detail"] as String?)?.hasPrefix("billing 0.67 (mv) → billing") == true)
        let again = try ledger.recomputeConsensus(flow: "tickets", method: .ds, writing: true, actor: "lead")
        #expect(again.changes.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "jury.v2.json").path))
    }

    @Test func aRunKilledAfterItsCommitLosesNoConsensusAndOneKilledBeforeItLeavesNoDuplicate() throws {
        _ = try ledger.recomputeConsensus(flow: "tickets", method: .ds, writing: true, actor: "lead")
        let folder = try output("a1").deletingLastPathComponent()
        let mvBytes = try Data(contentsOf: folder.appending(path: "jury.v1.json"))
        // Killed after the commit of a ds run, before its outputs: the ledger holds ds, jury.json still mv.
        try mvBytes.write(to: extras("a1"))
        try DatabaseQueue(path: queue.directory.ledgerURL.path).write { db in
            try db.execute(sql: "UPDATE loop SET output_state = 'pending' WHERE name = 'a1'")
        }
        _ = try ledger.recomputeConsensus(flow: "tickets", method: .mv, writing: true, actor: "lead")
        let v2 = try JSONValue.parse(Data(contentsOf: folder.appending(path: "jury.v2.json")))
        #expect(v2["consensus"]?["method"] == "ds", "the consensus stored but not written was not kept")
        // Killed before the commit of a ds run: it kept jury.json (mv) as v3, and nothing else changed.
        try Data(contentsOf: extras("a1")).write(to: folder.appending(path: "jury.v3.json"))
        _ = try ledger.recomputeConsensus(flow: "tickets", method: .ds, writing: true, actor: "lead")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "jury.v4.json").path), "the same consensus was kept twice")
        #expect(try JSONValue.parse(Data(contentsOf: extras("a1")))["consensus"]?["method"] == "ds")
    }

    @Test func aSplitStaysUnresolvedWhateverTheMethodLearned() throws {
        let summary = try ledger.recomputeConsensus(flow: "tickets", method: .ds, writing: true, actor: "lead")
        let split = try #require(summary.changes.first { $0.loop == "split" }?.after)
        #expect(split.unresolved && split.reason == "tie" && split.value == nil && split.confidence <= 1.0 / 3 + 1e-6)
        let consensus = try TestQueue.consensus(besideOutput: output("split"))
        #expect(consensus?["unresolved"] == true && consensus?["value"] == nil)
    }

    @Test func aLoopALeadSettledKeepsItsConsensus() throws {
        try queue.submit(["settled"])
        _ = try ledger.claim(loop: "settled", reviewer: "ana")
        try ledger.sendToAdjudication(loop: "settled", actor: "lead")
        try answer("settled", "lead", "shipping")
        try ledger.submit(loop: "settled", reviewer: "ana", answer: TestQueue.answer("billing"))
        let before = try Data(contentsOf: output("settled"))
        let summary = try ledger.recomputeConsensus(flow: "tickets", method: .ds, writing: true, actor: "lead")
        #expect(summary.settledByLead == 1 && !summary.changes.contains { $0.loop == "settled" })
        #expect(try Data(contentsOf: output("settled")) == before)
    }
}
