import JuryJSON

/// Reads a worker template's elements, naming everything Jury does not render.
///
/// Errors: no answer element Jury renders, more than one, one inside a `{% for %}` loop, an answer
/// element of another kind (`crowd-bounding-box`…), a plain HTML control that adds its own member to the
/// answer, a missing `name`, categories that cannot be read. Warnings: the rest that Jury leaves out —
/// attributes it does not honour, display-only crowd elements, scripts, media, unsupported Liquid.
struct TemplateCheck {
    let elements: [MarkupElement]
    let liquid: LiquidTemplate
    private(set) var problems: [TemplateProblem] = []

    /// Crowd elements that only show something; any other crowd element collects an answer.
    static let displayElements: Set<String> = [
        "crowd-form", "crowd-button", "crowd-alert", "crowd-badge", "crowd-card", "crowd-icon-button", "crowd-instructions",
        "crowd-modal", "crowd-tab", "crowd-tabs", "crowd-tooltip",
    ]

    /// Elements whose content Jury reads with the answer element.
    static let instructionElements: Set<String> = ["short-instructions", "full-instructions", "classification-target"]

    init(elements: [MarkupElement], liquid: LiquidTemplate) {
        self.elements = elements
        self.liquid = liquid
        problems = liquid.problems.map { TemplateProblem("uses Liquid Jury does not evaluate: \($0)", isError: false) }
    }

    /// The one answer element Jury renders, after naming every other element it does not.
    mutating func answerElement() -> MarkupElement? {
        let answers = elements.filter { WorkerTemplate.Element(rawValue: $0.tag) != nil }
        for element in elements where WorkerTemplate.Element(rawValue: element.tag) == nil { note(element) }
        guard let answer = answers.first else {
            let names = WorkerTemplate.Element.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(TemplateProblem("has no \(names) element Jury could review with"))
            return nil
        }
        guard answers.count == 1 else {
            problems.append(TemplateProblem("has \(answers.count) answer elements (\(answers.map(\.tag).joined(separator: ", "))); Jury reviews one"))
            return nil
        }
        if liquid.textInsideLoops.contains("<\(answer.tag)") {
            problems.append(TemplateProblem("repeats its \(answer.tag) in a {% for %} loop, one answer element per item; Jury reviews one"))
        }
        return answer
    }

    private mutating func note(_ element: MarkupElement) {
        let tag = element.tag
        if tag.hasPrefix("crowd-"), !Self.displayElements.contains(tag) {
            problems.append(TemplateProblem("has a \(tag), an answer element Jury cannot render"))
        } else if tag.hasPrefix("crowd-"), tag != "crowd-form" {
            problems.append(TemplateProblem("has a \(tag), which Jury does not draw", isError: false))
        } else if ["input", "select", "textarea"].contains(tag), let name = element.attribute("name") {
            problems.append(TemplateProblem("has an HTML <\(tag) name=\"\(name)\">, which adds a member to the answer that Jury does not ask for"))
        } else if tag == "script", !(element.attribute("src")?.hasPrefix("https://assets.crowd.aws/") ?? false) {
            problems.append(TemplateProblem("has a <script>: custom JavaScript does not run in Jury", isError: false))
        } else if ["video", "audio", "iframe", "canvas", "object", "embed"].contains(tag) {
            problems.append(TemplateProblem("has a <\(tag)>, which Jury does not play or draw", isError: false))
        } else if tag == "img", !isInClassificationTarget(element) {
            problems.append(TemplateProblem("has an <img> outside a classification-target, which Jury does not draw", isError: false))
        }
    }

    private func isInClassificationTarget(_ element: MarkupElement) -> Bool {
        elements.contains { $0.tag == "classification-target" && $0.content.contains(element.range.lowerBound) }
    }

    mutating func checkAttributes(of answer: MarkupElement, element: WorkerTemplate.Element) {
        for attribute in answer.attributes where !element.attributes.contains(attribute.name) {
            problems.append(TemplateProblem("gives its \(answer.tag) a \(attribute.name) attribute, which Jury does not use", isError: false))
        }
    }

    /// The answer's member: a literal `name` other than `comment` for classifiers and text; the request
    /// source for forms and moderation.
    mutating func answerName(of answer: MarkupElement, element: WorkerTemplate.Element) -> String? {
        if let source = element.requestSource { return source.rawValue }
        guard let name = answer.attribute("name"), !name.isEmpty, name != "comment", !name.contains("{{"), !name.contains("{%") else {
            problems.append(TemplateProblem("gives its \(answer.tag) no literal name attribute (the answer's member)"))
            return nil
        }
        return name
    }

    /// A classifier's literal categories; `.some(nil)` when they are Liquid, read per loop.
    mutating func categories(of answer: MarkupElement, element: WorkerTemplate.Element) -> [String]?? {
        guard let text = answer.attribute("categories") else {
            problems.append(TemplateProblem("gives its \(answer.tag) no categories attribute"))
            return nil
        }
        if text.contains("{{") || text.contains("{%") { return .some(nil) }
        guard let labels = TemplateValues.labels(text), labels.count >= 2 else {
            problems.append(TemplateProblem("gives its \(answer.tag) fewer than 2 distinct categories"))
            return nil
        }
        return labels
    }
}

/// Reads the list values of template attributes, as JSON or as the quoted lists samples write.
enum TemplateValues {
    /// `['World', 'SciTech']`, `["a", "b"]` or a JSON array of strings: distinct, non-empty labels; nil
    /// when there are none, or repeated or empty ones.
    static func labels(_ text: String) -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let json = (try? JSONValue.parse(trimmed))?.arrayValue?.compactMap(\.stringValue)
        let labels = json ?? trimmed.matches(of: try! Regex(#"'([^']*)'|"([^"]*)""#)).compactMap { match in
            (match.output[1].substring ?? match.output[2].substring).map(String.init)
        }
        guard !labels.isEmpty, Set(labels).count == labels.count, !labels.contains("") else { return nil }
        return labels
    }

    /// Moderation categories: a JSON array of `{"name", "parentName"}`, or the JavaScript-style object
    /// list A2I's sample writes (`{ name: "Weapons", parentName: "Violence", }`), in order, repeats dropped.
    static func moderationLabels(_ text: String) -> [ModerationLabelName] {
        let objects = text.matches(of: try! Regex(#"\{[^{}]*\}"#)).map { String($0.output[0].substring ?? "") }
        var seen = Set<String>()
        return objects.compactMap { object -> ModerationLabelName? in
            guard let name = member("name", in: object), !name.isEmpty, seen.insert(name).inserted else { return nil }
            return ModerationLabelName(name: name, parentName: member("parentName", in: object) ?? "")
        }
    }

    private static func member(_ key: String, in object: String) -> String? {
        let pattern = try! Regex(#"(?:^|[^A-Za-z])["']?"# + key + #"["']?\s*:\s*(?:"([^"]*)"|'([^']*)')"#)
        return object.firstMatch(of: pattern).flatMap { ($0.output[1].substring ?? $0.output[2].substring).map(String.init) }
    }
}
