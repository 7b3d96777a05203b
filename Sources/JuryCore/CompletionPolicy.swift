import JuryJSON

/// One reviewer's verdict, with A2I's `humanAnswers` fields.
public struct HumanAnswer: Sendable, Equatable {
    public let workerId: String
    /// When the reviewer claimed the task (A2I's `acceptanceTime`), ms since 1970.
    public let acceptedAt: Int64
    /// When the verdict was stored, ms since 1970.
    public let submittedAt: Int64
    public let timeSpentSeconds: Double
    public let answerContent: JSONValue
    public let workerMetadata: JSONValue

    /// The A2I `humanAnswers` element.
    public var json: JSONValue {
        .object([
            "acceptanceTime": .string(Timestamp.iso8601(milliseconds: acceptedAt)),
            "answerContent": answerContent,
            "submissionTime": .string(Timestamp.iso8601(milliseconds: submittedAt)),
            "timeSpentInSeconds": .number((timeSpentSeconds * 1000).rounded() / 1000),
            "workerId": .string(workerId),
            "workerMetadata": workerMetadata,
        ])
    }
}

/// A loop whose verdicts are all in, as the completion policy sees it.
public struct FinishedLoop: Sendable {
    public let name: String
    public let flow: FlowDefinition
    public let taskCount: Int
    /// Reviewers added beyond the flow's TaskCount by earlier escalations.
    public let extraReviewers: Int
    /// The lead whose verdict settled the loop once it was handed to a lead; nil when the reviewers' verdicts decide.
    public let adjudicator: String?
    public let input: JSONValue
    public let answers: [HumanAnswer]
    /// Reviewer skills last stored for the flow by `jury aggregate --queue` (the consensus library's JSON).
    public let storedSkills: JSONValue?

    /// The same loop with other settings or verdicts.
    func with(flow: FlowDefinition? = nil, answers: [HumanAnswer]? = nil) -> FinishedLoop {
        FinishedLoop(name: name, flow: flow ?? self.flow, taskCount: taskCount, extraReviewers: extraReviewers, adjudicator: adjudicator,
                     input: input, answers: answers ?? self.answers, storedSkills: storedSkills)
    }
}

/// What to do with a loop that has `TaskCount` verdicts.
public enum CompletionDecision: Sendable, Equatable {
    /// Mark it Completed and write its output; `consensus` (when given) becomes the output's `consensus` block.
    case complete(consensus: JSONValue?)
    /// Keep it InProgress and ask one more reviewer (TaskCount grows by one); the reason goes to the audit log.
    case addReviewer(reason: String)
    /// Keep it InProgress with one more slot that only a lead of the loop's team may claim.
    case handToLead(reason: String)
}

/// The seam where the consensus library decides a loop's fate when its last verdict arrives.
///
/// It runs inside the verdict's transaction, so it must be deterministic and quick, and must not do I/O.
public protocol CompletionPolicy: Sendable {
    func decide(_ loop: FinishedLoop) -> CompletionDecision
}

/// Completes every loop as soon as it has `TaskCount` verdicts, with no consensus block (A2I's own behaviour).
public struct AcceptWhenFull: CompletionPolicy {
    public init() {}
    public func decide(_ loop: FinishedLoop) -> CompletionDecision { .complete(consensus: nil) }
}

extension FinishedLoop {
    /// The same loop judged under other consensus settings.
    func with(_ settings: ConsensusSettings) -> FinishedLoop {
        var flow = self.flow
        flow.consensus = settings
        return with(flow: flow)
    }
}
