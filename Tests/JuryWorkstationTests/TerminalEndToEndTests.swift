import Foundation
import GRDB
@testable import JuryCore
import JuryJSON
import JuryTestSupport
import Testing

/// The built `jury review` in a real terminal (tmux at 80x24, xterm-256color, C.UTF-8, UTC), driven by
/// `send-keys` and read by `capture-pane`; verdicts are then read back from the ledger and output files.
@Suite("tmux end to end", .serialized, .enabled(if: Tmux.isAvailable))
struct TerminalEndToEndTests {
    /// `jury review` going back to the queue after each verdict, as these scripts filter the queue between tasks.
    private func review(_ queue: QueueDirectory, as reviewer: String) -> [String] {
        [Tmux.jury, "review", "--queue", queue.root.path, "--reviewer", reviewer, "--no-advance"]
    }

    private func answers(_ queue: QueueDirectory, reviewer: String) throws -> [String: JSONValue] {
        let ledger = try Ledger(queue: queue)
        let rows = try ledger.database.read { db in
            try Row.fetchAll(db, sql: "SELECT loop.name, answer FROM verdict JOIN loop ON loop.id = loop_id WHERE reviewer = ?", arguments: [reviewer])
        }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, (try? JSONValue.parse($0["answer"] as String)) ?? .null) })
    }

    /// One task: claim the next (`n`), run `keys`, and wait for `done`.
    private func task(_ tmux: Tmux, screen: String, _ steps: [(keys: [String], wait: String)]) throws {
        try tmux.send("n")
        try tmux.wait(for: screen)
        for step in steps {
            for key in step.keys { try tmux.send(key) }
            try tmux.wait(for: step.wait)
        }
    }

    @Test("alice triages forms and images: approve, edit a field, mark missing, toggle labels, skip")
    func formsAndImages() throws {
        let queue = try Tmux.demoQueue("e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(review(queue, as: "alice"))
        try tmux.wait(for: "Jury · review queue")
        try tmux.send("o", "f")
        try tmux.wait(for: "Flow: invoices  ·  order: lowest confidence first")
        try task(tmux, screen: "Confidence", [(["a"], "Submitted")])
        try task(tmux, screen: "Confidence", [(["e", "C-u"], " Invoice"), (["INV-42", "Enter"], "[1 change]"), (["s"], "→ INV-42"), (["y"], "Submitted")])
        try task(tmux, screen: "Confidence", [(["m"], "(marked missing)"), (["s"], "marked missing"), (["y"], "Submitted")])
        try task(tmux, screen: "Confidence", [(["x"], "Skipped")])
        try tmux.send("f")
        try tmux.wait(for: "Flow: moderation")
        try task(tmux, screen: "Label (x = applies)", [(["Space"], "[ ]"), (["s"], "Label removed"), (["y"], "Submitted")])
        try task(tmux, screen: "Label (x = applies)", [(["j", "Space"], "[ ]"), (["s"], "Label removed"), (["y"], "Submitted")])
        try task(tmux, screen: "Label (x = applies)", [(["a"], "Submitted")])
        try task(tmux, screen: "Label (x = applies)", [(["x"], "Skipped")])
        let figures = try tmux.wait(for: "today 6")
        try tmux.send("q")
        try tmux.waitForExit()

        let stored = try answers(queue, reviewer: "alice")
        #expect(stored.count == 6, "\(figures)")
        let forms = stored.filter { $0.key.hasPrefix("inv") || $0.key.hasPrefix("rcpt") || $0.key.hasPrefix("w9") }
        let pairs = try forms.map { try Fixtures.formPairs($0.value, loop: $0.key) }
        #expect(pairs.contains { $0.contains { $0.value == "INV-42" } })
        #expect(forms.count == 3)
        let images = stored.filter { $0.key.hasPrefix("img") }
        let removed = images.filter { loop, answer in
            (answer["AWS/Rekognition/DetectModerationLabels/Image/V3"]?["moderationLabels"]?.arrayValue?.count ?? 0)
                < ModerationLabel.labels(in: Fixtures.admissions[loop]!.request.input["aiServiceResponse"]!).count
        }
        #expect(images.count == 3 && removed.count == 2)
        #expect(try Ledger(queue: queue).claims(of: "alice").isEmpty)
    }

    @Test("hiro triages LLM answers and tickets: approve, edit a paragraph, choose categories, skip; outputs are written")
    func textsAndTickets() throws {
        let queue = try Tmux.demoQueue("e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let ledger = try Ledger(queue: queue)
        for loop in ["llm-0001", "llm-0002", "llm-0003"] {
            _ = try ledger.claim(loop: loop, reviewer: "ines")
            try ledger.submit(loop: loop, reviewer: "ines", answer: ["freeText": ["decision": "edited", "text": "ok"]])
        }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(review(queue, as: "hiro"))
        try tmux.wait(for: "Jury · review queue")
        try tmux.send("f")
        try tmux.wait(for: "Flow: llm-answers")
        try task(tmux, screen: "Model output", [(["a"], "Submitted")])
        try task(tmux, screen: "Model output", [(["e", "C-u"], "¶1:"), (["Edited answer.", "Enter"], "[1 change]"), (["s"], "→ Edited answer."), (["y"], "Submitted")])
        try task(tmux, screen: "Model output", [(["j", "e", "End"], "¶2:"), ([" Checked.", "Enter"], "[1 change]"), (["s"], "¶2:"), (["y"], "Submitted")])
        try task(tmux, screen: "Model output", [(["x"], "Skipped")])
        try tmux.send("f")
        try tmux.wait(for: "Flow: tickets")
        try task(tmux, screen: "Model confidence", [(["3"], "● your pick"), (["s"], "Category:"), (["y"], "Submitted")])
        try task(tmux, screen: "Model confidence", [(["a"], "Submitted")])
        try task(tmux, screen: "Model confidence", [(["5"], "[1 change]"), (["c"], " Comment:"), (["unsure", "Enter"], "comment]"), (["s"], "Comment: unsure"), (["y"], "Submitted")])
        try task(tmux, screen: "Model confidence", [(["x"], "Skipped")])
        try tmux.wait(for: "today 6")
        try tmux.send("q")
        try tmux.waitForExit()

        let stored = try answers(queue, reviewer: "hiro")
        #expect(stored.count == 6)
        #expect(stored["llm-0001"]?["freeText"]?["decision"] == "approved")
        #expect(stored["llm-0002"]?["freeText"]?["text"]?.stringValue?.hasPrefix("Edited answer.") == true)
        #expect(stored["llm-0003"]?["freeText"]?["decision"] == "edited")
        let tickets = stored.filter { $0.key.hasPrefix("ticket") }.values
        #expect(tickets.contains { $0["category"]?["label"] == "refund" })
        #expect(tickets.contains { $0["category"]?["label"] == "other" && $0["comment"] == "unsure" })
        let outputs = try outputFiles(queue).filter { $0.contains("\"hiro\"") }
        #expect(outputs.count == 3, "the three LLM loops ines answered first are complete")
    }

    @Test("resizing mid-task re-lays out at once, down to the too-small message and back")
    func resize() throws {
        let queue = try Tmux.demoQueue("e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(review(queue, as: "alice"))
        try tmux.wait(for: "Jury · review queue")
        try tmux.send("f", "n")
        let wide = try tmux.wait(for: "s Submit…  …  ? Help")
        #expect(wide.contains("Confidence"))
        try tmux.resize(columns: 60, rows: 20)
        let narrow = try tmux.wait(for: "m Mark missing  …  ? Help")
        #expect(narrow.contains("Confidence"))
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 })
        try tmux.resize(columns: 50, rows: 12)
        try tmux.wait(for: "Terminal too small")
        try tmux.resize(columns: 80, rows: 24)
        try tmux.wait(for: "s Submit…  …  ? Help")
        try tmux.send("q")
        try tmux.wait(for: "Kept your claim")
        try tmux.send("q")
        try tmux.wait(for: "Quit anyway?")
        try tmux.send("y")
        try tmux.waitForExit()
    }

    @Test("kill -9 mid-edit: the restarted workstation offers the draft, restores the edit, submits it")
    func killMidEdit() throws {
        let queue = try Tmux.demoQueue("e2e")
        defer { try? FileManager.default.removeItem(at: queue.root) }
        let tmux = Tmux()
        defer { tmux.kill() }
        try tmux.start(review(queue, as: "alice"))
        try tmux.wait(for: "Jury · review queue")
        try tmux.send("f", "n")
        try tmux.wait(for: "Confidence")
        try tmux.send("e", "C-u")
        try tmux.send("half-typed", literal: true)
        try tmux.wait(for: "half-typed")
        // Drafts are saved off the key loop: the kill comes once the ledger holds the last keystroke's.
        var configuration = Configuration()
        configuration.readonly = true
        let ledger = try DatabaseQueue(path: queue.ledgerURL.path, configuration: configuration)
        var saved = false
        for _ in 0..<1_000 where !saved {
            saved = try ledger.read { db in try Data.fetchAll(db, sql: "SELECT body FROM draft") }
                .contains { String(decoding: $0, as: UTF8.self).contains("half-typed") }
            if !saved { usleep(30_000) }
        }
        #expect(saved, "the draft with the whole edit was saved")
        let pid = try tmux.panePID()
        #expect(Glibc.kill(pid, SIGKILL) == 0)
        try tmux.waitForExit()

        let again = Tmux()
        defer { again.kill() }
        try again.start(review(queue, as: "alice"))
        try again.wait(for: "You have an unsent verdict on")
        try again.send("y")
        try again.wait(for: ": half-typed")
        try again.send("Enter", "s")
        try again.wait(for: "→ half-typed")
        try again.send("y")
        try again.wait(for: "Submitted")
        try again.send("q")
        try again.waitForExit()
        let stored = try answers(queue, reviewer: "alice")
        let pairs = try stored.flatMap { try Fixtures.formPairs($0.value, loop: $0.key) }
        #expect(pairs.contains { $0.value == "half-typed" })
        let drafts = try Ledger(queue: queue).drafts(of: "alice")
        #expect(drafts.isEmpty)
    }

    private func outputFiles(_ queue: QueueDirectory) throws -> [String] {
        let files = FileManager.default.enumerator(at: queue.defaultOutputURL, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "json" }.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
    }
}
