import Foundation
import JuryJSON

/// The files `jury export` writes, one record's lines at a time (see docs/export.md).
public enum CorrectionFormat: String, Sendable, CaseIterable {
    /// JSON Lines: one object per completed loop.
    case jsonl
    /// Crowd-Kit's `worker,task,label` CSV: one row per reviewer and item.
    case crowdkit
    /// A SageMaker Ground Truth-style augmented manifest: JSON Lines with `source-ref` (or `source`), the label
    /// attribute and its `-metadata` object.
    case manifest

    /// The line before every record (the CSV header); nil for the JSON Lines formats.
    public var header: String? { self == .crowdkit ? "worker,task,label" : nil }

    /// The lines of `record`, without line breaks; control characters in task data are escaped in JSON and
    /// kept as they are (quoted where CSV needs it) in CSV. A manifest has no line for a loop people left
    /// unresolved as a whole (a tied classification or free text): it has no label to give.
    /// - Parameter labelAttribute: the manifest's label attribute name (see `GroundTruthManifest.problem(with:)`).
    public func lines(_ record: CorrectionRecord, labelAttribute: String) -> [String] {
        switch self {
        case .jsonl: [Self.jsonLine(record).encodedString()]
        case .crowdkit: record.votes.map { CSVFile.line([$0.worker, $0.task, $0.label]) }
        case .manifest: GroundTruthManifest.line(record, attribute: labelAttribute).map { [$0.encodedString()] } ?? []
        }
    }

    /// The JSON Lines object: the loop, its input, the model's prediction, the consensus, people's answer, what
    /// changed and the agreement.
    static func jsonLine(_ record: CorrectionRecord) -> JSONValue {
        [
            "loop": .string(record.loop), "flow": .string(record.flow), "taskType": .string(record.taskType.rawValue),
            "createdAt": .string(Timestamp.iso8601(milliseconds: record.createdAt)),
            "completedAt": .string(Timestamp.iso8601(milliseconds: record.completedAt)),
            "inputContent": record.inputContent, "prediction": record.prediction, "consensus": record.consensus, "answer": record.answer,
            "changed": .bool(record.changed), "changes": .array(record.changes.map(\.json)),
            "agreement": record.agreement.map(JSONValue.number) ?? .null,
        ]
    }
}

extension CorrectionChange {
    /// `{"item", "kind", "model", "human"}`, absent values as null.
    var json: JSONValue {
        ["item": .string(item), "kind": .string(kind.rawValue), "model": model.map(JSONValue.string) ?? .null,
         "human": human.map(JSONValue.string) ?? .null]
    }
}
