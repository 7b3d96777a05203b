import JuryJSON

/// A reviewer's own verdicts since a time, newest first, with the totals of all of them.
public struct ReviewerHistory: Sendable, Equatable, Codable {
    /// At most the limit asked for, newest first.
    public let entries: [HistoryEntry]
    /// All verdicts since the time asked for (the entries may be fewer).
    public let verdicts: Int
    /// Median seconds per verdict; nil with no verdicts.
    public let medianSeconds: Double?
    /// Mean agreement with the consensus over the verdicts whose loop completed with one; nil when none did.
    public let agreement: Double?
    /// How many verdicts `agreement` covers.
    public let compared: Int

    public init(entries: [HistoryEntry], verdicts: Int, medianSeconds: Double?, agreement: Double?, compared: Int) {
        (self.entries, self.verdicts, self.medianSeconds, self.agreement, self.compared) = (entries, verdicts, medianSeconds, agreement, compared)
    }
}

/// One verdict of the reviewer's history.
public struct HistoryEntry: Sendable, Equatable, Codable {
    public let loopName: String
    public let flow: String
    public let taskType: TaskType
    /// ms since 1970.
    public let submittedAt: Int64
    public let timeSpentSeconds: Double
    /// What the reviewer decided, in a few words (`HistoryEntry.decision(answer:flow:)`).
    public let decision: String
    /// The loop's status now.
    public let status: LoopStatus
    /// How far the verdict matches the consensus, 0-1 (forms: the share of fields); nil while the loop is
    /// not completed or when its consensus is unresolved.
    public let agreement: Double?

    public init(loopName: String, flow: String, taskType: TaskType, submittedAt: Int64, timeSpentSeconds: Double, decision: String,
                status: LoopStatus, agreement: Double?) {
        (self.loopName, self.flow, self.taskType, self.submittedAt) = (loopName, flow, taskType, submittedAt)
        (self.timeSpentSeconds, self.decision, self.status, self.agreement) = (timeSpentSeconds, decision, status, agreement)
    }

    /// The answer in a few words: a classification's label (labels joined by "+", "no label" for none), a
    /// moderation's labels ("no labels" for none), a free text's "approved" or "edited" ("text" for a named
    /// free field), a form's "N fields"; "–" for an answer not of the flow's shape.
    public static func decision(answer: JSONValue, flow: FlowDefinition) -> String {
        switch (try? ReviewAnswer(shapeOf: answer, flow: flow))?.body {
        case .category(let label)?: return label
        case .categories(let labels)?: return labels.isEmpty ? "no label" : labels.joined(separator: "+")
        case .moderationLabels(let labels)?: return labels.isEmpty ? "no labels" : labels.map(\.name).joined(separator: "+")
        case .freeText(let decision, _)?: return decision.rawValue
        case .namedField?: return "text"
        case .formBlocks(let blocks)?:
            let count = FormAnswer.pairs(in: blocks).count
            return "\(count) field\(count == 1 ? "" : "s")"
        case nil: return "–"
        }
    }
}
