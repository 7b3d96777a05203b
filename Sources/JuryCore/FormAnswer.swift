import JuryJSON

/// Textract answers as reviewers think of them, key-value pairs, and A2I's answer blocks for them.
///
/// A2I answers a Textract loop with the reviewed pairs as lowerCamelCase blocks: a KEY and a VALUE
/// `KEY_VALUE_SET` (each with Textract's id and confidence), the KEY's WORD children and the VALUE's WORD
/// or `SELECTION_ELEMENT` (`selectionStatus`) children. A pair a reviewer added has new ids and no confidence.
public enum FormAnswer {
    /// One reviewed pair as read from answer blocks.
    public struct Pair: Sendable, Equatable {
        public let keyBlockId: String
        /// The key's words joined by single spaces.
        public let key: String
        /// The value's words joined by single spaces; a checkbox reads `SELECTED` or `NOT_SELECTED`.
        public let value: String
        /// Whether the KEY block carries a confidence: it is Textract's, not one a reviewer added.
        public let isFromTextract: Bool

        /// What identifies the pair's field across answers: Textract's KEY block id (two keys with one
        /// text stay two fields), or `key:` and the text for a key a reviewer added.
        public var fieldId: String { isFromTextract ? keyBlockId : "key:" + key }
    }

    /// The values a checkbox (a `SELECTION_ELEMENT`) can have.
    public static let selectionStatuses: Set<String> = ["SELECTED", "NOT_SELECTED"]

    /// A2I answer blocks for `{"key", "value", "keyBlockId"?}` pairs, reusing the blocks of `response` (the
    /// loop's Textract response, either casing): a pair names its KEY block by `keyBlockId`, else takes the
    /// first KEY not yet taken whose text is its key; unchanged words and checkboxes keep their blocks.
    /// - Throws: `JuryError.invalidInput` naming the pair when it is malformed or names an unknown KEY block.
    static func blocks(fromPairs pairs: JSONValue, at path: JSONPath, response: JSONValue) throws -> [JSONValue] {
        guard let list = pairs.arrayValue else { throw AnswerContent.invalid(path, "must be an array of {\"key\", \"value\"}") }
        let document = TextractBlocks(response: response)
        var untaken = document.keys
        return try list.enumerated().flatMap { index, pair -> [JSONValue] in
            guard let key = pair["key"]?.stringValue, !key.isEmpty, let value = pair["value"]?.stringValue,
                  pair["keyBlockId"].map({ $0.stringValue != nil }) ?? true else {
                throw AnswerContent.invalid(path.appending(index), "needs a non-empty key, a value string and, if given, a keyBlockId string")
            }
            let keyBlock = try taken(pair["keyBlockId"]?.stringValue, key: key, from: &untaken, document: document, at: path.appending(index))
            return keyBlock.map { document.reviewed($0, key: key, value: value) } ?? TextractBlocks.added(key: key, value: value)
        }
    }

    private static func taken(
        _ id: String?, key: String, from untaken: inout [JSONValue], document: TextractBlocks, at path: JSONPath
    ) throws -> JSONValue? {
        if let id {
            guard let index = untaken.firstIndex(where: { $0["Id"]?.stringValue == id }) else {
                throw AnswerContent.invalid(path.appending("keyBlockId"), "\"\(id)\" is no KEY block of the loop's response, or is taken by another pair")
            }
            return untaken.remove(at: index)
        }
        return untaken.firstIndex { document.text(of: document.related($0, "CHILD")) == key }.map { untaken.remove(at: $0) }
    }

    /// The key-value pairs of A2I answer blocks, in KEY block order.
    public static func pairs(in blocks: [AnswerBlock]) -> [Pair] {
        let document = TextractBlocks(response: ["blocks": .array(blocks.map(\.jsonValue))])
        return document.keys.compactMap { key in
            guard let id = key["Id"]?.stringValue else { return nil }
            let value = document.related(key, "VALUE").flatMap { document.related($0, "CHILD") }
            return Pair(keyBlockId: id, key: document.text(of: document.related(key, "CHILD")), value: document.text(of: value),
                        isFromTextract: key["Confidence"] != nil)
        }
    }
}

/// A Textract response's blocks (read in PascalCase) by id, and A2I answer blocks made from them.
struct TextractBlocks {
    let byId: [String: JSONValue]
    /// The KEY `KEY_VALUE_SET` blocks, in response order.
    let keys: [JSONValue]

    init(response: JSONValue) {
        let blocks = ServiceData.pascalCased(response)["Blocks"]?.arrayValue ?? []
        byId = Dictionary(blocks.compactMap { block in block["Id"]?.stringValue.map { ($0, block) } }, uniquingKeysWith: { first, _ in first })
        keys = blocks.filter { $0["BlockType"] == "KEY_VALUE_SET" && $0["EntityTypes"]?.arrayValue?.contains("KEY") == true }
    }

    /// The blocks `block`'s relationships of `type` point to; unknown ids are skipped.
    func related(_ block: JSONValue, _ type: String) -> [JSONValue] {
        (block["Relationships"]?.arrayValue ?? []).filter { $0["Type"]?.stringValue == type }
            .flatMap { $0["Ids"]?.arrayValue ?? [] }.compactMap { $0.stringValue.flatMap { byId[$0] } }
    }

    /// Word texts and checkbox statuses joined by single spaces.
    func text(of children: [JSONValue]) -> String {
        children.compactMap { $0["Text"]?.stringValue ?? $0["SelectionStatus"]?.stringValue }.joined(separator: " ")
    }

    /// The answer blocks of a pair whose key Textract found: its ids and confidences, its unchanged words
    /// and checkbox, new words for changed text.
    func reviewed(_ keyBlock: JSONValue, key: String, value: String) -> [JSONValue] {
        let keyId = keyBlock["Id"]?.stringValue ?? ""
        let keyWords = related(keyBlock, "CHILD")
        let valueBlock = related(keyBlock, "VALUE").first
        let valueId = valueBlock?["Id"]?.stringValue ?? BlockId.derived("value", keyId)
        let keyChildren = text(of: keyWords) == key ? keyWords.map(Self.answerChild) : Self.words(key, seed: keyId)
        let valueChildren = children(of: valueBlock, value: value, seed: valueId)
        return [
            Self.keyValueSet(.key, id: keyId, confidence: keyBlock["Confidence"], value: valueId, children: keyChildren),
            Self.keyValueSet(.value, id: valueId, confidence: valueBlock?["Confidence"], value: nil, children: valueChildren),
        ] + keyChildren + valueChildren
    }

    private func children(of valueBlock: JSONValue?, value: String, seed: String) -> [JSONValue] {
        let original = valueBlock.map { related($0, "CHILD") } ?? []
        if text(of: original) == value { return original.map(Self.answerChild) }
        if original.count == 1, original[0]["BlockType"] == "SELECTION_ELEMENT", FormAnswer.selectionStatuses.contains(value) {
            return [["blockType": "SELECTION_ELEMENT", "id": original[0]["Id"] ?? .string(seed), "selectionStatus": .string(value)]]
        }
        return Self.words(value, seed: seed)
    }

    /// The answer blocks of a pair a reviewer added: new ids (derived from the key, so every reviewer's
    /// addition of one key gets the same ids) and no confidence.
    static func added(key: String, value: String) -> [JSONValue] {
        let keyId = BlockId.derived("key", key)
        let valueId = BlockId.derived("value", keyId)
        let keyWords = words(key, seed: keyId)
        let valueWords = words(value, seed: valueId)
        return [
            keyValueSet(.key, id: keyId, confidence: nil, value: valueId, children: keyWords),
            keyValueSet(.value, id: valueId, confidence: nil, value: nil, children: valueWords),
        ] + keyWords + valueWords
    }

    private enum EntityType: String { case key = "KEY", value = "VALUE" }

    private static func keyValueSet(_ type: EntityType, id: String, confidence: JSONValue?, value: String?, children: [JSONValue]) -> JSONValue {
        var relationships: [JSONValue] = value.map { [["type": "VALUE", "ids": [.string($0)]]] } ?? []
        if !children.isEmpty { relationships.append(["type": "CHILD", "ids": .array(children.compactMap { $0["id"] })]) }
        var block: [String: JSONValue] = [
            "blockType": "KEY_VALUE_SET", "entityTypes": [.string(type.rawValue)], "id": .string(id), "relationships": .array(relationships),
        ]
        block["confidence"] = confidence
        return .object(block)
    }

    /// A WORD or SELECTION_ELEMENT child as A2I answers carry it: type, id, and its text or status.
    private static func answerChild(_ block: JSONValue) -> JSONValue {
        var child: [String: JSONValue] = ["blockType": block["BlockType"] ?? "WORD", "id": block["Id"] ?? ""]
        child["text"] = block["Text"]
        child["selectionStatus"] = block["SelectionStatus"]
        return .object(child)
    }

    private static func words(_ text: String, seed: String) -> [JSONValue] {
        text.split(whereSeparator: \.isWhitespace).enumerated().map { index, word in
            ["blockType": "WORD", "id": .string(BlockId.derived("word", seed, String(index), String(word))), "text": .string(String(word))]
        }
    }
}

/// Ids for answer blocks Textract did not make, in Textract's UUID form and derived from what they stand
/// for, so the same answer always gets the same ids.
enum BlockId {
    /// A UUID-shaped id (8-4-4-4-12 lowercase hex) from two FNV-1a hashes of `parts`.
    static func derived(_ parts: String...) -> String {
        let bytes = Array(parts.joined(separator: "\u{1F}").utf8)
        let hex = (fnv1a(bytes, basis: 0xcbf2_9ce4_8422_2325) + fnv1a(bytes, basis: 0x6c62_272e_07bb_0142))
        let cuts = [8, 12, 16, 20]
        return hex.enumerated().map { index, digit in cuts.contains(index) ? "-\(digit)" : "\(digit)" }.joined()
    }

    private static func fnv1a(_ bytes: [UInt8], basis: UInt64) -> String {
        let hash = bytes.reduce(basis) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
