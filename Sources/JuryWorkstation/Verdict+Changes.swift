import JuryCanvas

/// One line of the submit summary: what changed against the model.
public struct ChangeLine: Equatable, Sendable {
    public var text: SafeText
    public var role: StyleRole
}

extension Verdict {
    /// What this verdict changes against the model's answer, one line per change, task data sanitised.
    /// An empty verdict gives one line saying the model's answer is approved as is.
    public func changes(against content: TaskContent) -> [ChangeLine] {
        var lines: [ChangeLine]
        switch content.body {
        case .form(let form): lines = formChanges(form.withAddedKeys(addedKeys))
        case .moderation(let moderation): lines = labelChanges(moderation)
        case .classification(let classification): lines = categoryChanges(classification)
        case .freeText(let text): lines = paragraphChanges(text)
        }
        if lines.isEmpty { lines = [ChangeLine(text: "No changes: the model's answer, approved as is.", role: .verdictApproved)] }
        if !comment.isEmpty { lines.append(ChangeLine(text: Self.line("Comment: ", comment), role: .normal)) }
        return lines
    }

    private func formChanges(_ form: FormTask) -> [ChangeLine] {
        form.fields.compactMap { item in
            switch fields[item.id] {
            case nil: return nil
            case .missing: return ChangeLine(text: Self.line("", item.key, " marked missing"), role: .verdictMissing)
            case .value(let value) where !item.hasTextractKey:
                return ChangeLine(text: Self.line("", item.key, " added: ", value), role: .verdictEdited)
            case .value(let value):
                var text = Self.line("", item.key, ": ", item.value, " → ")
                text.append(value.isEmpty ? Self.emptied : Sanitizer.sanitize(value))
                return ChangeLine(text: text, role: .verdictEdited)
            }
        }
    }

    private func labelChanges(_ moderation: ModerationTask) -> [ChangeLine] {
        moderation.labels.filter { applies($0) != $0.isInModelAnswer }.map {
            $0.isInModelAnswer ? ChangeLine(text: Self.line("Label removed: ", $0.name), role: .verdictMissing)
                          : ChangeLine(text: Self.line("Label added: ", $0.name), role: .verdictEdited)
        }
    }

    private func categoryChanges(_ classification: ClassificationTask) -> [ChangeLine] {
        if let model = classification.modelLabels {
            return classification.rows.map(\.label).filter { appliesClass($0, model: model) != model.contains($0) }.map {
                model.contains($0) ? ChangeLine(text: Self.line("Class removed: ", $0), role: .verdictMissing)
                                   : ChangeLine(text: Self.line("Class added: ", $0), role: .verdictEdited)
            }
        }
        guard let category else { return [] }
        return [ChangeLine(text: Self.line("Category: ", classification.predicted ?? "(none)", " → ", category), role: .verdictEdited)]
    }

    private func paragraphChanges(_ text: FreeTextTask) -> [ChangeLine] {
        paragraphs.keys.sorted().map { index in
            ChangeLine(text: Self.line("¶\(index + 1): ", text.paragraphs[index], " → ", paragraphs[index] ?? ""), role: .verdictEdited)
        }
    }

    /// How a value the reviewer emptied shows (rather than nothing after "→").
    static let emptied = SafeText(trusted: "(emptied)")

    /// Alternating program text and task data: even parts are trusted, odd parts sanitised.
    static func line(_ parts: String...) -> SafeText {
        var text = SafeText()
        for (index, part) in parts.enumerated() {
            text.append(index % 2 == 0 ? SafeText(trusted: part) : Sanitizer.sanitize(part))
        }
        return text
    }
}
