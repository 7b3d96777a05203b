import JuryJSON

/// A form key and its value as Textract's AnalyzeDocument (FORMS) found them.
public struct FormField: Sendable, Equatable {
    public let keyBlockId: String
    /// The key's words joined by single spaces, as Textract read them ("Invoice No:").
    public let key: String
    /// The value's words joined by single spaces; selection elements read "SELECTED" / "NOT_SELECTED".
    public let value: String
    /// The KEY_VALUE_SET confidence, 0-100 (Textract gives key and value one confidence).
    public let confidence: Double
    /// Confidences of the WORD blocks of key and value, 0-100.
    public let wordConfidences: [Double]
    public let page: Int
    /// The KEY and VALUE blocks' `Geometry` objects (Textract's `BoundingBox` and `Polygon`), as given.
    public let keyGeometry: JSONValue?
    public let valueGeometry: JSONValue?
}

/// Reads the key-value pairs out of a Textract AnalyzeDocument response.
public enum TextractForm {
    /// The form fields of `response` (PascalCase or A2I's lowerCamelCase), in the order of their KEY
    /// blocks. Blocks missing from the response (a relationship to an unknown id) are skipped, never guessed.
    public static func fields(in response: JSONValue) -> [FormField] {
        let blocks = ServiceData.pascalCased(response)["Blocks"]?.arrayValue ?? []
        var byId: [String: JSONValue] = [:]
        for block in blocks { if let id = block["Id"]?.stringValue { byId[id] = block } }
        return blocks.compactMap { block in
            guard block["BlockType"]?.stringValue == "KEY_VALUE_SET", isKey(block), let id = block["Id"]?.stringValue else {
                return nil
            }
            return field(key: block, id: id, byId: byId)
        }
    }

    /// The number of pages the response says the document has (1 when it does not say it as a whole
    /// number from 1).
    public static func pageCount(in response: JSONValue) -> Int {
        pageNumber(ServiceData.pascalCased(response)["DocumentMetadata"]?["Pages"])
    }

    /// A page number or count given as a whole number from 1, else 1.
    private static func pageNumber(_ value: JSONValue?) -> Int {
        value?.numberValue.flatMap { Int(exactly: $0) }.map { max(1, $0) } ?? 1
    }

    private static func isKey(_ block: JSONValue) -> Bool {
        block["EntityTypes"]?.arrayValue?.contains(.string("KEY")) ?? false
    }

    private static func field(key: JSONValue, id: String, byId: [String: JSONValue]) -> FormField {
        let keyWords = related(key, type: "CHILD", byId: byId)
        let valueBlock = related(key, type: "VALUE", byId: byId).first
        let valueWords = valueBlock.map { related($0, type: "CHILD", byId: byId) } ?? []
        let confidences = [key["Confidence"]?.numberValue, valueBlock?["Confidence"]?.numberValue].compactMap { $0 }
        return FormField(
            keyBlockId: id,
            key: text(of: keyWords),
            value: text(of: valueWords),
            confidence: confidences.min() ?? 0,
            wordConfidences: (keyWords + valueWords).compactMap { $0["Confidence"]?.numberValue },
            page: pageNumber(key["Page"]),
            keyGeometry: key["Geometry"],
            valueGeometry: valueBlock?["Geometry"]
        )
    }

    private static func related(_ block: JSONValue, type: String, byId: [String: JSONValue]) -> [JSONValue] {
        let relationships = block["Relationships"]?.arrayValue ?? []
        return relationships
            .filter { $0["Type"]?.stringValue == type }
            .flatMap { $0["Ids"]?.arrayValue ?? [] }
            .compactMap { $0.stringValue.flatMap { byId[$0] } }
    }

    private static func text(of words: [JSONValue]) -> String {
        words.compactMap { word in
            word["Text"]?.stringValue ?? word["SelectionStatus"]?.stringValue
        }.joined(separator: " ")
    }
}

/// A moderation label's place in the label tree, without a confidence: an entry of a flow's
/// `Jury.Labels`.
public struct ModerationLabelName: Sendable, Equatable {
    public let name: String
    /// The parent label's name; empty for a top-level label.
    public let parentName: String

    public init(name: String, parentName: String) {
        self.name = name
        self.parentName = parentName
    }
}

/// A moderation label as Rekognition's DetectModerationLabels returned it.
public struct ModerationLabel: Sendable, Equatable {
    public let name: String
    /// The parent label's name; empty for a top-level label.
    public let parentName: String
    /// 0-100.
    public let confidence: Double

    public init(name: String, parentName: String, confidence: Double) {
        self.name = name
        self.parentName = parentName
        self.confidence = confidence
    }

    /// The labels of a DetectModerationLabels response (PascalCase or A2I's lowerCamelCase), in response
    /// order; entries without a name are skipped.
    public static func labels(in response: JSONValue) -> [ModerationLabel] {
        (ServiceData.pascalCased(response)["ModerationLabels"]?.arrayValue ?? []).compactMap { label in
            guard let name = label["Name"]?.stringValue else { return nil }
            return ModerationLabel(
                name: name,
                parentName: label["ParentName"]?.stringValue ?? "",
                confidence: label["Confidence"]?.numberValue ?? 0
            )
        }
    }
}
