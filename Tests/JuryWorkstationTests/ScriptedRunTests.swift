import Foundation
@testable import JuryCore
import JuryCanvas
import Testing
@testable import JuryWorkstation

/// The real runtime against a real (temporary) demo queue, driven by a scripted terminal and a manual
/// clock: a reviewer who reads each screen before the next key (`typesAhead: false`).
@Suite("Scripted runs")
struct ScriptedRunTests {
    private func runtime(_ queue: DemoQueue, reviewer: String, terminal: ScriptedTerminal, advances: Bool = true) throws -> WorkstationRuntime {
        let client = try queue.client(reviewer)
        var state = WorkstationState(reviewer: reviewer, size: terminal.size, now: 0, flows: try client.profile().flows)
        state.advances = advances
        return WorkstationRuntime(state: state, terminal: terminal, client: client)
    }

    @Test("approve, skip, edit and submit: verdicts land in the ledger, the skipped loop is free again")
    func triage() throws {
        let queue = try DemoQueue()
        defer { queue.remove() }
        let terminal = ScriptedTerminal(size: Size(rows: 24, columns: 80), typesAhead: false)
        let run = try runtime(queue, reviewer: "alice", terminal: terminal, advances: false)
        run.start()
        #expect(terminal.lastCanvas?.textDump().contains("img-0001-mountain-landscape") == true)
        terminal.enqueue(keys("nanx").map(TerminalEvent.key))
        terminal.enqueue(keys("fne").map(TerminalEvent.key) + [.key(.ctrl("u"))] + keys("INV-1⏎sy").map(TerminalEvent.key))
        run.run(idleLimit: 1)
        #expect(try queue.answers("img-0001-mountain-landscape")["alice"]
            == ["AWS/Rekognition/DetectModerationLabels/Image/V3": ["moderationLabels": []]])
        #expect(try queue.answers("img-0002-birthday-cake").isEmpty)
        #expect(try queue.ledger.claims(of: "alice").isEmpty)
        let pairs = try Fixtures.formPairs(try queue.answers("inv-0001-acme-industrial")["alice"], loop: "inv-0001-acme-industrial")
        #expect(pairs.first { $0.key == "Invoice Number" }?.value == "INV-1")
        #expect(run.state.day?.verdicts == 2)
        #expect(terminal.lastCanvas?.textDump().contains("Submitted inv-0001-acme-industrial") == true)
    }

    @Test("one key per verdict: after a, the next task opens by itself; a skipped task does not come back while others wait")
    func advancing() throws {
        let queue = try DemoQueue()
        defer { queue.remove() }
        let terminal = ScriptedTerminal(size: Size(rows: 24, columns: 80), keys: keys("naax"), typesAhead: false)
        let run = try runtime(queue, reviewer: "alice", terminal: terminal)
        run.start()
        run.run(idleLimit: 1)
        #expect(try queue.answers("img-0001-mountain-landscape")["alice"] != nil)
        #expect(try queue.answers("img-0002-birthday-cake")["alice"] != nil)
        #expect(try queue.answers("img-0003-beach-volleyball").isEmpty)
        #expect(run.state.task?.claim.loopName == "img-0004-explicit-upload")
        terminal.enqueue(keys("xxq").map(TerminalEvent.key))
        run.run(idleLimit: 1)
        #expect(run.state.skipped == ["img-0003-beach-volleyball", "img-0004-explicit-upload", "img-0005-hunting-trip"])
        #expect(run.state.task?.claim.loopName == nil)
        terminal.enqueue(keys("n").map(TerminalEvent.key))
        run.run(idleLimit: 1)
        #expect(run.state.task?.claim.loopName == "img-0006-street-fight")
    }

    @Test("a second verdict key typed before the next task showed does not answer that task")
    func verdictKeyTypedAheadIsDropped() throws {
        let queue = try DemoQueue()
        defer { queue.remove() }
        let terminal = ScriptedTerminal(size: Size(rows: 24, columns: 80), keys: keys("n"))
        let run = try runtime(queue, reviewer: "alice", terminal: terminal)
        run.start()
        run.run(idleLimit: 1)
        #expect(run.state.task?.claim.loopName == "img-0001-mountain-landscape")
        terminal.enqueue(keys("aa").map(TerminalEvent.key))
        run.run(idleLimit: 1)
        #expect(try queue.answers("img-0001-mountain-landscape")["alice"] != nil)
        #expect(try queue.answers("img-0002-birthday-cake").isEmpty, "the second a was typed before img-0002 showed")
        #expect(run.state.task?.claim.loopName == "img-0002-birthday-cake")
    }

    @Test("a crash mid-edit leaves a draft that the next start offers and restores, then deletes on submit")
    func draftSurvivesCrash() throws {
        let queue = try DemoQueue()
        defer { queue.remove() }
        let first = ScriptedTerminal(size: Size(rows: 24, columns: 80), keys: keys("fn") + keys("j") + keys("e") + [.ctrl("u")] + keys("12"), typesAhead: false)
        let crashed = try runtime(queue, reviewer: "alice", terminal: first)
        crashed.start()
        crashed.run(idleLimit: 1)
        let draft = try #require(try queue.drafts("alice").first { $0.loopName == "inv-0001-acme-industrial" })
        #expect(draft.editing?.text == "12")

        queue.time.advance(by: 30)
        let second = ScriptedTerminal(size: Size(rows: 24, columns: 80), typesAhead: false)
        let restarted = try runtime(queue, reviewer: "alice", terminal: second)
        restarted.start()
        #expect(second.lastCanvas?.textDump().contains("You have an unsent verdict on inv-0001-acme-industrial") == true)
        second.enqueue(keys("y").map(TerminalEvent.key))
        restarted.run(idleLimit: 1)
        #expect(restarted.state.task?.editing?.editor.text == "12")
        #expect(restarted.state.message?.text.hasPrefix("Draft restored") == true)
        #expect(second.lastCanvas?.textDump().contains(" Invoice Date: 12") == true)
        second.enqueue(keys("⏎sy").map(TerminalEvent.key))
        restarted.run(idleLimit: 1)
        let pairs = try Fixtures.formPairs(try queue.answers("inv-0001-acme-industrial")["alice"], loop: "inv-0001-acme-industrial")
        #expect(pairs.first { $0.key == "Invoice Date" }?.value == "12")
        #expect(try queue.drafts("alice").isEmpty)
    }

    @Test("the lease countdown warns under a minute and says when it ended; resize re-lays out at once")
    func leaseAndResize() throws {
        let queue = try DemoQueue()
        defer { queue.remove() }
        let terminal = ScriptedTerminal(size: Size(rows: 24, columns: 80), keys: keys("ffn"), typesAhead: false)
        let run = try runtime(queue, reviewer: "hiro", terminal: terminal)
        run.start()
        run.run(idleLimit: 1)
        queue.time.advance(by: 300 - 30)
        run.send(.tick(Timestamp.milliseconds(queue.time.now)))
        #expect(terminal.lastCanvas?.textDump().contains("Lease ends in 0:30") == true)
        queue.time.advance(by: 31)
        run.send(.tick(Timestamp.milliseconds(queue.time.now)))
        #expect(terminal.lastCanvas?.textDump().contains("Lease ended") == true)
        terminal.enqueue([.resize(Size(rows: 20, columns: 60)), .resize(Size(rows: 12, columns: 40))])
        run.run(idleLimit: 1)
        #expect(terminal.presented.suffix(2).map(\.size) == [Size(rows: 20, columns: 60), Size(rows: 12, columns: 40)])
        #expect(terminal.lastCanvas?.textDump().contains("Terminal too small") == true)
    }
}

/// The workstation's form answers pass the engine's checks for every demo document, edited or not.
@Suite struct FormAnswerValidationTests {
    @Test func everyDemoFormAnswerValidatesWithTextractsIds() throws {
        let forms = Fixtures.admissions.filter { $0.value.flow.taskType == .documentForm }
        #expect(forms.count == 18)
        for (loop, admission) in forms.sorted(by: { $0.key < $1.key }) {
            let content = Fixtures.content(loop)
            var verdict = Verdict()
            let first = try #require(content.formFields.first)
            verdict.fields[first.id] = .value("INV-42")
            for answer in [Verdict().answer(for: content), verdict.answer(for: content)] {
                let pairs = try ReviewAnswer(submitted: try #require(answer), for: admission.flow, input: admission.request.input).formPairs
                #expect(pairs.allSatisfy { $0.isFromTextract }, "\(loop)")
            }
        }
    }
}
