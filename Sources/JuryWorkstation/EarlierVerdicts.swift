import JuryCore

/// The verdicts given before a lead's on a loop that waits for a lead, each read as a `Verdict` against
/// the model's answer, so the task screen can set them beside the model's, item by item.
public struct EarlierVerdicts: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public var reviewer: String
        public var verdict: Verdict
    }

    /// In submission order.
    public var entries: [Entry]

    /// The verdicts of `verdicts` other than `reader`'s own, read against `content`.
    init(_ verdicts: LoopVerdicts, content: TaskContent, reader: String) {
        entries = verdicts.verdicts.filter { $0.reviewer != reader }.map {
            Entry(reviewer: $0.reviewer, verdict: Verdict(given: $0.answer, for: content))
        }
    }

    /// What `verdict` says of item `index` of `content`, in words (raw task data: views sanitise it).
    static func value(_ verdict: Verdict, item index: Int, in content: TaskContent) -> String {
        switch content.body {
        case .form(let form) where form.fields.indices.contains(index):
            let item = form.fields[index]
            switch verdict.fields[item.id] {
            case .value(let value): return value.isEmpty ? "(emptied)" : value
            case .missing: return "(missing)"
            case nil: return item.hasTextractKey ? item.value : "(not given)"
            }
        case .moderation(let moderation) where moderation.labels.indices.contains(index):
            return verdict.applies(moderation.labels[index]) ? "applies" : "does not apply"
        case .classification(let classification): return verdict.category ?? classification.predicted ?? "(none)"
        case .freeText(let text) where text.paragraphs.indices.contains(index): return verdict.paragraphs[index] ?? text.paragraphs[index]
        default: return ""
        }
    }

    /// The value most earlier reviewers gave item `index`, with its votes; nil when the most voted values tie.
    func soFar(item index: Int, in content: TaskContent) -> (value: String, votes: Int)? {
        var votes: [String: Int] = [:]
        let values = entries.map { Self.value($0.verdict, item: index, in: content) }
        for value in values { votes[value, default: 0] += 1 }
        guard let top = votes.values.max(), votes.values.filter({ $0 == top }).count == 1 else { return nil }
        return values.first { votes[$0] == top }.map { ($0, top) }
    }
}

extension WorkstationState {
    /// Shows a loop's earlier verdicts on its open task screen when the loop waits for a lead (the
    /// reader's own verdict left out); otherwise nothing changes.
    mutating func earlierVerdictsLoaded(_ verdicts: LoopVerdicts) {
        guard var task, task.claim.loopName == verdicts.loopName, task.amends == nil, verdicts.awaitsLead else { return }
        let earlier = EarlierVerdicts(verdicts, content: task.content, reader: reviewer)
        guard !earlier.entries.isEmpty else { return }
        task.content.earlier = earlier
        self.task = task
        scrollTask(by: 0)
        let count = earlier.entries.count
        message = StatusMessage("\(verdicts.loopName) waits for a lead: \(count) earlier verdict\(count == 1 ? "" : "s") below the list")
    }
}
