import Foundation

/// Encodes `Encodable` values into a `JSONValue`, so typed messages are written by Jury's own exact
/// JSON writer. A `JSONValue` member is taken as it is (numbers keep their precision), a `URL`
/// becomes its path, `Data` its base64 text, and nil optionals are left out.
public struct JSONValueEncoder: Sendable {
    public init() {}

    /// - Throws: `EncodingError.invalidValue` for a non-finite floating-point number.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let node = EncodingNode()
        try node.store(value, codingPath: [])
        return node.json
    }
}

extension JSONValue: Codable {
    /// Works with `JSONValueEncoder` only: other encoders would round numbers through `Double`.
    public func encode(to encoder: any Encoder) throws {
        guard let encoding = encoder as? NodeEncoder else {
            throw EncodingError.invalidValue(self, .init(codingPath: encoder.codingPath, debugDescription: "JSONValue encodes with JSONValueEncoder only"))
        }
        encoding.node.kind = .value(self)
    }

    /// Works with `JSONValueDecoder` only.
    public init(from decoder: any Decoder) throws {
        guard let decoding = decoder as? NodeDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "JSONValue decodes with JSONValueDecoder only"))
        }
        self = decoding.value
    }
}

/// A value being encoded: unset until a container or a single value is written into it.
final class EncodingNode {
    enum Kind { case unset, value(JSONValue), object([String: EncodingNode]), array([EncodingNode]) }
    var kind = Kind.unset

    var json: JSONValue {
        switch kind {
        case .unset: .null
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.json))
        case .array(let elements): .array(elements.map(\.json))
        }
    }

    func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        switch value {
        case let url as URL: kind = .value(.string(url.path))
        case let data as Data: kind = .value(.string(data.base64EncodedString()))
        case let number as Double:
            guard number.isFinite else {
                throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "JSON has no \(number)"))
            }
            kind = .value(.number(number))
        default: try value.encode(to: NodeEncoder(node: self, codingPath: codingPath))
        }
    }

    func child(_ key: String) -> EncodingNode {
        if case .object(let members) = kind, let existing = members[key] { return existing }
        let node = EncodingNode()
        var members: [String: EncodingNode] = [:]
        if case .object(let existing) = kind { members = existing }
        members[key] = node
        kind = .object(members)
        return node
    }

    func appendChild() -> EncodingNode {
        let node = EncodingNode()
        var elements: [EncodingNode] = []
        if case .array(let existing) = kind { elements = existing }
        elements.append(node)
        kind = .array(elements)
        return node
    }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .unset = node.kind { node.kind = .object([:]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unset = node.kind { node.kind = .array([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).kind = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(key.stringValue).store(value, codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.child("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]) }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let elements) = node.kind { return elements.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendChild().kind = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.appendChild().store(value, codingPath: codingPath) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.appendChild(), codingPath: codingPath).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendChild(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.kind = .value(.null) }
    mutating func encode(_ value: Bool) throws { node.kind = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { node.kind = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { try node.store(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { try node.store(Double(value), codingPath: codingPath) }
    mutating func encode(_ value: Int) throws { integer(value) }
    mutating func encode(_ value: Int8) throws { integer(value) }
    mutating func encode(_ value: Int16) throws { integer(value) }
    mutating func encode(_ value: Int32) throws { integer(value) }
    mutating func encode(_ value: Int64) throws { integer(value) }
    mutating func encode(_ value: UInt) throws { integer(value) }
    mutating func encode(_ value: UInt8) throws { integer(value) }
    mutating func encode(_ value: UInt16) throws { integer(value) }
    mutating func encode(_ value: UInt32) throws { integer(value) }
    mutating func encode(_ value: UInt64) throws { integer(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }

    /// Integers keep every digit (no trip through `Double`).
    private func integer(_ value: some BinaryInteger) {
        node.kind = .value(Int(exactly: value).map { .number(JSONNumber($0)) } ?? .number(Double(value)))
    }
}
