import Foundation
import JuryJSON

/// The result of checking a flow definition: the flow when usable, and every problem and note found.
public struct FlowCheck: Sendable {
    public let flow: FlowDefinition?
    public let problems: [ValidationProblem]

    public var errors: [ValidationProblem] { problems.filter { $0.severity == .error } }

    /// Whether A2I's CreateFlowDefinition would take the flow as it is: usable, and no `.a2i` problem.
    public var isValidForA2I: Bool { flow != nil && !problems.contains { $0.severity == .a2i } }
}

/// A flow file that cannot be used, with every problem found in it.
public struct FlowDefinitionError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let problems: [ValidationProblem]

    public init(file: String, problems: [ValidationProblem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        "flow \(file) is invalid:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}

extension FlowDefinition {
    /// Top-level members of CreateFlowDefinition / DescribeFlowDefinition that Jury accepts.
    static let knownTopLevelKeys: Set<String> = [
        "FlowDefinitionName", "FlowDefinitionArn", "FlowDefinitionStatus", "CreationTime", "FailureReason",
        "HumanLoopRequestSource", "HumanLoopActivationConfig", "HumanLoopConfig", "OutputConfig", "RoleArn", "Tags",
        "ResponseMetadata", "Jury",
    ]

    /// Reads a flow file's bytes; `template` is the worker template beside it, if any (see `check`).
    /// - Throws: `FlowDefinitionError` listing every error (notes do not stop loading).
    public static func load(_ data: Data, file: String, template: String? = nil) throws -> FlowDefinition {
        let document: JSONValue
        do {
            document = try JSONValue.parse(data)
        } catch {
            throw FlowDefinitionError(file: file, problems: [ValidationProblem(.root, "\(error)")])
        }
        let check = check(document, template: template)
        guard let flow = check.flow else { throw FlowDefinitionError(file: file, problems: check.errors) }
        return flow
    }

    /// Validates a flow document and reports every problem with its JSON path.
    ///
    /// A flow without a `Jury` block takes its worker `template` (the file beside it; `WorkerTemplate`):
    /// a custom flow its task type, answer name and categories, every flow the header, instructions and
    /// Liquid its task screen shows. The stored form then carries the template as `Jury.Template` (with
    /// those settings), so the ledger's copy needs no template file; a stored form is read the same way.
    public static func check(_ document: JSONValue, template: String? = nil) -> FlowCheck {
        let reading = FlowTemplateReading(document: document, file: template)
        var reader = FlowReader(document: reading.document, template: reading.template)
        reader.problems = reading.problems
        let flow = reader.read()
        return FlowCheck(flow: reader.problems.contains { $0.severity == .error } ? nil : flow, problems: reader.problems)
    }
}

/// Walks a flow document, collecting problems as it goes.
private struct FlowReader {
    let document: JSONValue
    let template: WorkerTemplate?
    var problems: [ValidationProblem] = []

    mutating func read() -> FlowDefinition? {
        guard document.objectValue != nil else {
            problems.append(ValidationProblem(.root, "a flow definition must be a JSON object, not \(document.typeName)"))
            return nil
        }
        noteUnknownKeys()
        let name = flowName()
        let source = requestSource()
        let conditions = activationConditions(source: source)
        let config = document["HumanLoopConfig"] ?? .null
        let configPath = JSONPath.root.appending("HumanLoopConfig")
        if config.objectValue == nil { problems.append(ValidationProblem(configPath, "required: an object")) }
        let title = string("TaskTitle", in: config, at: configPath, lengths: 1...128)
        let description = string("TaskDescription", in: config, at: configPath, lengths: 1...255)
        let taskCount = integer("TaskCount", in: config, at: configPath, range: 1...100, default: nil)
        if let taskCount, taskCount > FlowDefinition.a2iMaximumTaskCount {
            problems.append(ValidationProblem(configPath.appending("TaskCount"),
                "\(taskCount) is above A2I's limit of \(FlowDefinition.a2iMaximumTaskCount); Jury allows it", severity: .note))
        }
        let lifetime = integer("TaskAvailabilityLifetimeInSeconds", in: config, at: configPath, range: 1...31_536_000,
                               default: FlowDefinition.defaultLifetimeSeconds)
        let timeLimit = integer("TaskTimeLimitInSeconds", in: config, at: configPath, range: 30...604_800,
                                default: FlowDefinition.defaultTimeLimitSeconds)
        let team = string("WorkteamArn", in: config, at: configPath, lengths: 1...1024).map(ResourceName.lastSegment(ofARN:))
        let taskUi = config["HumanTaskUiArn"]?.stringValue.map(ResourceName.lastSegment(ofARN:))
        let keywords = taskKeywords(in: config, at: configPath)
        checkOutputPath()
        problems += A2IFlowConstraints.problems(in: document)
        var extensions = JuryExtensions(block: document["Jury"] ?? .object([:]), source: source, template: template)
        let settings = extensions.read()
        problems += extensions.problems
        guard let name, let title, let description, let taskCount, let lifetime, let timeLimit, let team, let settings else {
            return nil
        }
        return FlowDefinition(
            name: name, requestSource: source, activationConditions: conditions, taskTitle: title,
            taskDescription: description, taskCount: taskCount, taskAvailabilityLifetimeSeconds: lifetime,
            taskTimeLimitSeconds: timeLimit, taskKeywords: keywords, team: team, taskTemplate: taskUi,
            outputPath: document["OutputConfig"]?["S3OutputPath"]?.stringValue, taskType: settings.taskType,
            categories: settings.categories, moderationLabels: settings.moderationLabels, confidenceThreshold: settings.threshold, confidencePath: settings.path,
            confidenceScale: settings.scale, answerName: settings.answerName, consensus: settings.consensus,
            storedForm: document, workerTemplate: template)
    }

    private mutating func noteUnknownKeys() {
        for key in (document.objectValue ?? [:]).keys.sorted() where !FlowDefinition.knownTopLevelKeys.contains(key) {
            problems.append(ValidationProblem(JSONPath.root.appending(key), "unknown member, ignored", severity: .note))
        }
    }

    private mutating func flowName() -> String? {
        let path = JSONPath.root.appending("FlowDefinitionName")
        guard let name = document["FlowDefinitionName"]?.stringValue else {
            problems.append(ValidationProblem(path, "required: a string"))
            return nil
        }
        if let problem = ResourceName.problem(with: name) {
            problems.append(ValidationProblem(path, "\"\(name)\" \(problem)"))
            return nil
        }
        return name
    }

    private mutating func requestSource() -> RequestSource? {
        let path = JSONPath.root.appending("HumanLoopRequestSource").appending("AwsManagedHumanLoopRequestSource")
        guard let value = document["HumanLoopRequestSource"]?["AwsManagedHumanLoopRequestSource"] else { return nil }
        guard let text = value.stringValue, let source = RequestSource(rawValue: text) else {
            let names = RequestSource.allCases.map(\.rawValue).joined(separator: " or ")
            problems.append(ValidationProblem(path, "must be \(names)"))
            return nil
        }
        return source
    }

    private mutating func activationConditions(source: RequestSource?) -> [ActivationCondition]? {
        let path = JSONPath.root.appending("HumanLoopActivationConfig").appending("HumanLoopActivationConditionsConfig")
            .appending("HumanLoopActivationConditions")
        let config = document["HumanLoopActivationConfig"]?["HumanLoopActivationConditionsConfig"]
        guard let raw = config?["HumanLoopActivationConditions"] else { return nil }
        var conditions = raw
        if let text = raw.stringValue {
            do {
                conditions = try JSONValue.parse(text)
            } catch {
                problems.append(ValidationProblem(path, "the string does not hold JSON: \(error)"))
                return nil
            }
        }
        return ActivationCondition.parseConditions(conditions, at: path, source: source, problems: &problems)
    }

    /// `OutputConfig.S3OutputPath` becomes a folder: it must not climb out with `..`.
    private mutating func checkOutputPath() {
        guard let path = document["OutputConfig"]?["S3OutputPath"] else { return }
        let segments = path.stringValue?.split(separator: "/") ?? [".."]
        if segments.contains("..") || path.stringValue?.contains("\u{0}") == true {
            problems.append(ValidationProblem(JSONPath.root.appending("OutputConfig").appending("S3OutputPath"),
                                              "must be a string naming a folder without \"..\" segments"))
        }
    }

    private mutating func taskKeywords(in config: JSONValue, at path: JSONPath) -> [String] {
        guard let raw = config["TaskKeywords"] else { return [] }
        let keywords = raw.arrayValue?.compactMap(\.stringValue) ?? []
        guard raw.arrayValue?.count == keywords.count, (1...5).contains(keywords.count) else {
            problems.append(ValidationProblem(path.appending("TaskKeywords"), "must be 1 to 5 strings"))
            return keywords
        }
        for (index, keyword) in keywords.enumerated() where !A2IFlowConstraints.admitsKeyword(keyword) {
            problems.append(ValidationProblem(path.appending("TaskKeywords").appending(index),
                "\"\(keyword)\" must be 1 to 30 characters matching \(A2IFlowConstraints.keywordPattern) (letters and digits, words separated by single spaces)"))
        }
        return keywords
    }

    mutating func string(_ key: String, in object: JSONValue, at path: JSONPath, lengths: ClosedRange<Int>) -> String? {
        guard let value = object[key]?.stringValue, lengths.contains(value.count) else {
            problems.append(ValidationProblem(path.appending(key), "required: a string of \(lengths.lowerBound) to \(lengths.upperBound) characters"))
            return nil
        }
        return value
    }

    mutating func integer(_ key: String, in object: JSONValue, at path: JSONPath, range: ClosedRange<Int>, default fallback: Int?) -> Int? {
        guard let raw = object[key] else {
            if fallback == nil { problems.append(ValidationProblem(path.appending(key), "required: an integer")) }
            return fallback
        }
        guard let number = raw.numberValue, number == number.rounded(), range.contains(Int(exactly: number) ?? Int.min) else {
            problems.append(ValidationProblem(path.appending(key), "must be an integer from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return Int(number)
    }
}
