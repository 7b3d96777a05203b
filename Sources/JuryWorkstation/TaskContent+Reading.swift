import Foundation
import JuryCanvas
import JuryCore
import JuryJSON
import JuryMedia

extension TaskContent {
    /// Reads a loop's material into the task screen's values. Pure and total: missing members give
    /// empty lists and nil confidences, never an error. A flow with a worker template is seen as this
    /// loop sees it (`FlowDefinition.forLoop`), with the template's content evaluated for its input; a
    /// Textract template's `keys` are important keys, as a `MissingImportantFormKey` condition's are.
    public init(material: TaskMaterial) {
        var marks = ActivationMarks(results: material.activationResults)
        let flow = material.flow.forLoop(input: material.input)
        let template = flow.templateContent(input: material.input, activation: material.activationResults)
        marks.addImportantKeys(template?.keys ?? [])
        let body: Body =
            switch flow.taskType {
            case .documentForm: .form(FormTask(input: material.input, marks: marks))
            case .imageModeration:
                .moderation(ModerationTask(input: material.input, marks: marks, flowLabels: flow.moderationLabels))
            case .classification: .classification(ClassificationTask(input: material.input, flow: flow, template: template))
            case .freeText: .freeText(FreeTextTask(input: material.input, confidence: material.minimumConfidence, template: template))
            }
        self.init(loopName: material.loopName, flow: flow, createdAt: material.createdAt, deadline: material.deadline, body: body)
        self.template = template
        showsMedia = material.mediaValue != nil || [.documentForm, .imageModeration].contains(flow.taskType)
    }
}

extension FormTask {
    init(input: JSONValue, marks: ActivationMarks) {
        let response = input["aiServiceResponse"] ?? .null
        let found = TextractForm.fields(in: response)
        let items = found.map { field in
            FormItem(id: field.keyBlockId, key: field.key, value: field.value, confidence: field.confidence,
                     lowestWord: field.wordConfidences.min(), page: field.page, isMarked: marks.matches.contains(field.key),
                     isMissingKey: false, aliases: [], keyBox: field.keyGeometry.flatMap(BoundingBox.init(geometry:)),
                     valueBox: field.valueGeometry.flatMap(BoundingBox.init(geometry:)))
        }
        let missing = marks.missingKeys(among: found.map(\.key)).map { key in
            FormItem(id: "missing:" + key.name, key: key.name, value: "", confidence: nil, lowestWord: nil, page: 0,
                     isMarked: true, isMissingKey: true, aliases: key.aliases)
        }
        pages = TextractForm.pageCount(in: response)
        fields = items + missing
        metadata = Self.metadata(input, pages: pages)
    }

    private static func metadata(_ input: JSONValue, pages: Int) -> [String] {
        let meta = input["metadata"] ?? .null
        let object = ServiceData.request(in: input)["Document"]?["S3Object"]
        let file = meta["fileName"]?.stringValue ?? object?["Name"]?.stringValue ?? "(document name not given)"
        let parts = [
            meta["format"]?.stringValue, pages == 1 ? "1 page" : "\(pages) pages",
            Format.bytes(meta["bytes"]), Format.pixels(meta["width"], meta["height"]),
        ]
        return [file, parts.compactMap { $0 }.joined(separator: " · ")]
    }
}

extension ModerationTask {
    /// The labels the model reported, then those of the flow's `Labels` it did not report (unscored),
    /// as one tree. An unreported label is in the model's answer only as an ancestor of a reported one.
    init(input: JSONValue, marks: ActivationMarks, flowLabels: [ModerationLabelName]) {
        let reported = ModerationLabel.labels(in: input["aiServiceResponse"] ?? .null)
        let reportedNames = Set(reported.map(\.name))
        var listed = reported.map {
            LabelItem(name: $0.name, parentName: $0.parentName, confidence: $0.confidence, depth: 0,
                      isTriggered: marks.matches.contains($0.name), isInModelAnswer: true)
        } + flowLabels.filter { !reportedNames.contains($0.name) }.map {
            LabelItem(name: $0.name, parentName: $0.parentName, confidence: nil, depth: 0, isTriggered: false, isInModelAnswer: false)
        }
        // Every ancestor of a reported label is in the model's answer: each name is walked up from once.
        let byName = Dictionary(listed.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var implied = Set<String>()
        for label in reported {
            var parent = label.parentName
            while let item = byName[parent], implied.insert(item.name).inserted { parent = item.parentName }
        }
        for index in listed.indices where implied.contains(listed[index].name) { listed[index].isInModelAnswer = true }
        labels = Self.treeOrder(listed)
        metadata = Self.metadata(input)
    }

    /// Parents before their children, siblings in list order, with each label's depth; a label whose
    /// parent is absent is a root. Linear in the labels, however deep the tree (no recursion).
    static func treeOrder(_ labels: [LabelItem]) -> [LabelItem] {
        let names = Set(labels.map(\.name))
        let children = Dictionary(grouping: labels.indices, by: { labels[$0].parentName })
        var result: [LabelItem] = []
        var placed = Set<String>()
        func visit(_ root: Int) {
            var pending = [(index: root, depth: 0)]
            while let (index, depth) = pending.popLast() {
                guard placed.insert(labels[index].name).inserted else { continue }
                var placedLabel = labels[index]
                placedLabel.depth = depth
                result.append(placedLabel)
                for child in (children[labels[index].name] ?? []).reversed() { pending.append((child, depth + 1)) }
            }
        }
        for index in labels.indices where labels[index].parentName.isEmpty || !names.contains(labels[index].parentName) { visit(index) }
        for index in labels.indices { visit(index) }
        return result
    }

    private static func metadata(_ input: JSONValue) -> [String] {
        let meta = input["metadata"] ?? .null
        let object = ServiceData.request(in: input)["Image"]?["S3Object"]
        let fallback = object.map { "\($0["Bucket"]?.stringValue ?? "")/\($0["Name"]?.stringValue ?? "")" }
        let path = meta["path"]?.stringValue ?? fallback ?? "(image path not given)"
        let exif = meta["exif"] ?? .null
        let camera = [exif["Make"]?.stringValue, exif["Model"]?.stringValue].compactMap { $0 }
        let parts = [
            meta["format"]?.stringValue, Format.pixels(meta["width"], meta["height"]),
            Format.bytes(meta["bytes"]),
            camera.isEmpty ? nil : Format.camera(make: camera.first, model: camera.last),
            exif["DateTimeOriginal"]?.stringValue.map { "taken \(Format.exifTime($0))" },
        ]
        let line = parts.compactMap { $0 }.joined(separator: " · ")
        return [path, line.isEmpty ? "no image metadata" : line + (exif == .null ? " · no EXIF" : "")]
    }
}

extension ClassificationTask {
    /// The template's `classification-target` text is the text to classify, and its `initial-value`
    /// stands for the model's class when the input has no prediction.
    init(input: JSONValue, flow: FlowDefinition, template: TemplateContent? = nil) {
        let prediction = input["prediction"] ?? .null
        let scale = flow.confidenceScale
        let initial = template?.initialValue.flatMap { flow.categories.contains($0) ? $0 : nil }
        predicted = prediction["label"]?.stringValue ?? initial
        confidence = flow.confidencePath?.values(in: input).compactMap(\.numberValue).min().map(scale.percent)
            ?? prediction["confidence"]?.numberValue.map(scale.percent)
        text = template?.text ?? input["text"]?.stringValue ?? (template?.pictureURI == nil ? input.encodedString(pretty: true) : "")
        shownText = WrappedText(sanitizing: text)
        details = Self.details(input["metadata"])
        rows = Self.rows(prediction, flow: flow, predicted: predicted)
        if flow.workerTemplate?.element == .multiSelect {
            let labels = prediction["labels"]?.arrayValue?.compactMap(\.stringValue) ?? template?.initialLabels ?? predicted.map { [$0] } ?? []
            modelLabels = labels.filter(flow.categories.contains)
        }
    }

    private static func rows(_ prediction: JSONValue, flow: FlowDefinition, predicted: String?) -> [CategoryItem] {
        var scores: [(String, Double)] = (prediction["scores"]?.arrayValue ?? []).compactMap { score in
            guard let label = score["label"]?.stringValue, let value = score["confidence"]?.numberValue else { return nil }
            return (label, flow.confidenceScale.percent(value))
        }
        if scores.isEmpty, let predicted, let value = prediction["confidence"]?.numberValue {
            scores = [(predicted, flow.confidenceScale.percent(value))]
        }
        let byLabel = Dictionary(scores, uniquingKeysWith: max)
        let labels = scores.sorted { $0.1 > $1.1 }.map(\.0) + flow.categories
        var seen = Set<String>()
        let ordered = labels.filter { seen.insert($0).inserted }
        let numbered = ordered.filter(flow.categories.contains) + ordered.filter { !flow.categories.contains($0) }
        return numbered.map { label in
            CategoryItem(label: label, confidence: byLabel[label], number: flow.categories.firstIndex(of: label).map { $0 + 1 },
                         isPredicted: label == predicted)
        }
    }

    private static func details(_ metadata: JSONValue?) -> [String] {
        guard let members = metadata?.objectValue, !members.isEmpty else { return [] }
        let parts = members.keys.sorted().map { key -> String in
            let value = members[key]!
            return "\(key): \(value.stringValue ?? value.encodedString())"
        }
        return [parts.joined(separator: " · ")]
    }
}

extension FreeTextTask {
    /// With a template's text area or input: the form's text is the prompt, its `value` the text to edit
    /// (when the input has no `modelOutput`), its `label` and `placeholder` head the text.
    init(input: JSONValue, confidence: Double?, template: TemplateContent? = nil) {
        prompt = input["prompt"]?.stringValue ?? template?.text
        shownPrompt = prompt.map(WrappedText.init(sanitizing:))
        output = input[AnswerContent.modelTextMember]?.stringValue ?? template?.value ?? ""
        paragraphs = output.components(separatedBy: "\n")
        shownParagraphs = paragraphs.map(WrappedText.init(sanitizing:))
        self.confidence = confidence
        model = input["model"]?.stringValue
        label = template?.label
        placeholder = template?.placeholder
    }

    /// The text with the reviewer's paragraph edits applied.
    public func text(with edits: [Int: String]) -> String {
        guard !edits.isEmpty else { return output }
        return paragraphs.enumerated().map { edits[$0] ?? $1 }.joined(separator: "\n")
    }
}
