import ArgumentParser
import Foundation
import JuryCore
import JuryCanvas
import JuryService
import Prometheus

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Print the lead dashboard's figures (text, JSON, or Prometheus text format).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, prometheus }

    @OptionGroup var queue: QueueOptions
    @OptionGroup var identity: IdentityOptions
    @Flag(help: "Same as --format json.") var json = false
    @Option(help: "text, json, or prometheus (for a node-exporter textfile collector).") var format = Format.text

    func run() throws {
        let client = try queue.connect(as: identity)
        let statistics = try client.statistics(dayStart: Calendar.current.startOfDay(for: client.now))
        switch json ? .json : format {
        case .json: Console.printJSON(statistics.json)
        case .prometheus: print(PrometheusExposition.text(statistics), terminator: "")
        case .text: Console.say(lines: StatisticsText.lines(statistics))
        }
    }
}

/// The figures as Prometheus gauges, one family per figure, labelled by flow, state or reviewer.
enum PrometheusExposition {
    static func text(_ statistics: QueueStatistics) -> String {
        let registry = PrometheusCollectorRegistry()
        for flow in statistics.flows { flowGauges(flow, registry) }
        registry.gauge("jury_inbox_backlog_files", help: "Files in inbox/ not yet ingested").set(Double(statistics.inboxBacklog))
        registry.gauge("jury_rejected_files", help: "Files kept in rejected/").set(Double(statistics.rejectedFiles))
        for reviewer in statistics.reviewers { reviewerGauges(reviewer, registry) }
        for kind in [QueueStatistics.Alert.Kind.backlogGrowing, .lowAgreement, .slaAtRisk] {
            registry.gauge("jury_alerts", labels: [("kind", kind.rawValue)], help: "Alerts now active")
                .set(Double(statistics.alerts.filter { $0.kind == kind }.count))
        }
        return stableOrder(registry.emitToString())
    }

    /// `exposition` with its families sorted by name, each with its `# HELP` and `# TYPE` lines first
    /// and its samples sorted: the registry emits them in hash order, which changes between runs.
    static func stableOrder(_ exposition: String) -> String {
        var families: [String: (comments: [Substring], samples: [Substring])] = [:]
        for line in exposition.split(separator: "\n") {
            let isComment = line.hasPrefix("# ")
            let name = String((isComment ? line.dropFirst(7) : line).prefix { $0 != " " && $0 != "{" })
            if isComment { families[name, default: ([], [])].comments.append(line) } else { families[name, default: ([], [])].samples.append(line) }
        }
        let lines = families.keys.sorted().flatMap { name in
            families[name]!.comments.sorted { $0.hasPrefix("# HELP") && !$1.hasPrefix("# HELP") } + families[name]!.samples.sorted()
        }
        return lines.map { $0 + "\n" }.joined()
    }

    private static func flowGauges(_ flow: QueueStatistics.FlowFigures, _ registry: PrometheusCollectorRegistry) {
        // Flow names are checked on every way in; sanitised all the same, as every label from the ledger is.
        let name = Sanitizer.sanitize(flow.flow ?? "").description
        let states = [("unclaimed", flow.unclaimed), ("claimed", flow.claimed), ("Completed", flow.completed),
                      ("Failed", flow.failed), ("Stopping", flow.stopping), ("Stopped", flow.stopped)]
        for (state, count) in states {
            registry.gauge("jury_loops", labels: [("flow", name), ("state", state)], help: "Human loops by flow and state")
                .set(Double(count))
        }
        let figures: [(String, String, Double?)] = [
            ("jury_oldest_unclaimed_seconds", "Age of the oldest loop nobody has claimed", flow.oldestUnclaimedSeconds),
            ("jury_leases_ending_soon", "Claims whose lease ends within 10 minutes", Double(flow.leasesEndingSoon)),
            ("jury_lifetimes_ending_soon", "InProgress loops failing within 10 minutes", Double(flow.lifetimesEndingSoon)),
            ("jury_completions_last_hour", "Loops completed in the last hour", Double(flow.completionsLastHour)),
            ("jury_escalated_ratio", "Share of loops completed in 24 hours that escalated", flow.escalatedShare),
            ("jury_fleiss_kappa", "Fleiss' kappa over recent completed loops", flow.fleissKappa),
            ("jury_krippendorff_alpha", "Krippendorff's alpha over recent completed loops", flow.krippendorffAlpha),
        ]
        for (metric, help, value) in figures {
            guard let value else { continue }
            registry.gauge(metric, labels: [("flow", name)], help: help).set(value)
        }
    }

    private static func reviewerGauges(_ reviewer: QueueStatistics.ReviewerFigures, _ registry: PrometheusCollectorRegistry) {
        // A name from workforce.json may hold control characters; the exposition escapes only backslashes, quotes and newlines.
        let labels = [("reviewer", Sanitizer.sanitize(reviewer.reviewer).description)]
        registry.gauge("jury_reviewer_verdicts_today", labels: labels, help: "Verdicts since local midnight")
            .set(Double(reviewer.verdictsToday))
        registry.gauge("jury_reviewer_active_claims", labels: labels, help: "Claims held now").set(Double(reviewer.activeClaims))
        for (quantile, value) in [("0.5", reviewer.medianSeconds), ("0.9", reviewer.p90Seconds)] {
            guard let value else { continue }
            registry.gauge("jury_reviewer_task_seconds", labels: labels + [("quantile", quantile)],
                               help: "Seconds per task today").set(value)
        }
        if let agreement = reviewer.agreement {
            registry.gauge("jury_reviewer_agreement_ratio", labels: labels, help: "Share of recent verdicts matching the consensus")
                .set(agreement)
        }
    }
}

extension PrometheusCollectorRegistry {
    /// The gauge named exactly `name` (its unit is already part of it) with `labels`.
    func gauge(_ name: String, labels: [(String, String)] = [], help: String) -> Gauge {
        makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }
}

/// `jury stats` for people: one line per flow and reviewer, then the alerts (printed through the
/// sanitizer: reviewer names come from the workforce file).
enum StatisticsText {
    static func lines(_ statistics: QueueStatistics) -> [String] {
        let flows = (statistics.flows + [statistics.total]).map { flow in
            "\(flow.flow ?? "all"): \(flow.unclaimed) unclaimed, \(flow.claimed) claimed, \(flow.completed) completed, "
                + "\(flow.failed) failed, \(flow.stopped + flow.stopping) stopped; \(flow.completionsLastHour) completed in the last hour"
                + (flow.oldestUnclaimedSeconds.map { String(format: "; oldest unclaimed %.0f s", $0) } ?? "")
        }
        let reviewers = statistics.reviewers.map { reviewer in
            "\(reviewer.reviewer): \(reviewer.verdictsToday) today"
                + (reviewer.medianSeconds.map { String(format: ", median %.1f s", $0) } ?? "")
                + (reviewer.agreement.map { String(format: ", agreement %.0f %%", $0 * 100) } ?? "")
                + (reviewer.activeClaims > 0 ? ", active" : "")
        }
        return flows + ["inbox backlog \(statistics.inboxBacklog), rejected files \(statistics.rejectedFiles)"] + reviewers
            + statistics.alerts.map { "ALERT \($0.kind.rawValue): \($0.message)" }
    }
}
