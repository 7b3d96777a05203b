import Foundation

/// What Jury reads from an A2I worker task template (Liquid HTML built from crowd elements) so that a
/// custom flow needs no `Jury` block: the one answer element's kind, name and categories.
///
/// `crowd-classifier` and `crowd-classifier-multi-select` make a classification flow (answers
/// `{"NAME": {"label"}}` or `{"NAME": {"labels"}}`), `crowd-text-area` and `crowd-input` a free-text flow
/// whose answer is the named free field `{"NAME": "…"}`.
public struct WorkerTemplate: Sendable, Equatable {
    public let taskType: TaskType
    public let answerName: String
    /// The classes of a classifier, as its `categories` attribute lists them.
    public let categories: [String]

    /// The answer elements Jury reads, by tag.
    static let answerElements = ["crowd-classifier-multi-select", "crowd-classifier", "crowd-text-area", "crowd-input"]

    /// The `Jury` block that stands for the template in the flow's stored form, so the ledger's copy of the
    /// flow needs no template file.
    var juryBlock: JSONValue {
        var block: [String: JSONValue] = ["TaskType": .string(taskType.rawValue), "AnswerName": .string(answerName)]
        if taskType == .classification { block["Categories"] = .array(categories.map(JSONValue.string)) }
        return .object(block)
    }

    /// Reads the template's one answer element.
    /// - Returns: the template's settings, or why Jury cannot review with it (no answer element, several,
    ///   no `name`, or categories Jury cannot read).
    public static func read(_ html: String) -> Result<WorkerTemplate, TemplateProblem> {
        let elements = html.matches(of: try! Regex(#"<(crowd-[a-z-]+)\b([^>]*)>"#)).compactMap { match -> (String, Substring)? in
            guard let tag = match.output[1].substring, answerElements.contains(String(tag)) else { return nil }
            return (String(tag), match.output[2].substring ?? "")
        }
        guard let (tag, attributeText) = elements.first else {
            return .failure(TemplateProblem("has no \(answerElements.joined(separator: ", ")) element Jury could review with"))
        }
        guard elements.count == 1 else {
            return .failure(TemplateProblem("has \(elements.count) answer elements (\(elements.map(\.0).joined(separator: ", "))); Jury reviews one"))
        }
        let attributes = Self.attributes(attributeText)
        guard let name = attributes["name"], !name.isEmpty, name != "comment" else {
            return .failure(TemplateProblem("gives its \(tag) no name attribute (the answer's member)"))
        }
        guard tag.hasPrefix("crowd-classifier") else { return .success(WorkerTemplate(taskType: .freeText, answerName: name, categories: [])) }
        return categories(attributes["categories"], of: tag).map { WorkerTemplate(taskType: .classification, answerName: name, categories: $0) }
    }

    /// `name="value"` and `name='value'` pairs of an element's opening tag.
    private static func attributes(_ text: Substring) -> [String: String] {
        let pairs = text.matches(of: try! Regex(#"([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')"#)).compactMap { match -> (String, String)? in
            guard let key = match.output[1].substring else { return nil }
            return (key.lowercased(), String(match.output[2].substring ?? match.output[3].substring ?? ""))
        }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    /// The classes of a `categories` attribute such as `['World', 'SciTech']` or `["a", "b"]`.
    private static func categories(_ text: String?, of tag: String) -> Result<[String], TemplateProblem> {
        guard let text, !text.contains("{{"), !text.contains("{%") else {
            return .failure(TemplateProblem("gives its \(tag) categories that are not a literal list Jury can read; list them in Jury.Categories"))
        }
        let labels = text.matches(of: try! Regex(#"'([^']*)'|"([^"]*)""#)).compactMap { match in
            (match.output[1].substring ?? match.output[2].substring).map(String.init)
        }
        guard labels.count >= 2, Set(labels).count == labels.count, !labels.contains("") else {
            return .failure(TemplateProblem("gives its \(tag) fewer than 2 distinct categories"))
        }
        return .success(labels)
    }

    /// The template file beside a flow file: `STEM.liquid` or `STEM.html`, the stem being the flow file's
    /// or its `HumanTaskUiArn`'s last segment; nil when there is none.
    public static func file(besideFlow flowFile: URL, document: JSONValue) -> String? {
        let folder = flowFile.deletingLastPathComponent()
        let stems = [flowFile.deletingPathExtension().lastPathComponent]
            + [document["HumanLoopConfig"]?["HumanTaskUiArn"]?.stringValue.map(ResourceName.lastSegment(ofARN:))].compactMap { $0 }
        for stem in stems {
            for suffix in ["liquid", "html"] {
                if let text = try? String(contentsOf: folder.appending(path: "\(stem).\(suffix)"), encoding: .utf8) { return text }
            }
        }
        return nil
    }
}

/// Why Jury cannot review with a worker template.
public struct TemplateProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
