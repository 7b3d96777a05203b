import Foundation
import JuryJSON

/// An A2I worker task template (Liquid HTML built from crowd elements) as Jury reads it: the one
/// answer element that decides the task screen and the answer's shape, and the Liquid that is
/// evaluated against each loop's InputContent for what the screen shows (`content(for:)`).
///
/// `crowd-classifier` and `crowd-classifier-multi-select` make a classification flow (answers
/// `{"NAME": {"label"}}` or `{"NAME": {"labels"}}`), `crowd-text-area` and `crowd-input` a free-text flow
/// whose answer is the named free field `{"NAME": "…"}`; `crowd-textract-analyze-document` and
/// `crowd-rekognition-detect-moderation-labels` belong to the Textract and Rekognition flows and answer
/// under the request source, as A2I's built-in task UIs do.
public struct WorkerTemplate: Sendable, Equatable {
    /// The answer elements Jury renders.
    public enum Element: String, Sendable, CaseIterable {
        case multiSelect = "crowd-classifier-multi-select"
        case classifier = "crowd-classifier"
        case textArea = "crowd-text-area"
        case input = "crowd-input"
        case documentForm = "crowd-textract-analyze-document"
        case moderation = "crowd-rekognition-detect-moderation-labels"

        public var taskType: TaskType {
            switch self {
            case .multiSelect, .classifier: .classification
            case .textArea, .input: .freeText
            case .documentForm: .documentForm
            case .moderation: .imageModeration
            }
        }

        /// The AWS request source the element's flow must have; nil for custom flows.
        public var requestSource: RequestSource? {
            switch self {
            case .documentForm: .textractForms
            case .moderation: .rekognitionModeration
            default: nil
            }
        }

        /// The attributes Jury honours; any other is named by `flow check`.
        var attributes: Set<String> {
            switch self {
            case .multiSelect, .classifier: ["name", "categories", "header", "initial-value"]
            case .textArea, .input: ["name", "label", "placeholder", "value"]
            case .documentForm: ["name", "src", "initial-value", "header", "keys", "no-key-edit", "no-geometry-edit", "block-types"]
            case .moderation: ["name", "src", "header", "categories"]
            }
        }
    }

    public let element: Element
    /// The answer's member: the element's `name` (classifiers, text), or the request source (forms, moderation).
    public let answerName: String
    /// A classifier's literal `categories`; nil when they are Liquid (read per loop) or the element has none.
    public let categories: [String]?
    /// The template's text, as given.
    public let source: String
    let liquid: LiquidTemplate

    public var taskType: TaskType { element.taskType }

    /// Whether a classifier's categories come from each loop's InputContent.
    public var hasCategoriesPerLoop: Bool { categories == nil && element.taskType == .classification }

    /// Reads `html`: the template when Jury can review with it, and every problem, errors (the template
    /// is then nil) and warnings (what Jury does not show or does not run), in template order.
    public static func read(_ html: String) -> (template: WorkerTemplate?, problems: [TemplateProblem]) {
        let liquid = LiquidTemplate(parsing: html)
        let elements = TemplateMarkup.elements(in: html)
        var check = TemplateCheck(elements: elements, liquid: liquid)
        guard let answer = check.answerElement(), let element = Element(rawValue: answer.tag) else { return (nil, unique(check.problems)) }
        check.checkAttributes(of: answer, element: element)
        let name = check.answerName(of: answer, element: element)
        let categories = element.taskType == .classification ? check.categories(of: answer, element: element) : nil
        let problems = unique(check.problems)
        guard !problems.contains(where: \.isError), let name else { return (nil, problems) }
        return (WorkerTemplate(element: element, answerName: name, categories: categories ?? nil, source: html, liquid: liquid), problems)
    }

    private static func unique(_ problems: [TemplateProblem]) -> [TemplateProblem] {
        var seen = Set<String>()
        return problems.filter { seen.insert($0.description).inserted }
    }

    /// The `Jury` block that stands for the template in the flow's stored form: the template's text, and
    /// for custom flows the task type, answer name and literal categories it implies.
    var juryBlock: JSONValue {
        var block: [String: JSONValue] = ["Template": .string(source)]
        guard element.requestSource == nil else { return .object(block) }
        block["TaskType"] = .string(taskType.rawValue)
        block["AnswerName"] = .string(answerName)
        if let categories { block["Categories"] = .array(categories.map(JSONValue.string)) }
        return .object(block)
    }

    /// The template file beside a flow file: `STEM.liquid` or `STEM.html`, the stem being the flow file's
    /// or its `HumanTaskUiArn`'s last segment; then, in `store` (a queue's `templates/`), the task UI
    /// CreateHumanTaskUi stored as `NAME.html`. Nil when there is none.
    public static func file(besideFlow flowFile: URL, document: JSONValue, store: URL? = nil) -> String? {
        let folder = flowFile.deletingLastPathComponent()
        let uiName = document["HumanLoopConfig"]?["HumanTaskUiArn"]?.stringValue.map(ResourceName.lastSegment(ofARN:))
        let stems = [flowFile.deletingPathExtension().lastPathComponent] + [uiName].compactMap { $0 }
        let candidates = stems.flatMap { stem in ["liquid", "html"].map { folder.appending(path: "\(stem).\($0)") } }
            + [store.flatMap { store in uiName.map { store.appending(path: "\($0).html") } }].compactMap { $0 }
        return candidates.lazy.compactMap { try? String(contentsOf: $0, encoding: .utf8) }.first
    }
}

/// Something in a worker template Jury cannot review with (an error) or does not show (a warning).
public struct TemplateProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public let isError: Bool

    init(_ description: String, isError: Bool = true) {
        self.description = description
        self.isError = isError
    }
}
