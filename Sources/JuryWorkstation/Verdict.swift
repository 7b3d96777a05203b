/// A reviewer's verdict in the making, as differences from the model's answer: an empty verdict
/// approves the model as is. `Codable` because it is saved as a draft on every change.
public struct Verdict: Codable, Equatable, Sendable {
    /// Form: changes by `FormItem.id`.
    public var fields: [String: FieldChange] = [:]
    /// Moderation: labels the reviewer says do not apply.
    public var removedLabels: Set<String> = []
    /// Classification: the chosen category; nil keeps the model's.
    public var category: String?
    /// Free text: edited paragraphs by index.
    public var paragraphs: [Int: String] = [:]
    /// An optional note sent with the answer ("" for none).
    public var comment: String = ""

    public init() {}

    /// One form field's change.
    public enum FieldChange: Codable, Equatable, Sendable {
        /// The reviewer's value (for a missing important key: the value they found in the document).
        case value(String)
        /// The key is not in the document (or should not be in the answer).
        case missing
    }

    /// True when nothing differs from the model and there is no comment.
    public var isEmpty: Bool { changeCount == 0 && comment.isEmpty }

    /// How many answer parts differ from the model (the comment not counted).
    public var changeCount: Int {
        fields.count + removedLabels.count + (category == nil ? 0 : 1) + paragraphs.count
    }
}

extension Verdict {
    /// Sets a field's value; the model's own value (`original`) removes the change instead.
    mutating func setField(_ id: String, value: String, original: String) {
        fields[id] = value == original ? nil : .value(value)
    }

    /// Marks a field missing, or, when it already is, restores it.
    mutating func toggleMissing(_ id: String) {
        fields[id] = fields[id] == .missing ? nil : .missing
    }

    /// Sets a paragraph; the model's own text removes the change.
    mutating func setParagraph(_ index: Int, text: String, original: String) {
        paragraphs[index] = text == original ? nil : text
    }

    /// Chooses a category; the model's prediction clears the change.
    mutating func choose(_ label: String, predicted: String?) {
        category = label == predicted ? nil : label
    }

    /// Toggles a moderation label: removing one removes its descendants, keeping one keeps its ancestors.
    mutating func toggleLabel(at index: Int, in labels: [LabelItem]) {
        let label = labels[index]
        if removedLabels.contains(label.name) {
            for name in [label.name] + Self.ancestors(of: label, in: labels) { removedLabels.remove(name) }
        } else {
            removedLabels.formUnion([label.name] + Self.descendants(of: label.name, in: labels))
        }
    }

    static func ancestors(of label: LabelItem, in labels: [LabelItem]) -> [String] {
        var result: [String] = [], parent = label.parentName
        while let item = labels.first(where: { $0.name == parent }), !result.contains(item.name) {
            result.append(item.name)
            parent = item.parentName
        }
        return result
    }

    static func descendants(of name: String, in labels: [LabelItem]) -> [String] {
        labels.filter { $0.parentName == name && $0.name != name }.flatMap { [$0.name] + descendants(of: $0.name, in: labels) }
    }
}
