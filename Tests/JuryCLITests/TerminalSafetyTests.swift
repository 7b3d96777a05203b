import Foundation
import JuryJSON
import Testing

extension CLI {
    /// What commands print from task data: a newline inside data cannot start a line of its own, and
    /// `--json` escapes what a terminal would act on or hide while keeping the value.
    @Suite struct TerminalSafetyTests {
        /// A moderation label name (producer data that activation reasons quote) holding a newline, a bidi
        /// override, a C1 CSI, tag characters, a joiner between Latin letters and a run of variation selectors.
        static let hostileLabel = "Violence\n  HumanLoopStatus: Completed \u{202E}gpj.exe\u{9B}31m\u{E0049}\u{E0047} O\u{200D}K x\u{E0100}\u{E0101}"

        /// Writes the shipped moderation flow (its team made `demo`) and submits a response whose one label is `hostileLabel`;
        /// returns what `jury submit` printed.
        private func submitHostileLabel(_ queue: CLIQueue) async throws -> String {
            let fixture = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../fixtures/demo/flows/moderation.json")
            let flow = String(decoding: try Data(contentsOf: fixture), as: UTF8.self).replacingOccurrences(of: "/trust-safety", with: "/demo")
            try Data(flow.utf8).write(to: queue.root.appending(path: "flows/moderation.json"))
            let response = queue.scratch.appending(path: "response.json")
            try JSONSerialization.data(withJSONObject: ["ModerationLabels": [["Name": Self.hostileLabel, "Confidence": 75, "ParentName": ""]]])
                .write(to: response)
            return try await queue.run(["submit", "--flow", "moderation", "--name", "hostile", response.path]).requireSuccess().stdout
        }

        /// `text` has no raw bidi control, C1 control, tag character, joiner or variation selector.
        private func expectNoHiddenScalars(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(!text.unicodeScalars.contains { [0x202E, 0x9B, 0x200D].contains($0.value) || $0.value >= 0xE0000 }, "\(text)",
                    sourceLocation: sourceLocation)
        }

        @Test("submit and describe show a newline in data as ␤ and name the bidi control, the C1 CSI and the tag characters")
        func dataStaysOnItsLine() async throws {
            let queue = try await CLIQueue(label: "safety-describe")
            defer { queue.remove() }
            let shown = "Violence\u{2424}  HumanLoopStatus: Completed \u{27E8}RLO\u{27E9}gpj.exe\u{241B}[31m\u{27E8}TAG IG\u{27E9}"
                + " O\u{27E8}ZWJ\u{27E9}K x\u{27E8}2 variation selectors\u{27E9}"
            let submitted = try await submitHostileLabel(queue)
            #expect(submitted.contains(shown), "\(submitted)")
            #expect(!submitted.split(separator: "\n").contains { $0.hasPrefix("  HumanLoopStatus") }, "a data newline started a line: \(submitted)")
            expectNoHiddenScalars(submitted)
            let text = try await queue.run(["describe", "hostile"]).requireSuccess().stdout
            let statusLines = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("HumanLoopStatus") }
            #expect(statusLines == ["HumanLoopStatus: InProgress"], "a data newline started a line: \(text)")
            #expect(text.contains(shown), "\(text)")
            expectNoHiddenScalars(text)
        }

        @Test("describe --json escapes the C1 control, the bidi override and the tag characters and keeps the value")
        func jsonEscapesWhatATerminalWouldActOn() async throws {
            let queue = try await CLIQueue(label: "safety-json")
            defer { queue.remove() }
            _ = try await submitHostileLabel(queue)
            let json = try await queue.run(["describe", "hostile", "--json"]).requireSuccess().stdout
            expectNoHiddenScalars(json)
            #expect(json.contains(#"\u202egpj.exe\u009b31m\udb40\udc49\udb40\udc47 O\u200dK x\udb40\udd00\udb40\udd01"#), "\(json)")
            let conditions = try JSONPath.parse("$.Jury.HumanTaskActivationConditionResults.Conditions[0].Or[0].JuryReason")
                .values(in: try JSONValue.parse(Data(json.utf8)))
            #expect(conditions.count == 1 && conditions[0].stringValue?.hasPrefix(Self.hostileLabel) == true, "\(json)")
        }

        @Test("ingest names a rejected file whose name holds a newline and an escape on one line")
        func ingestReasonsStayOnTheirLine() async throws {
            let queue = try await CLIQueue(label: "safety-ingest")
            defer { queue.remove() }
            try queue.dropRaw(Data("not json".utf8), as: "bad\nrejected ok.json: forged\u{1B}[2J.json")
            let run = try await queue.run(["ingest"]).requireSuccess()
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.count == 2, "\(run)")
            #expect(lines.last?.hasPrefix("  rejected bad\u{2424}rejected ok.json: forged\u{241B}[2J.json") == true, "\(run)")
            #expect(!run.stdout.contains("\u{1B}"), "\(run)")
        }
    }
}
