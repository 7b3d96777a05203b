import Foundation

/// A JSON document as a value: what Jury reads from producers and writes to outputs.
///
/// Numbers keep their literal text (`JSONNumber`), so what was read is written back exactly; objects
/// keep no key order and are encoded with sorted keys, so encoding the same value always gives the same bytes.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// `value` as a number, or null when it is infinite or NaN (JSON has no such numbers).
    public static func number(_ value: Double) -> JSONValue {
        JSONNumber(value).map { .number($0) } ?? .null
    }

    /// The member `key` of an object, or nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array, or nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number as the nearest Double, or nil for a non-number.
    public var numberValue: Double? {
        if case .number(let number) = self { return number.value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The JSON type's name as a schema error states it ("object", "string", ...).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// Why bytes could not be read as JSON.
public struct JSONReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The bytes are not well-formed UTF-8.
        case invalidUTF8
        /// The text breaks RFC 8259's grammar or the depth limit.
        case syntax
        /// An object names one member twice (RFC 8259 leaves the meaning open; Jury refuses it).
        case duplicateKey
        /// The document holds more values than the reader was allowed to build.
        case tooManyValues
    }

    public let kind: Kind
    public let description: String
}

/// UTF-8 well-formedness checks on raw bytes.
public enum UTF8Validation {
    /// The offset of the first byte that starts an ill-formed UTF-8 sequence, or nil when all is well-formed.
    /// Well-formed input costs one fast validation; only ill-formed input is scanned for the offset.
    public static func firstInvalidOffset(in data: Data) -> Int? {
        guard String(validating: data, as: UTF8.self) == nil else { return nil }
        return data.withUnsafeBytes { raw -> Int? in
            var iterator = raw.bindMemory(to: UInt8.self).makeIterator()
            var decoder = UTF8()
            var validBytes = 0
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): validBytes += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return validBytes
                }
            }
        }
    }
}
