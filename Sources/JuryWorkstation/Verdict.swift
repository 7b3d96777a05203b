/// A reviewer's verdict in the making, as differences from the model's answer: an empty verdict
/// approves the model as is. `Codable` because it is saved as a draft on every change.
public struct Verdict: Codable, Equatable, Sendable {
    /// Form: changes by `FormItem.id` (an added key's value under `FormItem.addedId`).
    public var fields: [String: FieldChange] = [:]
    /// Form: keys the model missed that the reviewer added, in the order added (each has a `fields` entry).
    public var addedKeys: [String] = []
    /// Moderation: labels the model reported that the reviewer says do not apply.
    public var removedLabels: Set<String> = []
    /// Moderation: labels of the flow's list the model did not report that the reviewer says apply.
    public var addedLabels: Set<String> = []
    /// Classification: the chosen category; nil keeps the model's.
    public var category: String?
    /// Free text: edited paragraphs by index.
    public var paragraphs: [Int: String] = [:]
    /// An optional note sent with the answer ("" for none).
    public var comment: String = ""

    public init() {}

    /// Reads a saved draft's verdict; drafts written before `addedLabels` or `addedKeys` existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fields = try container.decode([String: FieldChange].self, forKey: .fields)
        addedKeys = try container.decodeIfPresent([String].self, forKey: .addedKeys) ?? []
        removedLabels = try container.decode(Set<String>.self, forKey: .removedLabels)
        addedLabels = try container.decodeIfPresent(Set<String>.self, forKey: .addedLabels) ?? []
        category = try container.decodeIfPresent(String.self, forKey: .category)
        paragraphs = try container.decode([Int: String].self, forKey: .paragraphs)
        comment = try container.decode(String.self, forKey: .comment)
    }

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
        fields.count + removedLabels.count + addedLabels.count + (category == nil ? 0 : 1) + paragraphs.count
    }
}

extension Verdict {
    /// Sets a field's value; the model's own value (`original`) removes the change instead.
    mutating func setField(_ id: String, value: String, original: String) {
        fields[id] = value == original ? nil : .value(value)
    }

    /// Adds a key the model missed with its value (the caller checks that no field reads `key` already).
    mutating func addKey(_ key: String, value: String) {
        addedKeys.append(key)
        fields[FormItem.addedId(key)] = .value(value)
    }

    /// Drops an added key and its value.
    mutating func removeAddedKey(_ key: String) {
        addedKeys.removeAll { $0 == key }
        fields[FormItem.addedId(key)] = nil
    }

    /// Every field and label back to the model's answer; the comment stays.
    func reverted() -> Verdict {
        var verdict = Verdict()
        verdict.comment = comment
        return verdict
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

    /// Multi-select: toggles whether class `label` applies; the model's classes are `model`. Kept, as
    /// moderation labels are, as classes removed from and added to the model's answer.
    mutating func toggleClass(_ label: String, model: [String]) {
        if model.contains(label) {
            if removedLabels.remove(label) == nil { removedLabels.insert(label) }
        } else if addedLabels.remove(label) == nil {
            addedLabels.insert(label)
        }
    }

    /// Multi-select: whether class `label` applies under this verdict.
    func appliesClass(_ label: String, model: [String]) -> Bool {
        model.contains(label) ? !removedLabels.contains(label) : addedLabels.contains(label)
    }

    /// Whether a moderation label applies under this verdict: a reported one unless removed, any
    /// other only when added.
    func applies(_ label: LabelItem) -> Bool {
        label.isInModelAnswer ? !removedLabels.contains(label.name) : addedLabels.contains(label.name)
    }

    /// Toggles a moderation label: one that stops applying takes its descendants with it, one that
    /// starts applying brings its ancestors.
    mutating func toggleLabel(at index: Int, in labels: [LabelItem]) {
        let label = labels[index]
        let applying = !applies(label)
        let affected = applying ? [label] + Self.ancestors(from: label.parentName, in: labels) : [label] + Self.descendants(of: label.name, in: labels)
        for item in affected {
            switch (item.isInModelAnswer, applying) {
            case (true, true): removedLabels.remove(item.name)
            case (true, false): removedLabels.insert(item.name)
            case (false, true): addedLabels.insert(item.name)
            case (false, false): addedLabels.remove(item.name)
            }
        }
    }

    /// The label named `parentName` and the labels above it, nearest first, each once.
    static func ancestors(from parentName: String, in labels: [LabelItem]) -> [LabelItem] {
        var result: [LabelItem] = [], seen: Set<String> = [], parent = parentName
        while let item = labels.first(where: { $0.name == parent }), seen.insert(item.name).inserted {
            result.append(item)
            parent = item.parentName
        }
        return result
    }

    /// The labels below `name`, each once, however the parent names loop.
    static func descendants(of name: String, in labels: [LabelItem]) -> [LabelItem] {
        var result: [LabelItem] = [], seen: Set<String> = [name], pending = [name]
        while let parent = pending.popLast() {
            for child in labels where child.parentName == parent && seen.insert(child.name).inserted {
                result.append(child)
                pending.append(child.name)
            }
        }
        return result
    }
}
