import JuryJSON

/// Lines of a SageMaker Ground Truth-style augmented manifest: the task object (`source-ref` for an image or
/// document, `source` for text), the label attribute, and `ATTRIBUTE-metadata` with Ground Truth's `type`,
/// `job-name`, `human-annotated`, `creation-date` and confidences.
///
/// A classification is Ground Truth's single-label text classification (the label is the category's index in
/// the flow's `Categories`, with `class-name`); moderation is its multi-label image classification (indices with
/// `class-map` and `confidence-map`); forms and free text, which Ground Truth has no built-in type for, carry
/// the field object or the text under the types `jury/document-form` and `jury/free-text`. `adjustment-status`
/// says whether people changed the model's answer, as Ground Truth's adjustment jobs do.
public enum GroundTruthManifest {
    /// Why `name` cannot be a label attribute (Ground Truth's rules), or nil when it can.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.contains("-metadata") { return "contains -metadata, which Ground Truth reserves for the metadata object" }
        if name.hasSuffix("-ref") { return "ends in -ref, which Ground Truth keeps for references to label files" }
        if name == "source" { return "is the name of the task object's own member" }
        return nil
    }

    /// The manifest line of `record`; nil when people left the loop unresolved as a whole.
    static func line(_ record: CorrectionRecord, attribute: String) -> JSONValue? {
        guard let (label, details) = label(record) else { return nil }
        var metadata: [String: JSONValue] = [
            "job-name": .string("labeling-job/" + record.flow), "human-annotated": "yes",
            "creation-date": .string(Timestamp.iso8601(milliseconds: record.completedAt)),
            "adjustment-status": .string(record.changed ? "adjusted" : "unadjusted"),
        ]
        metadata.merge(details) { $1 }
        var members: [String: JSONValue] = [attribute: label, attribute + "-metadata": .object(metadata)]
        if let reference = record.sourceReference {
            members["source-ref"] = .string(reference)
        } else {
            members["source"] = .string(record.sourceText ?? record.inputContent.encodedString())
        }
        return .object(members)
    }

    /// The label attribute's value and the metadata members of its task type.
    private static func label(_ record: CorrectionRecord) -> (JSONValue, [String: JSONValue])? {
        let answer = record.answer
        switch record.taskType {
        case .classification where answer["labels"] != nil, .imageModeration:
            let labels = answer["labels"]?.arrayValue ?? []
            let indexed = labels.enumerated().map { (String($0.offset), $0.element) }
            let confidences = indexed.map { ($0.0, answer["confidence"]?[$0.1.stringValue ?? ""] ?? .null) }
            let image = record.taskType == .imageModeration || record.sourceReference != nil
            return (.array(labels.indices.map { .number(Double($0)) }), [
                "class-map": .object(Dictionary(uniqueKeysWithValues: indexed)),
                "confidence-map": .object(Dictionary(uniqueKeysWithValues: confidences)),
                "type": .string(image ? "groundtruth/image-classification-multilabel" : "groundtruth/text-classification-multilabel"),
            ])
        case .classification:
            guard let name = answer["label"] else { return nil }
            let type = record.sourceReference == nil ? "groundtruth/text-classification" : "groundtruth/image-classification"
            return (answer["index"] ?? .null, ["class-name": name, "confidence": answer["confidence"] ?? .null, "type": .string(type)])
        case .documentForm:
            return (answer["fields"] ?? .object([:]), ["confidence-map": answer["confidence"] ?? .object([:]), "type": "jury/document-form"])
        case .freeText:
            guard let text = answer["text"] else { return nil }
            return (text, ["confidence": answer["confidence"] ?? .null, "type": "jury/free-text"])
        }
    }
}
