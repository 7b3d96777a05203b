import JuryCore
import JuryJSON

extension Verdict {
    /// A verdict given earlier (its stored `answerContent`) as differences from the model's answer in
    /// `content`, so the task screen shows it as the reviewer left it. Total: an answer not of the flow's
    /// shape reads as the model's answer. A free text whose paragraph count changed keeps its extra lines in
    /// the last paragraph.
    public init(given answer: JSONValue, for content: TaskContent) {
        self.init()
        guard let given = try? ReviewAnswer(stored: answer, flow: content.flow, loop: content.loopName) else { return }
        switch content.body {
        case .form(let form): readPairs(given.formPairs, form: form)
        case .moderation(let moderation):
            let named = Set(given.moderationLabelNames)
            removedLabels = Set(moderation.labels.filter { $0.isInModelAnswer && !named.contains($0.name) }.map(\.name))
            addedLabels = Set(moderation.labels.filter { !$0.isInModelAnswer && named.contains($0.name) }.map(\.name))
        case .classification(let classification):
            if case .category(let label) = given.body { choose(label, predicted: classification.predicted) }
        case .freeText(let text):
            readText(given.text ?? text.output, text: text)
        }
        comment = given.comment ?? ""
    }

    /// Fields by KEY block id; the pairs with no Textract key fill the missing important keys of their
    /// text, and the others are keys the reviewer added.
    private mutating func readPairs(_ pairs: [FormAnswer.Pair], form: FormTask) {
        let byId = Dictionary(pairs.filter(\.isFromTextract).map { ($0.keyBlockId, $0.value) }, uniquingKeysWith: { first, _ in first })
        var others = pairs.filter { !$0.isFromTextract }
        for item in form.fields where !item.isAdded {
            if item.hasTextractKey {
                setField(item.id, value: byId[item.id] ?? "", original: item.value)
                if byId[item.id] == nil { fields[item.id] = .missing }
            } else if let index = others.firstIndex(where: { $0.key == item.key }) {
                fields[item.id] = .value(others.remove(at: index).value)
            }
        }
        for pair in others where form.field(named: pair.key) == nil && !addedKeys.contains(pair.key) { addKey(pair.key, value: pair.value) }
    }

    private mutating func readText(_ given: String, text: FreeTextTask) {
        guard given != text.output else { return }
        var lines = given.components(separatedBy: "\n")
        let count = text.paragraphs.count
        if lines.count > count { lines = Array(lines.prefix(count - 1)) + [lines.dropFirst(count - 1).joined(separator: "\n")] }
        for (index, original) in text.paragraphs.enumerated() {
            setParagraph(index, text: index < lines.count ? lines[index] : "", original: original)
        }
    }
}
