import Foundation
import JuryJSON

/// One completed loop as `jury export` writes it for retraining: the model's answer, the answer people
/// settled on, and where the two differ (see docs/export.md for every task type's shapes).
public struct CorrectionRecord: Sendable, Equatable, Codable {
    public let loop: String
    public let flow: String
    public let taskType: TaskType
    /// ms since 1970.
    public let createdAt: Int64
    /// ms since 1970.
    public let completedAt: Int64
    /// The producer's InputContent, as stored.
    public let inputContent: JSONValue
    /// The model's answer in the task type's comparison shape (`{"label"}`, `{"labels"}`, `{"fields"}`, `{"text"}`,
    /// each with its `confidence`).
    public let prediction: JSONValue
    /// The loop's consensus block, as output.json has it.
    public let consensus: JSONValue
    /// The consensus as an answer in the shape of `prediction`; items the consensus left unresolved are absent
    /// (a tied classification or free text has no answer: null).
    public let answer: JSONValue
    /// Where `answer` differs from `prediction`, item by item, in item order.
    public let changes: [CorrectionChange]
    /// The consensus block's share of verdicts that agree with it, 0-1.
    public let agreement: Double?
    /// Each reviewer's answer to each item, in Crowd-Kit's terms.
    public let votes: [CrowdVote]
    /// The task's image or document: an `s3://` URI or the path the input names; nil for a text task.
    public let sourceReference: String?
    /// The text the task is about (a classification's `text`, a free-text task's `prompt`, else the model's text);
    /// nil for an image or document task.
    public let sourceText: String?

    /// Whether people changed the model's answer.
    public var changed: Bool { !changes.isEmpty }

    public init(loop: String, flow: String, taskType: TaskType, createdAt: Int64, completedAt: Int64, inputContent: JSONValue,
                prediction: JSONValue, consensus: JSONValue, answer: JSONValue, changes: [CorrectionChange], agreement: Double?,
                votes: [CrowdVote], sourceReference: String?, sourceText: String?) {
        (self.loop, self.flow, self.taskType, self.createdAt, self.completedAt) = (loop, flow, taskType, createdAt, completedAt)
        (self.inputContent, self.prediction, self.consensus, self.answer) = (inputContent, prediction, consensus, answer)
        (self.changes, self.agreement, self.votes) = (changes, agreement, votes)
        (self.sourceReference, self.sourceText) = (sourceReference, sourceText)
    }
}

/// One difference between the model's answer and people's.
public struct CorrectionChange: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The item has another value (a category, a form value, the text).
        case changed
        /// People applied a label the model did not report, or filled a key the model did not find.
        case added
        /// People took away a label the model reported.
        case removed
        /// People found a key the model read missing from the document.
        case missing
    }

    /// What changed: `label` for a classification, the label's name, the form key, or `text` for free text.
    public let item: String
    public let kind: Kind
    /// The model's value (`yes` or `no` for a moderation label); nil when it had none (a key it did not find).
    public let model: String?
    /// People's value (`yes` or `no` for a moderation label); nil when they have none (a key they found missing).
    public let human: String?

    public init(item: String, kind: Kind, model: String?, human: String?) {
        (self.item, self.kind, self.model, self.human) = (item, kind, model, human)
    }
}

/// One reviewer's answer to one item: a row of Crowd-Kit's `worker,task,label` table.
public struct CrowdVote: Sendable, Equatable, Codable {
    public let worker: String
    /// The loop's name, or `LOOP/ITEM` for one label of a moderation task or one key of a form (loop names hold no `/`).
    public let task: String
    /// The category, `yes` or `no` for a moderation label, the form value (`#missing` when left out), or the text.
    public let label: String

    public init(worker: String, task: String, label: String) {
        (self.worker, self.task, self.label) = (worker, task, label)
    }
}

/// Which completed loops an export reads, and where a page starts.
public struct ExportQuery: Sendable, Codable, Equatable {
    public var flow: String?
    /// Only loops completed after this instant.
    public var completedAfter: Date?
    /// Only loops completed before this instant.
    public var completedBefore: Date?
    /// Only loops where people changed the model's answer.
    public var changedOnly = false
    /// Loops read per page, 1 to `maximumPageSize`.
    public var pageSize = 500
    /// Where the page starts: the `next` of the page before; nil for the first.
    public var after: ExportPosition?

    public static let maximumPageSize = 1_000

    public init() {}
}

/// A completed loop's place in export order: completion time, then the ledger's row id.
public struct ExportPosition: Sendable, Codable, Equatable {
    /// ms since 1970.
    public let completedAt: Int64
    public let rowID: Int64

    public init(completedAt: Int64, rowID: Int64) {
        (self.completedAt, self.rowID) = (completedAt, rowID)
    }
}

/// One page of an export.
public struct ExportPage: Sendable, Codable, Equatable {
    /// The records of the loops read, in export order (without unchanged ones when the query asks for changed only).
    public let records: [CorrectionRecord]
    /// Where the next page starts; nil after the last loop.
    public let next: ExportPosition?

    public init(records: [CorrectionRecord], next: ExportPosition?) {
        (self.records, self.next) = (records, next)
    }
}
