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
        case let number as Double: kind = .value(try Self.number(number, codingPath: codingPath))
        default: try value.encode(to: NodeEncoder(node: self, codingPath: codingPath))
        }
    }

    /// The member node `key` of this object node (made when new; any other kind becomes an object).
    func child(_ key: String) -> EncodingNode {
        var members: [String: EncodingNode] = [:]
        if case .object(let existing) = kind {
            if let member = existing[key] { return member }
            members = existing
        }
        // Dropped first, so that the dictionary is not shared while it grows (no copy per member).
        kind = .unset
        let node = EncodingNode()
        members[key] = node
        kind = .object(members)
        return node
    }

    func appendChild() -> EncodingNode {
        var elements: [EncodingNode] = []
        if case .array(let existing) = kind { elements = existing }
        kind = .unset
        let node = EncodingNode()
        elements.append(node)
        kind = .array(elements)
        return node
    }

    /// Sets a leaf value: the primitives' fast path, with no `Encoder` or coding path made for them.
    func set(_ value: JSONValue) { kind = .value(value) }

    /// An integer with every digit (no trip through `Double`, even beyond `Int`: `UInt64.max`).
    static func integer(_ value: some BinaryInteger) -> JSONValue {
        .number(JSONNumber(checkedLiteral: String(value)))
    }

    /// A finite floating-point number.
    /// - Throws: `EncodingError.invalidValue` for infinities and NaN.
    static func number(_ value: Double, codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else { throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSON has no \(value)")) }
        return .number(value)
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

    mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).set(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.child(key.stringValue).set(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.child(key.stringValue).set(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        node.child(key.stringValue).set(try EncodingNode.number(value, codingPath: codingPath + [key]))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Double(value), forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.child(key.stringValue).set(EncodingNode.integer(value)) }
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

    mutating func encodeNil() throws { node.appendChild().set(.null) }
    mutating func encode(_ value: Bool) throws { node.appendChild().set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.appendChild().set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.appendChild().set(try EncodingNode.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { node.appendChild().set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int64) throws { node.appendChild().set(EncodingNode.integer(value)) }
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

    mutating func encodeNil() throws { node.set(.null) }
    mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
    mutating func encode(_ value: String) throws { node.set(.string(value)) }
    mutating func encode(_ value: Double) throws { node.set(try EncodingNode.number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int8) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int16) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int32) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: Int64) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt8) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt16) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt32) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode(_ value: UInt64) throws { node.set(EncodingNode.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
}
