import Foundation
import Testing

/// A strict reader of the Prometheus text exposition format (version 0.0.4): every line is a
/// `# HELP`, a `# TYPE` before its family's samples, or a sample `name{label="value",…} number`.
struct PrometheusText {
    struct Sample: Hashable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    private(set) var samples: [Sample] = []
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        guard text.hasSuffix("\n") else { throw FormatError(description: "the exposition must end with a newline") }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            do { try read(String(line)) } catch { throw FormatError(description: "line \(number + 1) \"\(line)\": \(error)") }
        }
    }

    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private mutating func read(_ line: String) throws {
        if line.hasPrefix("# HELP ") { return try checkName(String(line.dropFirst(7).prefix { $0 != " " })) }
        if line.hasPrefix("# TYPE ") {
            let parts = line.dropFirst(7).split(separator: " ")
            guard parts.count == 2, ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[1]) else {
                throw FormatError(description: "bad TYPE line")
            }
            try checkName(String(parts[0]))
            guard types[String(parts[0])] == nil else { throw FormatError(description: "TYPE given twice") }
            types[String(parts[0])] = String(parts[1])
            return
        }
        guard !line.hasPrefix("#"), !line.isEmpty else { throw FormatError(description: "unexpected comment or blank line") }
        samples.append(try sample(line))
    }

    private func sample(_ line: String) throws -> Sample {
        let name = String(line.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        try checkName(name)
        guard types[name] != nil else { throw FormatError(description: "sample before its TYPE") }
        var rest = line.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            guard let close = rest.firstIndex(of: "}") else { throw FormatError(description: "unclosed label set") }
            for pair in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[1].count >= 2, parts[1].first == "\"", parts[1].last == "\"" else {
                    throw FormatError(description: "bad label \(pair)")
                }
                try checkName(String(parts[0]))
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            rest = rest[rest.index(after: close)...]
        }
        guard rest.first == " ", let value = Double(rest.dropFirst()) else { throw FormatError(description: "bad value") }
        return Sample(name: name, labels: labels, value: value)
    }

    private func checkName(_ name: String) throws {
        guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw FormatError(description: "bad metric or label name \"\(name)\"")
        }
    }
}

extension CLI {
    @Suite struct StatsCommandTests {
        @Test func prometheusAndJSONReportTheLedgersFigures() async throws {
            let queue = try await CLIQueue(label: "stats")
            try queue.writeInbox(count: 5, prefix: "s")
            try await queue.run(["ingest"]).requireSuccess()
            let answer = try queue.answerFile()
            for reviewer in ["r1", "r2", "r3"] {
                try await queue.run(["answer", "--next", "--count", "2", "--answer", answer, "--reviewer", reviewer]).requireSuccess()
            }
            try await queue.run(["claim", "--reviewer", "r4"]).requireSuccess()
            try await queue.run(["claim", "--reviewer", "r5\u{1b}]52;c;eA==\u{07}"]).requireSuccess()

            let text = try await queue.run(["stats", "--format", "prometheus"]).requireSuccess().stdout
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "a control character reached the exposition: \(text.debugDescription)")
            let exposition = try PrometheusText(text)
            let claimants = exposition.samples.filter { $0.name == "jury_reviewer_active_claims" }.compactMap { $0.labels["reviewer"] }
            #expect(claimants.contains { $0.hasPrefix("r5") && $0.hasSuffix("52;c;eA==\u{2407}") }, "\(claimants)")
            let flow = CLIQueue.flow
            #expect(exposition.types["jury_loops"] == "gauge")
            #expect(exposition.value("jury_loops", ["flow": flow, "state": "Completed"]) == 2)
            #expect(exposition.value("jury_loops", ["flow": flow, "state": "claimed"]) == 1)
            #expect(exposition.value("jury_loops", ["flow": flow, "state": "unclaimed"]) == 2)
            #expect(exposition.value("jury_reviewer_verdicts_today", ["reviewer": "r2"]) == 2)
            #expect(exposition.value("jury_reviewer_active_claims", ["reviewer": "r4"]) == 1)
            #expect(exposition.value("jury_inbox_backlog_files", [:]) == 0)

            let json = try JSONSerialization.jsonObject(with: Data(try await queue.run(["stats", "--json"]).requireSuccess().stdout.utf8))
            let total = try #require((json as? [String: Any])?["total"] as? [String: Any])
            let loops = try #require(total["loops"] as? [String: Double])
            #expect(loops["Completed"] == 2 && loops["claimed"] == 1 && loops["unclaimed"] == 2)
        }

        @Test func prometheusLinesComeInTheSameOrderEveryRun() async throws {
            let queue = try await CLIQueue(label: "stats-order")
            defer { queue.remove() }
            try queue.writeInbox(count: 3, prefix: "o")
            try await queue.run(["ingest"]).requireSuccess()
            try await queue.run(["answer", "--next", "--count", "1", "--answer", try queue.answerFile(), "--reviewer", "r1"]).requireSuccess()
            let first = try await queue.run(["stats", "--format", "prometheus"]).requireSuccess().stdout
            let families = first.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
            #expect(families == families.sorted() && families.count > 5)
            _ = try PrometheusText(first)
            for _ in 0..<3 {
                let again = try await queue.run(["stats", "--format", "prometheus"]).requireSuccess().stdout
                #expect(Self.series(again) == Self.series(first))
            }
        }

        /// The exposition's lines without their values (ages change from run to run, the order must not).
        private static func series(_ exposition: String) -> [String] {
            exposition.split(separator: "\n").map { line in line.split(separator: " ").dropLast().joined(separator: " ") }
        }

        @Test func theStrictReaderRefusesMalformedExpositions() {
            #expect(throws: PrometheusText.FormatError.self) { try PrometheusText("x 1\n") }
            #expect(throws: PrometheusText.FormatError.self) { try PrometheusText("# TYPE x gauge\nx{a=b} 1\n") }
            #expect(throws: PrometheusText.FormatError.self) { try PrometheusText("# TYPE x gauge\nx 1") }
            #expect(throws: PrometheusText.FormatError.self) { try PrometheusText("# TYPE 1x gauge\n") }
        }
    }
}
