import ArgumentParser
import Foundation
import JuryConsensus
import JuryCore
import JuryCanvas
import JuryService

extension AggregationMethod: ExpressibleByArgument {}

struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Aggregate verdicts into a consensus: from Crowd-Kit-style CSV, or for a flow's completed loops.",
        discussion: """
            With --answers (CSV with worker,task,label columns) it prints each task's consensus label as CSV \
            (with why an item is unresolved), or, with --gold (task,label), the accuracy and the unresolved items. \
            With --queue and --flow it recomputes the consensus of every Completed loop of the flow and prints \
            what would change; --write writes a new jury.json (where Jury keeps a loop's consensus, beside \
            output.json) for each loop that changes (the previous one is kept as jury.vN.json, and the audit log \
            records it). \
            Methods: \(AggregationMethod.allCases.map(\.rawValue).joined(separator: ", ")).
            """)

    @Option(help: "Crowd-Kit CSV of answers: worker,task,label.") var answers: String?
    @Option(help: "CSV of true labels: task,label.") var gold: String?
    @Option(help: "The aggregation method.") var method = AggregationMethod.mv
    @Flag(help: "Settle ties by label order instead of reporting them unresolved.") var breakTies = false
    @Option(help: "ebcc: seeded starts; the one with the highest evidence lower bound is kept.")
    var starts = BayesianCombinationOptions().starts
    @Option(help: "ebcc: seed of the starts (the same seed and answers give the same consensus).")
    var seed = BayesianCombinationOptions().seed
    @Option(help: "With --queue: the flow whose loops to recompute.") var flow: String?
    @Flag(help: "With --flow: write the new outputs (default: only show what would change).") var write = false
    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if (answers == nil) == (flow == nil) { throw ValidationError("give either --answers FILE or --flow FLOW (with --queue)") }
        if gold != nil && answers == nil { throw ValidationError("--gold goes with --answers") }
        if write && flow == nil { throw ValidationError("--write goes with --flow") }
        if starts < 1 { throw ValidationError("--starts must be at least 1") }
    }

    func run() throws {
        if let answers { try aggregateFile(answers) } else { try recompute(flow!) }
    }

    private func aggregateFile(_ path: String) throws {
        let rows = try CrowdCSV.rows(path, columns: ["worker", "task", "label"])
        let bayesian = BayesianCombinationOptions(starts: starts, seed: seed)
        let result = Aggregator(options: AggregationOptions(tieBreaker: breakTies ? .labelOrder : .unresolved, bayesian: bayesian))
            .aggregate(rows.map { Answer(worker: $0[0], task: $0[1], label: $0[2]) }, method: method)
        let unresolved = result.items.filter { $0.unresolved != nil }
        var json: [String: JSONValue] = [
            "method": .string(method.rawValue), "items": .number(Double(result.items.count)), "unresolved": .number(Double(unresolved.count)),
            "unresolvedTasks": .array(unresolved.map { .string($0.task) }),
            "labels": .array(result.items.map {
                ["task": .string($0.task), "label": .string($0.label), "confidence": .number($0.confidence),
                 "unresolved": $0.unresolved.map { .string($0.rawValue) } ?? .null]
            }),
        ]
        guard let gold else {
            let lines = ["task,label,confidence,unresolved"] + result.items.map {
                CSVFile.line([$0.task, $0.label, String(format: "%.6f", $0.confidence), $0.unresolved?.rawValue ?? ""])
            }
            return output.emit(.object(json), text: lines.joined(separator: "\n"))
        }
        let truth = Dictionary(try CrowdCSV.rows(gold, columns: ["task", "label"]).map { ($0[0], $0[1]) }, uniquingKeysWith: { first, _ in first })
        let accuracy = result.accuracy(gold: truth)
        json["accuracy"] = .number(accuracy.accuracy)
        json["correct"] = .number(Double(accuracy.correct))
        json["gold"] = .number(Double(accuracy.total))
        let listed = unresolved.isEmpty ? "" : ": " + unresolved.map { CSVFile.line([$0.task]) }.joined(separator: ", ")
        output.emit(.object(json), text: String(
            format: "%@: accuracy %.2f %% (%d of %d gold items), %d of %d items unresolved", method.rawValue,
            accuracy.accuracy * 100, accuracy.correct, accuracy.total, unresolved.count, result.items.count) + listed)
    }

    private func recompute(_ flow: String) throws {
        let summary = try queue.connect(as: identity).recomputeConsensus(flow: flow, method: method.rawValue, write: write)
        var json = try JSONValueEncoder().encode(summary).objectValue ?? [:]
        json["flow"] = .string(flow)
        output.emit(.object(json), text: Self.report(summary, flow: flow))
    }

    /// The recomputation in words: one line per loop that changes, then what was (or would be) written.
    static func report(_ summary: ConsensusRecomputation, flow: String) -> String {
        let agreement = [("Fleiss' kappa", summary.fleissKappa), ("Krippendorff's alpha", summary.krippendorffAlpha)]
            .compactMap { name, value in value.map { String(format: "%@ %.3f", name, $0) } }
        let verb = summary.written ? "changed" : "would change"
        let settled = summary.settledByLead == 0 ? "" : " (\(summary.settledByLead) settled by a lead keep their consensus)"
        let head = "\(flow) with \(summary.method): \(summary.changes.count) of \(summary.loops) completed loops \(verb)\(settled)"
            + (agreement.isEmpty ? "" : "; " + agreement.joined(separator: ", "))
        let tail = summary.written
            ? "wrote \(summary.changes.count) new consensus files (jury.json); the ones they replace are kept as jury.vN.json beside them"
            : "dry run: nothing was written; add --write to write the new outputs"
        return ([head] + summary.changes.map { "  \($0.loop): \($0.description)" } + [tail]).joined(separator: "\n")
    }
}

/// Reads CSV files whose header names the columns Jury needs, in any order.
enum CrowdCSV {
    /// The named columns of every row after the header.
    /// - Throws: `ValidationError` naming the file and the missing column, the record that is short, or
    ///   the line the CSV breaks on.
    static func rows(_ path: String, columns: [String]) throws -> [[String]] {
        let records: [CSVFile.Record]
        do {
            records = try CSVFile.records(Data(contentsOf: URL(filePath: path)))
        } catch let error as CSVError {
            throw ValidationError("\(path) \(error)")
        } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
        let header = records.first?.fields ?? []
        let indices = try columns.map { name in
            guard let index = header.firstIndex(of: name) else {
                throw ValidationError("\(path) has no \(name) column (header: \(Sanitizer.sanitize(header.joined(separator: ","))))")
            }
            return index
        }
        return try records.dropFirst().map { record in
            guard indices.allSatisfy({ $0 < record.fields.count }) else {
                throw ValidationError("\(path) line \(record.line) has too few columns")
            }
            return indices.map { record.fields[$0] }
        }
    }
}
