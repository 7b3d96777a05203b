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

    /// The answer in a few words: a classification's label (labels joined by "+"), a moderation's labels
    /// ("no labels" for none), a free text's "approved" or "edited" ("text" for a named free field), a
    /// form's "N fields".
    public static func decision(answer: JSONValue, flow: FlowDefinition) -> String {
        let body = answer[AnswerContent.mainKey(for: flow)]
        switch flow.taskType {
        case .classification:
            let labels = body?["labels"]?.arrayValue?.compactMap(\.stringValue)
            return labels.map { $0.isEmpty ? "no label" : $0.joined(separator: "+") } ?? body?["label"]?.stringValue ?? "–"
        case .imageModeration:
            let names = (body?["moderationLabels"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            return names.isEmpty ? "no labels" : names.joined(separator: "+")
        case .freeText: return body?["decision"]?.stringValue ?? "text"
        case .documentForm:
            let count = FormAnswer.pairs(inBlocks: body?["blocks"]?.arrayValue ?? []).count
            return "\(count) field\(count == 1 ? "" : "s")"
        }
    }
}
