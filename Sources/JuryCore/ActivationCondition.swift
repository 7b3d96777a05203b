import JuryJSON

/// Bounds on a confidence, as A2I's `…LessThan`, `…LessThanEquals`, `…GreaterThan`,
/// `…GreaterThanEquals` and `…Equals` parameters state them. Every bound given must hold.
public struct ConfidenceBounds: Sendable, Equatable {
    public var lessThan: Double?
    public var lessThanEquals: Double?
    public var greaterThan: Double?
    public var greaterThanEquals: Double?
    public var equals: Double?

    /// The parameter suffixes A2I uses, in the order they are read.
    static let suffixes = ["LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals", "Equals"]

    public var isEmpty: Bool { [lessThan, lessThanEquals, greaterThan, greaterThanEquals, equals].allSatisfy { $0 == nil } }

    /// Whether `value` satisfies every bound that is set.
    public func contains(_ value: Double) -> Bool {
        (lessThan.map { value < $0 } ?? true) && (lessThanEquals.map { value <= $0 } ?? true)
            && (greaterThan.map { value > $0 } ?? true) && (greaterThanEquals.map { value >= $0 } ?? true)
            && (equals.map { value == $0 } ?? true)
    }

    /// The bounds written as a person reads them: "< 90", ">= 60 and < 98".
    public var summary: String {
        let parts: [(String, Double?)] = [
            ("<", lessThan), ("<=", lessThanEquals), (">", greaterThan), (">=", greaterThanEquals), ("=", equals),
        ]
        return parts.compactMap { symbol, bound in bound.map { "\(symbol) \(formatConfidence($0))" } }
            .joined(separator: " and ")
    }
}

/// One activation condition of a flow: a simple check, or an `And` / `Or` of conditions.
public indirect enum ActivationCondition: Sendable, Equatable {
    case and([ActivationCondition])
    case or([ActivationCondition])
    case check(ConditionCheck)
}

/// A simple condition: its type, the parameters as written (echoed in the results), and what it tests.
public struct ConditionCheck: Sendable, Equatable {
    public enum Test: Sendable, Equatable {
        /// Textract: a form key (or alias; "*" for any) whose key-value or word confidence is in bounds.
        case importantFormKeyConfidence(keys: [String], keyValueBounds: ConfidenceBounds, wordBounds: ConfidenceBounds)
        /// Textract: none of the key's names was found.
        case missingImportantFormKey(keys: [String])
        /// Rekognition: a label of this exact name ("*" for any) with a confidence in bounds.
        case moderationLabelConfidence(label: String, bounds: ConfidenceBounds)
        /// A custom model's confidence at `path` of the input content, in bounds (Jury's addition).
        case modelConfidence(path: JSONPath, bounds: ConfidenceBounds)
        /// True for `percentage` percent of requests, the same answer every time for the same request.
        case sampling(percentage: Double)
    }

    public let type: String
    public let parameters: JSONValue
    public let test: Test
}

/// The condition types each kind of flow may use.
public enum ConditionType: String, Sendable, CaseIterable {
    case importantFormKeyConfidenceCheck = "ImportantFormKeyConfidenceCheck"
    case missingImportantFormKey = "MissingImportantFormKey"
    case moderationLabelConfidenceCheck = "ModerationLabelConfidenceCheck"
    case modelConfidenceCheck = "ModelConfidenceCheck"
    case sampling = "Sampling"

    /// The types a flow with this request source accepts (nil: a custom task type).
    public static func allowed(for source: RequestSource?) -> [ConditionType] {
        switch source {
        case .textractForms: [.importantFormKeyConfidenceCheck, .missingImportantFormKey, .sampling]
        case .rekognitionModeration: [.moderationLabelConfidenceCheck, .sampling]
        case nil: [.modelConfidenceCheck, .sampling]
        }
    }
}

/// Formats a 0-100 confidence compactly: "90", "62.5", "0.75".
func formatConfidence(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
}
