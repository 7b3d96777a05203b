import Foundation
import JuryJSON

/// What a worker template shows for one loop, its Liquid evaluated against the loop's InputContent.
/// Texts are plain (tags dropped, references decoded) and raw task data: views sanitize them.
public struct TemplateContent: Sendable, Equatable {
    /// The answer element's `header`: the task's question.
    public var header: String?
    public var shortInstructions: String?
    /// The `full-instructions` element's `header` attribute and text.
    public var fullInstructionsHeader: String?
    public var fullInstructions: String?
    /// What is reviewed: a classifier's `classification-target` text, or for text areas and inputs the
    /// form's other text.
    public var text: String?
    /// An image URI: a `classification-target` `<img src>`, as given (`grant_read_access` keeps it as is).
    public var pictureURI: String?
    /// `initial-value`, as evaluated.
    public var initialValue: String?
    /// A classifier's categories for this loop.
    public var categories: [String]?
    /// Moderation `categories` for this loop.
    public var moderationLabels: [ModerationLabelName] = []
    /// Text areas and inputs: `label`, `placeholder`, and `value` (the initial text).
    public var label: String?
    public var placeholder: String?
    public var value: String?
    /// Textract forms: the important keys of `keys` (a JSON or quoted list), for this loop.
    public var keys: [String] = []

    public init() {}

    /// `initial-value` read as a list of classes (a multi-select's pre-selection); nil when it is none.
    public var initialLabels: [String]? { initialValue.flatMap(TemplateValues.labels) }
}

extension WorkerTemplate {
    /// The template's content for a loop whose InputContent is `input` (bound as `task.input`).
    public func content(for input: JSONValue) -> TemplateContent {
        let html = liquid.render(["task": ["input": input]])
        let elements = TemplateMarkup.elements(in: html)
        var content = TemplateContent()
        guard let answer = elements.first(where: { $0.tag == element.rawValue }) else { return content }
        let text = { (name: String) in answer.attribute(name).map(Self.trimmed) }
        (content.header, content.initialValue, content.label, content.placeholder) = (text("header"), text("initial-value"), text("label"), text("placeholder"))
        content.value = answer.attribute("value")
        let short = elements.first { $0.tag == "short-instructions" }
        let full = elements.first { $0.tag == "full-instructions" }
        content.shortInstructions = short.map { TemplateMarkup.plainText(html[$0.content]) }.flatMap(Self.nonEmpty)
        content.fullInstructions = full.map { TemplateMarkup.plainText(html[$0.content]) }.flatMap(Self.nonEmpty)
        content.fullInstructionsHeader = full?.attribute("header").flatMap(Self.nonEmpty)
        switch element {
        case .classifier, .multiSelect:
            content.categories = categories ?? answer.attribute("categories").flatMap(TemplateValues.labels)
            let target = elements.first { $0.tag == "classification-target" }
            content.text = target.map { TemplateMarkup.plainText(html[$0.content]) }.flatMap(Self.nonEmpty)
            content.pictureURI = target.flatMap { target in
                elements.first { $0.tag == "img" && target.content.contains($0.range.lowerBound) }?.attribute("src").map(Self.trimmed)
            }
        case .textArea, .input: content.text = formText(html, elements: elements, answer: answer)
        case .moderation: content.moderationLabels = answer.attribute("categories").map(TemplateValues.moderationLabels) ?? []
        case .documentForm: content.keys = answer.attribute("keys").flatMap(TemplateValues.labels) ?? []
        }
        return content
    }

    /// The text of the `crowd-form` (or the page) around the answer element, without the answer element,
    /// the instructions, scripts and styles.
    private func formText(_ html: String, elements: [MarkupElement], answer: MarkupElement) -> String? {
        let form = elements.first { $0.tag == "crowd-form" }?.content ?? html.startIndex..<html.endIndex
        let cut = ([answer] + elements.filter { TemplateCheck.instructionElements.contains($0.tag) })
            .map(\.range).filter { form.contains($0.lowerBound) }.sorted { $0.lowerBound < $1.lowerBound }
        var text = ""
        var index = form.lowerBound
        for range in cut where range.lowerBound >= index {
            text += html[index..<range.lowerBound] + "\n"
            index = range.upperBound
        }
        text += html[index..<max(index, form.upperBound)]
        return Self.nonEmpty(TemplateMarkup.plainText(Substring(text)))
    }

    private static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }
}
