import JuryJSON

extension QueueStatistics {
    /// The figures as `jury stats --json` prints them (times ISO 8601, durations in seconds).
    public var json: JSONValue {
        [
            "generatedAt": .string(Timestamp.iso8601(milliseconds: generatedAt)),
            "total": total.json, "flows": .array(flows.map(\.json)),
            "inboxBacklog": .number(Double(inboxBacklog)), "rejectedFiles": .number(Double(rejectedFiles)),
            "history": .array(history.map { ["at": .string(Timestamp.iso8601(milliseconds: $0.at)), "depth": .number(Double($0.depth)),
                                             "completed": .number(Double($0.completed))] }),
            "reviewers": .array(reviewers.map(\.json)),
            "alerts": .array(alerts.map { ["kind": .string($0.kind.rawValue), "message": .string($0.message)] }),
        ]
    }
}

extension QueueStatistics.FlowFigures {
    var json: JSONValue {
        let optional = { (value: Double?) in value.map(JSONValue.number) ?? .null }
        return [
            "flow": flow.map(JSONValue.string) ?? .null,
            "loops": ["unclaimed": .number(Double(unclaimed)), "claimed": .number(Double(claimed)), "Completed": .number(Double(completed)),
                      "Failed": .number(Double(failed)), "Stopping": .number(Double(stopping)), "Stopped": .number(Double(stopped))],
            "oldestUnclaimedSeconds": optional(oldestUnclaimedSeconds),
            "leasesEndingSoon": .number(Double(leasesEndingSoon)), "lifetimesEndingSoon": .number(Double(lifetimesEndingSoon)),
            "completionsLastHour": .number(Double(completionsLastHour)), "escalatedShare": optional(escalatedShare),
            "fleissKappa": optional(fleissKappa), "krippendorffAlpha": optional(krippendorffAlpha),
        ]
    }
}

extension QueueStatistics.ReviewerFigures {
    var json: JSONValue {
        let optional = { (value: Double?) in value.map(JSONValue.number) ?? .null }
        return [
            "reviewer": .string(reviewer), "verdictsToday": .number(Double(verdictsToday)),
            "medianSeconds": optional(medianSeconds), "p90Seconds": optional(p90Seconds), "agreement": optional(agreement),
            "activeClaims": .number(Double(activeClaims)),
            "lastActivity": lastActivity.map { .string(Timestamp.iso8601(milliseconds: $0)) } ?? .null,
        ]
    }
}
