/// The dashboard's alerts, worked out from the figures alone.
enum StatisticsAlerts {
    /// A reviewer this far below the team's mean agreement stands out.
    static let agreementGap = 0.2

    static func alerts(for statistics: QueueStatistics) -> [QueueStatistics.Alert] {
        backlog(statistics) + agreement(statistics) + sla(statistics)
    }

    /// Depth rose over the last hour of samples: arrivals outpace completions.
    private static func backlog(_ statistics: QueueStatistics) -> [QueueStatistics.Alert] {
        let hourAgo = statistics.generatedAt - 3_600_000
        guard let past = statistics.history.last(where: { $0.at <= hourAgo }) ?? statistics.history.first,
            statistics.total.depth > past.depth
        else { return [] }
        let minutes = (statistics.generatedAt - past.at) / 60_000
        return [.init(kind: .backlogGrowing, subject: nil, message:
            "queue depth grew from \(past.depth) to \(statistics.total.depth) in \(minutes) min while \(loops(statistics.completedSince(past))) completed")]
    }

    private static func agreement(_ statistics: QueueStatistics) -> [QueueStatistics.Alert] {
        let values = statistics.reviewers.compactMap(\.agreement)
        guard values.count >= 2 else { return [] }
        let mean = values.reduce(0, +) / Double(values.count)
        return statistics.reviewers.compactMap { reviewer in
            guard let value = reviewer.agreement, value < mean - agreementGap else { return nil }
            return .init(kind: .lowAgreement, subject: reviewer.reviewer, message: "\(reviewer.reviewer) agrees with the consensus \(percent(value)), the team \(percent(mean))")
        }
    }

    private static func sla(_ statistics: QueueStatistics) -> [QueueStatistics.Alert] {
        statistics.flows.filter { $0.lifetimesEndingSoon > 0 }.map { flow in
            .init(kind: .slaAtRisk, subject: flow.flow, message:
                "\(loops(flow.lifetimesEndingSoon)) of \(flow.flow ?? "?") \(flow.lifetimesEndingSoon == 1 ? "fails" : "fail") within \(QueueStatistics.warningWindowSeconds / 60) min unless finished")
        }
    }

    /// "1 loop", "3 loops".
    private static func loops(_ count: Int) -> String { count == 1 ? "1 loop" : "\(count) loops" }

    private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded())) %" }
}

extension QueueStatistics {
    /// Loops completed between a history sample and now.
    func completedSince(_ sample: Sample) -> Int { max(0, total.completed - sample.completed) }
}
