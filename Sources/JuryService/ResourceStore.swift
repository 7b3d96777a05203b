import Crypto
import Foundation
import JuryCore
import JuryJSON

/// Flow definitions (`flows/NAME.json`, what `jury flow` and ingest read) and worker task templates
/// (`templates/NAME.html`) as SageMaker's Create/Describe/List/Delete calls see them. Creation times
/// are the files' modification times; answers use SageMaker's JSON 1.1 shapes (times in seconds since 1970).
struct ResourceStore {
    enum Kind {
        case flow, taskUi

        var noun: String { self == .flow ? "flow definition" : "human task UI" }
    }

    let queue: QueueDirectory
    let arns: ARNScheme

    /// The largest template SageMaker accepts, in characters.
    static let maximumTemplateLength = 128_000

    func file(_ kind: Kind, named name: String) -> URL {
        kind == .flow ? queue.flowsURL.appending(path: "\(name).json") : queue.templatesURL.appending(path: "\(name).html")
    }

    /// CreateFlowDefinition: stores the request as the flow's file once it passes `jury flow check` with
    /// its worker template (the task UI its `HumanTaskUiArn` names, from `templates/`), A2I's limits
    /// included: a flow file may do without `RoleArn` or write to a local folder, a created flow may not
    /// (its outputs go to `QUEUE/output/BUCKET/PREFIX`), nor say where the service reads media
    /// (`Jury.ObjectRoot`: only the queue's owner does, in a flow file or `JURY_OBJECT_ROOT`).
    /// - Throws: `JuryError.invalidInput` listing the flow's problems, `.conflict` when the name is taken.
    func createFlow(_ definition: JSONValue) throws -> String {
        let data = definition.encoded(pretty: true)
        let name = definition["FlowDefinitionName"]?.stringValue ?? ""
        if let problem = ResourceName.problem(with: name) { throw JuryError.invalidInput("FlowDefinitionName \(name) \(problem)") }
        guard definition["Jury"]?["ObjectRoot"] == nil else {
            throw JuryError.invalidInput("\(name).json: $.Jury.ObjectRoot: a flow created through the API may not set where the service reads media; "
                                         + "the queue's owner sets it (the flow's file in flows/, or JURY_OBJECT_ROOT for jury serve)")
        }
        let check = FlowDefinition.check(definition, template: template(for: definition, flow: name))
        guard check.isValidForA2I else {
            let refused = check.problems.filter { $0.severity == .error || $0.severity == .a2i }
            throw JuryError.invalidInput(FlowDefinitionError(file: "\(name).json", problems: refused).description)
        }
        try create(.flow, named: name, data: data)
        return arns.flowDefinition(name)
    }

    /// DescribeFlowDefinition: the stored definition with its ARN, status (`Failed` with the reason for a
    /// file `jury flow check` refuses) and creation time.
    func describeFlow(_ name: String) throws -> JSONValue {
        let (data, created) = try read(.flow, named: name)
        var document = (try? JSONValue.parse(data))?.objectValue ?? [:]
        document["FlowDefinitionName"] = .string(name)
        document["FlowDefinitionArn"] = .string(arns.flowDefinition(name))
        document["CreationTime"] = .number(created)
        document["FlowDefinitionStatus"] = "Active"
        document["Jury"] = nil
        do {
            _ = try FlowDefinition.load(data, file: "\(name).json", template: template(for: .object(document), flow: name))
        } catch {
            document["FlowDefinitionStatus"] = "Failed"
            document["FailureReason"] = .string(String("\(error)".prefix(1_024)))
        }
        return .object(Self.conditionsAsText(document))
    }

    /// `document` with its activation conditions as the JSON text SageMaker's model gives them (a flow
    /// file may write them as an object), so a description passed back to CreateFlowDefinition is valid.
    static func conditionsAsText(_ document: [String: JSONValue]) -> [String: JSONValue] {
        guard var activation = document["HumanLoopActivationConfig"]?.objectValue,
              var config = activation["HumanLoopActivationConditionsConfig"]?.objectValue,
              let conditions = config["HumanLoopActivationConditions"], conditions.stringValue == nil else { return document }
        config["HumanLoopActivationConditions"] = .string(String(decoding: conditions.encoded(), as: UTF8.self))
        activation["HumanLoopActivationConditionsConfig"] = .object(config)
        var described = document
        described["HumanLoopActivationConfig"] = .object(activation)
        return described
    }

    /// The worker template the queue reads for flow `name` (see `WorkerTemplate.file(besideFlow:document:store:)`).
    private func template(for definition: JSONValue, flow name: String) -> String? {
        WorkerTemplate.file(besideFlow: file(.flow, named: name), document: definition, store: queue.templatesURL)
    }

    /// ListFlowDefinitions' summaries, oldest first.
    func flowSummaries() -> [JSONValue] {
        names(.flow).compactMap { name in
            guard let document = try? describeFlow(name).objectValue else { return nil }
            return .object(document.filter { ["FlowDefinitionName", "FlowDefinitionArn", "FlowDefinitionStatus", "CreationTime", "FailureReason"].contains($0.key) })
        }
    }

    /// CreateHumanTaskUi: stores the Liquid template as `templates/NAME.html`.
    /// - Throws: `JuryError.invalidInput` for a bad name or an empty or too long template, `.conflict` when taken.
    func createTaskUi(_ name: String, template: String) throws -> String {
        if let problem = ResourceName.problem(with: name) { throw JuryError.invalidInput("HumanTaskUiName \(name) \(problem)") }
        guard (1...Self.maximumTemplateLength).contains(template.count) else {
            throw JuryError.invalidInput("UiTemplate.Content must have 1 to \(Self.maximumTemplateLength) characters, not \(template.count)")
        }
        try create(.taskUi, named: name, data: Data(template.utf8))
        return arns.humanTaskUi(name)
    }

    /// DescribeHumanTaskUi: the template's ARN, creation time, file URL and SHA-256 (hex).
    func describeTaskUi(_ name: String) throws -> JSONValue {
        let (data, created) = try read(.taskUi, named: name)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return [
            "HumanTaskUiArn": .string(arns.humanTaskUi(name)), "HumanTaskUiName": .string(name), "HumanTaskUiStatus": "Active",
            "CreationTime": .number(created),
            "UiTemplate": ["Url": .string(file(.taskUi, named: name).absoluteString), "ContentSha256": .string(digest)],
        ]
    }

    /// ListHumanTaskUis' summaries, oldest first.
    func taskUiSummaries() -> [JSONValue] {
        names(.taskUi).compactMap { name in
            guard let created = try? read(.taskUi, named: name).created else { return nil }
            return ["HumanTaskUiName": .string(name), "HumanTaskUiArn": .string(arns.humanTaskUi(name)), "CreationTime": .number(created)]
        }
    }

    /// Removes a flow's or template's file. Loops already started keep the flow version they were made with.
    /// - Throws: `JuryError.notFound` when there is none, `invalidInput` for a name no resource may have.
    func delete(_ kind: Kind, named name: String) throws {
        try Self.requireValidName(name, of: kind)
        guard unlink(file(kind, named: name).path) == 0 else { throw JuryError.notFound("no \(kind.noun) named \(name)") }
    }

    /// - Throws: `JuryError.invalidInput` (SageMaker's ValidationException) when `name` is not of the
    ///   model's pattern: no such resource could exist, and the call is malformed.
    private static func requireValidName(_ name: String, of kind: Kind) throws {
        if let problem = ResourceName.problem(with: name) {
            throw JuryError.invalidInput("1 validation error detected: the \(kind.noun) name \(name) \(problem)")
        }
    }

    private func create(_ kind: Kind, named name: String, data: Data) throws {
        guard try DurableFile.create(data, at: file(kind, named: name)) else {
            throw JuryError.conflict("a \(kind.noun) named \(name) exists already; delete it first")
        }
    }

    private func read(_ kind: Kind, named name: String) throws -> (data: Data, created: Double) {
        try Self.requireValidName(name, of: kind)
        let url = file(kind, named: name)
        guard let data = try? Data(contentsOf: url),
              let modified = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        else { throw JuryError.notFound("no \(kind.noun) named \(name)") }
        return (data, modified.timeIntervalSince1970)
    }

    /// The names of the stored files of `kind`, oldest first (then by name).
    private func names(_ kind: Kind) -> [String] {
        let folder = kind == .flow ? queue.flowsURL : queue.templatesURL
        let suffix = kind == .flow ? ".json" : ".html"
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        return files.filter { $0.lastPathComponent.hasSuffix(suffix) && !$0.lastPathComponent.hasPrefix(".") }
            .map { (name: String($0.lastPathComponent.dropLast(suffix.count)),
                    created: (try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast) }
            .sorted { ($0.created, $0.name) < ($1.created, $1.name) }
            .map(\.name)
    }
}
