import JuryCore
import JuryCanvas
import JuryMedia

/// What the task screen shows about one loop, read once from the ledger's `TaskMaterial` into plain
/// values (so the state stays `Equatable` and views never parse JSON).
///
/// Strings here are raw task data: views pass every one of them through `Sanitizer` before drawing.
public struct TaskContent: Equatable, Sendable {
    public var loopName: String
    public var flow: FlowDefinition
    /// Creation time, ms since 1970.
    public var createdAt: Int64
    /// End of the availability lifetime, ms since 1970.
    public var deadline: Int64
    public var body: Body
    /// Whether the screen has a picture region: always for forms and moderation (a placeholder says
    /// why when there is no picture), for other tasks when the input names an image.
    public var showsMedia = false
    /// For a lead on a loop that waits for a lead: the earlier reviewers' verdicts, shown beside the model's.
    public var earlier: EarlierVerdicts?
    /// What the flow's worker template shows for this loop (header, instructions…); nil without one.
    public var template: TemplateContent?

    public enum Body: Equatable, Sendable {
        case form(FormTask)
        case moderation(ModerationTask)
        case classification(ClassificationTask)
        case freeText(FreeTextTask)
    }

    public init(loopName: String, flow: FlowDefinition, createdAt: Int64, deadline: Int64, body: Body) {
        self.loopName = loopName
        self.flow = flow
        self.createdAt = createdAt
        self.deadline = deadline
        self.body = body
    }

    /// The confidence roles for this flow: below its `ConfidenceThreshold` is low, halfway to 100 is high.
    public var thresholds: ConfidenceThresholds { Self.thresholds(for: flow.confidenceThreshold) }

    /// Role bands for a flow threshold (percent).
    public static func thresholds(for threshold: Double) -> ConfidenceThresholds {
        ConfidenceThresholds(low: threshold, high: threshold + (100 - threshold) / 2)
    }

    /// How many selectable items the body has (fields, labels, categories, paragraphs).
    public var itemCount: Int {
        switch body {
        case .form(let form): form.fields.count
        case .moderation(let moderation): moderation.labels.count
        case .classification(let classification): classification.rows.count
        case .freeText(let text): text.paragraphs.count
        }
    }
}

/// A document-form task: Textract's key-value pairs plus the important keys it did not find.
public struct FormTask: Equatable, Sendable {
    public var fields: [FormItem]
    /// "file.pdf", "PDF · 2 pages · 151 KB · 1700×2200 px": raw, one entry per line.
    public var metadata: [String]
    public var pages: Int

    /// The items that stand for important keys Textract did not find.
    public var missingKeys: [FormItem] { fields.filter(\.isMissingKey) }

    /// The form with `keys` (the reviewer's added keys, in order) as its last rows, replacing any added before.
    func withAddedKeys(_ keys: [String]) -> FormTask {
        var form = self
        form.fields = fields.filter { !$0.isAdded } + keys.map(FormItem.added)
        return form
    }

    /// The field whose key reads `key` (trimmed, ignoring case), if any: a new key must not repeat one.
    func field(named key: String) -> FormItem? {
        let wanted = key.trimmingCharacters(in: .whitespaces).lowercased()
        return fields.first { $0.key.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
    }
}

/// One row of a form task.
public struct FormItem: Equatable, Sendable {
    /// The KEY block id, "missing:NAME" for an important key that was not found, or "added:KEY" for a
    /// key the reviewer added (`Verdict.addedKeys`).
    public var id: String
    public var key: String
    public var value: String
    /// Key-value confidence, 0-100; nil for a missing key.
    public var confidence: Double?
    /// The lowest WORD confidence of key and value, 0-100.
    public var lowestWord: Double?
    public var page: Int
    /// True when an activation condition named this key (`JuryMatches`).
    public var isMarked: Bool
    /// True for an important key the document lacks (`MissingImportantFormKey`); `aliases` lists its other names.
    public var isMissingKey: Bool
    public var aliases: [String]
    /// Where Textract found the key and the value on the page (nil when it gave no geometry).
    public var keyBox: BoundingBox? = nil
    public var valueBox: BoundingBox? = nil
    /// True for a key the model missed and the reviewer added: no KEY block, no geometry, no confidence.
    public var isAdded = false

    /// Whether Textract found the key (the item names a KEY block of the response).
    public var hasTextractKey: Bool { !isMissingKey && !isAdded }

    /// The item id of the key `key` a reviewer added.
    public static func addedId(_ key: String) -> String { "added:" + key }

    /// The row of a key the reviewer added (its value lives in the verdict).
    static func added(_ key: String) -> FormItem {
        FormItem(id: addedId(key), key: key, value: "", confidence: nil, lowestWord: nil, page: 0, isMarked: false, isMissingKey: false,
                 aliases: [], isAdded: true)
    }

    /// A checkbox's other state: "SELECTED" for "NOT_SELECTED" and back (as Textract reads selection
    /// elements); nil for any other value, which is text to edit.
    static func toggledSelection(_ value: String) -> String? {
        switch value {
        case "SELECTED": "NOT_SELECTED"
        case "NOT_SELECTED": "SELECTED"
        default: nil
        }
    }
}

/// An image-moderation task: the image's metadata and the labels as a tree.
public struct ModerationTask: Equatable, Sendable {
    /// Labels in tree order (each parent followed by its children).
    public var labels: [LabelItem]
    public var metadata: [String]
}

/// One moderation label in tree order.
public struct LabelItem: Equatable, Sendable {
    public var name: String
    public var parentName: String
    /// The model's confidence, 0-100; nil for a label of the flow's list the model did not report.
    public var confidence: Double?
    /// 0 for a top-level label (or one whose parent is not among the labels).
    public var depth: Int
    /// True when an activation condition matched this label.
    public var isTriggered: Bool
    /// True when the model's answer holds the label: it reported the label or one of its
    /// descendants. Such a label applies unless the reviewer removes it; any other applies only
    /// when the reviewer adds it.
    public var isInModelAnswer: Bool
}

/// A classification task: the item, the model's classes, the flow's categories.
public struct ClassificationTask: Equatable, Sendable {
    /// The text (or, without one, the input JSON) to classify.
    public var text: String {
        didSet { shownText = WrappedText(sanitizing: text) }
    }
    /// `text` as the screen shows it, sanitised once and wrapped once per width.
    public internal(set) var shownText: WrappedText
    public var details: [String]
    /// The model's class (`prediction.label`), else the template's `initial-value` when it is a category.
    public var predicted: String?
    /// The prediction's confidence, 0-100.
    public var confidence: Double?
    /// Category rows, the model's most likely first; classes outside the flow's categories come last.
    public var rows: [CategoryItem]
    /// A multi-select task (`crowd-classifier-multi-select`): the classes the model's answer holds;
    /// nil for a single choice.
    public var modelLabels: [String]? = nil
}

/// One row of the classification table.
public struct CategoryItem: Equatable, Sendable {
    public var label: String
    /// Model confidence, 0-100; nil when the model gave none for it.
    public var confidence: Double?
    /// The number key that chooses it (its 1-based place in the flow's categories); nil for a class that is not a category.
    public var number: Int?
    public var isPredicted: Bool
}

/// A free-text task: the prompt and the model's output split into paragraphs.
public struct FreeTextTask: Equatable, Sendable {
    public var prompt: String? {
        didSet { shownPrompt = prompt.map(WrappedText.init(sanitizing:)) }
    }
    /// `prompt` as the screen shows it, sanitised once and wrapped once per width.
    public internal(set) var shownPrompt: WrappedText?
    /// The output as it came, for an answer approved as is.
    public var output: String
    /// `output` split at "\n"; joining them with "\n" gives `output` back.
    public var paragraphs: [String] {
        didSet { shownParagraphs = paragraphs.map(WrappedText.init(sanitizing:)) }
    }
    /// `paragraphs` as the screen shows them, each sanitised once and wrapped once per width.
    public internal(set) var shownParagraphs: [WrappedText]
    /// 0-100.
    public var confidence: Double?
    public var model: String?
    /// The answer's `label` and `placeholder` from a template's text area or input.
    public var label: String?
    public var placeholder: String?
}
