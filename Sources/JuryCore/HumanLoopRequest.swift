import Foundation
import JuryJSON

/// A StartHumanLoop request as a producer drops it into the inbox.
public struct HumanLoopRequest: Sendable, Equatable {
    public let name: String
    public let flowName: String
    /// The flow's ARN when the producer gave one.
    public let flowARN: String?
    /// `HumanLoopInput.InputContent`: a JSON document held as a string, kept exactly as sent.
    public let inputContent: String
    public let contentClassifiers: [String]

    /// `InputContent` parsed. A request holds only the text (what the ledger stores), so each use parses
    /// it again: keep the value while you need it. Both initialisers make sure the text parses.
    public var input: JSONValue { (try? JSONValue.parse(inputContent)) ?? .null }

    /// A2I's limit on `InputContent`, in characters as A2I counts them: UTF-16 units (a combining mark is
    /// one, an emoji two).
    public static let maximumInputContentLength = 3_145_728
    /// A2I's content classifiers.
    public static let knownClassifiers = ["FreeOfPersonallyIdentifiableInformation", "FreeOfAdultContent"]
    /// A2I's limit on `DataAttributes.ContentClassifiers` entries.
    static let maximumContentClassifiers = 256

    public init(name: String, flowName: String, flowARN: String? = nil, input: JSONValue, contentClassifiers: [String] = []) {
        self.name = name
        self.flowName = flowName
        self.flowARN = flowARN
        inputContent = input.encodedString()
        self.contentClassifiers = contentClassifiers
    }

    private init(name: String, flowName: String, flowARN: String?, inputContent: String, classifiers: [String]) {
        self.name = name
        self.flowName = flowName
        self.flowARN = flowARN
        self.inputContent = inputContent
        contentClassifiers = classifiers
    }

    /// The request as the inbox file's JSON.
    public var json: JSONValue {
        Self.document(name: name, flowName: flowName, flowARN: flowARN, inputContent: inputContent, classifiers: contentClassifiers)
    }

    private static func document(name: String, flowName: String, flowARN: String?, inputContent: String, classifiers: [String]) -> JSONValue {
        var object: [String: JSONValue] = [
            "HumanLoopName": .string(name), "FlowDefinitionName": .string(flowName),
            "HumanLoopInput": .object(["InputContent": .string(inputContent)]),
        ]
        if let flowARN { object["FlowDefinitionArn"] = .string(flowARN) }
        if !classifiers.isEmpty {
            object["DataAttributes"] = .object(["ContentClassifiers": .array(classifiers.map(JSONValue.string))])
        }
        return .object(object)
    }

    /// What makes two requests "the same" for idempotent ingest: flow, input and classifiers.
    public var identity: String { Self.identity(flowName: flowName, inputContent: inputContent, classifiers: contentClassifiers) }

    /// The identity of a request with these parts (also of one stored in the ledger).
    static func identity(flowName: String, inputContent: String, classifiers: [String]) -> String {
        flowName + "\u{0}" + inputContent + "\u{0}" + classifiers.sorted().joined(separator: ",")
    }
}

extension HumanLoopRequest {
    /// Reads an inbox file's bytes.
    /// - Throws: `Rejection` with the code and JSON path of the first thing wrong.
    public static func parse(_ data: Data) throws(Rejection) -> HumanLoopRequest {
        try parseWithInput(data).request
    }

    /// Reads an inbox file's bytes, returning the parsed InputContent too (so ingest parses it once).
    /// - Throws: `Rejection` with the code and JSON path of the first thing wrong.
    static func parseWithInput(_ data: Data) throws(Rejection) -> (request: HumanLoopRequest, input: JSONValue) {
        let document: JSONValue
        do {
            document = try JSONValue.parse(data, maximumValues: maximumRequestValues)
        } catch {
            throw Rejection(code(for: error), error.description)
        }
        return try parseWithInput(document: document)
    }

    /// The most JSON values an inbox request may hold outside its InputContent (a string, one value):
    /// its members take a dozen; a file of millions of values is refused before they are built.
    static let maximumRequestValues = 10_000

    /// Reads a request already parsed as JSON (a StartHumanLoop body), with its InputContent parsed,
    /// checked as an inbox file's request is.
    /// - Throws: `Rejection` with the code and JSON path of the first thing wrong.
    public static func parseWithInput(document: JSONValue) throws(Rejection) -> (request: HumanLoopRequest, input: JSONValue) {
        guard document.objectValue != nil else {
            throw Rejection(.wrongSchema, "a request must be a JSON object, not \(document.typeName)", at: .root)
        }
        let name = try requiredString("HumanLoopName", in: document)
        if let problem = ResourceName.problem(with: name) {
            throw Rejection(.badName, "HumanLoopName \"\(name)\" \(problem)", at: JSONPath.root.appending("HumanLoopName"))
        }
        let (flowName, flowARN) = try flowReference(in: document)
        let (text, input) = try inputContent(in: document)
        let classifiers = try contentClassifiers(in: document)
        return (HumanLoopRequest(name: name, flowName: flowName, flowARN: flowARN, inputContent: text, classifiers: classifiers), input)
    }

    private static func code(for error: JSONReadError) -> Rejection.Code {
        switch error.kind {
        case .invalidUTF8: .invalidUTF8
        case .syntax: .notJSON
        case .duplicateKey: .duplicateKey
        case .tooManyValues: .tooLarge
        }
    }

    private static func requiredString(_ key: String, in document: JSONValue) throws(Rejection) -> String {
        guard let value = document[key] else { throw Rejection(.wrongSchema, "required member missing", at: JSONPath.root.appending(key)) }
        guard let text = value.stringValue else {
            throw Rejection(.wrongSchema, "must be a string, not \(value.typeName)", at: JSONPath.root.appending(key))
        }
        return text
    }

    private static func flowReference(in document: JSONValue) throws(Rejection) -> (String, String?) {
        if let value = document["FlowDefinitionArn"] {
            let path = JSONPath.root.appending("FlowDefinitionArn")
            guard let arn = value.stringValue else { throw Rejection(.wrongSchema, "must be a string, not \(value.typeName)", at: path) }
            guard ResourceName.isFlowDefinitionARN(arn) else {
                throw Rejection(.wrongSchema, "must be a flow definition's ARN, arn:aws:sagemaker:REGION:ACCOUNT:flow-definition/NAME (A2I's form)", at: path)
            }
            return (ResourceName.lastSegment(ofARN: arn), arn)
        }
        if document["FlowDefinitionName"] == nil {
            throw Rejection(.wrongSchema, "required: FlowDefinitionName or FlowDefinitionArn", at: JSONPath.root.appending("FlowDefinitionName"))
        }
        return (try requiredString("FlowDefinitionName", in: document), nil)
    }

    private static func inputContent(in document: JSONValue) throws(Rejection) -> (String, JSONValue) {
        let path = JSONPath.root.appending("HumanLoopInput").appending("InputContent")
        guard let value = document["HumanLoopInput"]?["InputContent"] else { throw Rejection(.wrongSchema, "required member missing", at: path) }
        guard let text = value.stringValue else {
            throw Rejection(.wrongSchema, "must be a string holding JSON, not \(value.typeName)", at: path)
        }
        // A UTF-16 unit takes at least one byte, so only a text of more bytes than the limit needs counting.
        guard text.utf8.count <= maximumInputContentLength || text.utf16.count <= maximumInputContentLength else {
            throw Rejection(.tooLarge, "InputContent has \(text.utf16.count) characters; A2I's limit is \(maximumInputContentLength)", at: path)
        }
        do {
            return (text, try JSONValue.parse(text))
        } catch {
            throw Rejection(error.kind == .duplicateKey ? .duplicateKey : .wrongSchema, "InputContent: \(error.description)", at: path)
        }
    }

    private static func contentClassifiers(in document: JSONValue) throws(Rejection) -> [String] {
        let path = JSONPath.root.appending("DataAttributes").appending("ContentClassifiers")
        guard let attributes = document["DataAttributes"] else { return [] }
        guard attributes.objectValue != nil else {
            throw Rejection(.wrongSchema, "must be an object holding ContentClassifiers, not \(attributes.typeName)", at: JSONPath.root.appending("DataAttributes"))
        }
        guard let value = attributes["ContentClassifiers"] else {
            throw Rejection(.wrongSchema, "required when DataAttributes is given (A2I's rule): an array of \(knownClassifiers.joined(separator: ", "))", at: path)
        }
        let names = value.arrayValue?.compactMap(\.stringValue) ?? []
        guard names.count == value.arrayValue?.count, names.count <= maximumContentClassifiers, names.allSatisfy(knownClassifiers.contains) else {
            throw Rejection(.wrongSchema, "must be an array of \(knownClassifiers.joined(separator: ", "))", at: path)
        }
        return names
    }
}

/// Why an inbox file was not accepted; written beside the kept original in `rejected/`.
public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable, CaseIterable {
        case notJSON = "not-json"
        case invalidUTF8 = "invalid-utf8"
        case wrongSchema = "wrong-schema"
        case badName = "bad-name"
        case unknownFlow = "unknown-flow"
        case tooLarge = "too-large"
        case symlink
        case notRegularFile = "not-a-regular-file"
        case unreadable
        case notJSONFileName = "not-a-json-file-name"
        case fileNameNotUTF8 = "file-name-not-utf8"
        case duplicateKey = "duplicate-key"
        case conflict
    }

    public let code: Code
    public let reason: String
    public let path: JSONPath?

    public init(_ code: Code, _ reason: String, at path: JSONPath? = nil) {
        self.code = code
        self.reason = reason
        self.path = path
    }

    public var description: String { path.map { "\(code.rawValue): \($0): \(reason)" } ?? "\(code.rawValue): \(reason)" }
}
