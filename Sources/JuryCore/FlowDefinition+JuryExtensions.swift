import JuryJSON

/// Jury's own settings, read from the flow's `Jury` block.
struct JurySettings {
    var taskType: TaskType
    var categories: [String]
    var moderationLabels: [ModerationLabelName]
    var threshold: Double
    var path: JSONPath?
    var scale: ConfidenceScale
    var answerName: String
    var consensus: ConsensusSettings
}

/// Reads the `Jury` block of a flow, collecting problems.
struct JuryExtensions {
    static let knownKeys: Set<String> = [
        "TaskType", "Categories", "Labels", "ConfidenceThreshold", "ConfidencePath", "ConfidenceScale", "AnswerName", "Consensus",
        "MediaPath", "ObjectRoot", "Template",
    ]

    let block: JSONValue
    let source: RequestSource?
    /// The flow's worker template (`Jury.Template`), read by `FlowTemplateReading`.
    let template: WorkerTemplate?
    let path = JSONPath.root.appending("Jury")
    var problems: [ValidationProblem] = []

    init(block: JSONValue, source: RequestSource?, template: WorkerTemplate? = nil) {
        self.block = block
        self.source = source
        self.template = template
    }

    mutating func read() -> JurySettings? {
        guard block.objectValue != nil else {
            problems.append(ValidationProblem(path, "must be an object"))
            return nil
        }
        problems += ValidationProblem.unknownKeys(in: block, at: path, known: Self.knownKeys.sorted(), kind: "Jury setting")
        guard let taskType = taskType() else { return nil }
        let threshold = threshold()
        let settings = JurySettings(
            taskType: taskType, categories: categories(for: taskType), moderationLabels: moderationLabels(for: taskType),
            threshold: threshold,
            path: jsonPath("ConfidencePath", example: "$.prediction.confidence"), scale: scale(), answerName: answerName(for: taskType),
            consensus: consensus(defaultThreshold: threshold / 100))
        _ = jsonPath("MediaPath", example: "$.taskObject")
        if let root = block["ObjectRoot"], root.stringValue?.isEmpty != false {
            problems.append(ValidationProblem(path.appending("ObjectRoot"), "must be a directory path"))
        }
        return problems.isEmpty ? settings : nil
    }

    private mutating func taskType() -> TaskType? {
        let keyPath = path.appending("TaskType")
        let implied = source.map(TaskType.init(source:))
        guard let raw = block["TaskType"] else {
            if implied == nil {
                problems.append(ValidationProblem(keyPath, "required for a flow without an AWS request source: classification or free-text "
                    + "(or put the flow's worker template beside it, NAME.liquid or NAME.html, and Jury reads it from there)"))
            }
            return implied
        }
        guard let type = raw.stringValue.flatMap(TaskType.init(rawValue:)) else {
            problems.append(ValidationProblem(keyPath, "must be one of \(TaskType.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        if let implied, implied != type {
            problems.append(ValidationProblem(keyPath, "\(type.rawValue) contradicts the request source, which implies \(implied.rawValue)"))
            return nil
        }
        if implied == nil, type == .documentForm || type == .imageModeration {
            problems.append(ValidationProblem(keyPath, "\(type.rawValue) needs the matching AwsManagedHumanLoopRequestSource"))
            return nil
        }
        return type
    }

    private mutating func categories(for type: TaskType) -> [String] {
        let keyPath = path.appending("Categories")
        let values = block["Categories"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if block["Categories"] == nil, template?.hasCategoriesPerLoop == true { return [] }
        guard type == .classification else {
            if block["Categories"] != nil { problems.append(ValidationProblem(keyPath, "only classification flows have categories")) }
            return []
        }
        let valid = values.count >= 2 && values.count == block["Categories"]?.arrayValue?.count
            && Set(values).count == values.count && values.allSatisfy { !$0.isEmpty }
        if !valid { problems.append(ValidationProblem(keyPath, "required: at least 2 distinct non-empty strings")) }
        return values
    }

    /// `Labels`: `[{"Name": "Violence"}, {"Name": "Weapons", "ParentName": "Violence"}, …]`: names
    /// distinct, a `ParentName` (optional: top-level) naming a label listed before; image-moderation
    /// flows only. The list is thus a tree.
    private mutating func moderationLabels(for type: TaskType) -> [ModerationLabelName] {
        let keyPath = path.appending("Labels")
        guard let raw = block["Labels"] else { return [] }
        guard type == .imageModeration else {
            problems.append(ValidationProblem(keyPath, "only image-moderation flows have labels"))
            return []
        }
        guard let entries = raw.arrayValue else {
            problems.append(ValidationProblem(keyPath, "must be an array of {\"Name\", \"ParentName\"}"))
            return []
        }
        var labels: [ModerationLabelName] = []
        for (index, entry) in entries.enumerated() {
            let entryPath = keyPath.appending(index)
            problems += ValidationProblem.unknownKeys(in: entry, at: entryPath, known: ["Name", "ParentName"], kind: "key")
            guard let name = entry["Name"]?.stringValue, !name.isEmpty,
                  entry["ParentName"].map({ $0.stringValue != nil }) ?? true else {
                problems.append(ValidationProblem(entryPath, "needs a non-empty Name and, if given, a string ParentName"))
                continue
            }
            let parent = entry["ParentName"]?.stringValue ?? ""
            guard !labels.contains(where: { $0.name == name }) else {
                problems.append(ValidationProblem(entryPath, "\"\(name)\" is listed twice"))
                continue
            }
            guard parent.isEmpty || labels.contains(where: { $0.name == parent }) else {
                problems.append(ValidationProblem(entryPath.appending("ParentName"), "\"\(parent)\" is not a label listed before this one"))
                continue
            }
            labels.append(ModerationLabelName(name: name, parentName: parent))
        }
        return labels
    }

    /// `AnswerName`: the answer's member for classification (default `category`) and free text (default
    /// `freeText`; another name makes the answer a named free field, `{"transcription": "…"}`).
    private mutating func answerName(for type: TaskType) -> String {
        let fallback = type == .freeText ? FlowDefinition.freeTextAnswerName : "category"
        guard let raw = block["AnswerName"] else { return fallback }
        guard type == .classification || type == .freeText, let name = raw.stringValue, !name.isEmpty, name != "comment" else {
            problems.append(ValidationProblem(path.appending("AnswerName"), "classification and free-text flows only: a non-empty member name other than comment"))
            return fallback
        }
        return name
    }

    private mutating func threshold() -> Double {
        guard let raw = block["ConfidenceThreshold"] else { return FlowDefinition.defaultConfidenceThreshold }
        guard let value = raw.numberValue, (0...100).contains(value) else {
            problems.append(ValidationProblem(path.appending("ConfidenceThreshold"), "must be a number from 0 to 100 (percent)"))
            return FlowDefinition.defaultConfidenceThreshold
        }
        return value
    }

    /// The JSON path at `key` (`ConfidencePath`, `MediaPath`), nil when absent; a problem when it does not parse.
    private mutating func jsonPath(_ key: String, example: String) -> JSONPath? {
        guard let raw = block[key] else { return nil }
        guard let text = raw.stringValue else {
            problems.append(ValidationProblem(path.appending(key), "must be a string such as \(example)"))
            return nil
        }
        do {
            return try JSONPath.parse(text)
        } catch {
            problems.append(ValidationProblem(path.appending(key), "\(error)"))
            return nil
        }
    }

    private mutating func consensus(defaultThreshold: Double) -> ConsensusSettings {
        guard let raw = block["Consensus"] else { return .standard }
        var reader = ConsensusSettingsReader(block: raw, path: path.appending("Consensus"))
        let settings = reader.read(defaultThreshold: defaultThreshold)
        problems += reader.problems
        return settings
    }

    private mutating func scale() -> ConfidenceScale {
        guard let raw = block["ConfidenceScale"] else { return .percent }
        guard let scale = raw.stringValue.flatMap(ConfidenceScale.init(rawValue:)) else {
            problems.append(ValidationProblem(path.appending("ConfidenceScale"), "must be fraction (0-1) or percent (0-100)"))
            return .percent
        }
        return scale
    }
}

extension FlowDefinition {
    /// `Jury.MediaPath`: where a custom flow's input names its image (a JSON path such as
    /// `$.taskObject`, to a URI string or an `Image`-shaped object); nil when not set.
    public var mediaPath: JSONPath? {
        storedForm["Jury"]?["MediaPath"]?.stringValue.flatMap { try? JSONPath.parse($0) }
    }

    /// `Jury.ObjectRoot`: the directory that holds this flow's `s3://bucket/key` objects as
    /// `ROOT/bucket/key` (over the queue's setting); nil when not set.
    public var objectRoot: String? { storedForm["Jury"]?["ObjectRoot"]?.stringValue }
}
