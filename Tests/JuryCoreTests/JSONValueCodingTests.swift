import Foundation
@testable import JuryCore
import JuryJSON
import Testing

@Suite("JSONValue encoder and decoder")
struct JSONValueCodingTests {
    private struct Message: Codable, Equatable {
        var name: String
        var count: Int64
        var ratio: Double?
        var payload: JSONValue
        var bytes: Data
        var file: URL
        var order: ClaimOrder
    }

    @Test("a typed message round-trips; JSONValue members pass as they are; nil members are left out")
    func roundTrip() throws {
        let message = Message(name: "ä ☃", count: 1_780_000_000_123, ratio: nil, payload: ["k": [1, "two", .null]],
                              bytes: Data([0, 255, 10]), file: URL(filePath: "/q/output.json"), order: .lowestConfidenceFirst)
        let encoded = try JSONValueEncoder().encode(message)
        #expect(encoded["ratio"] == nil)
        #expect(encoded["bytes"] == "AP8K" && encoded["file"] == "/q/output.json" && encoded["order"] == "lowest-confidence")
        #expect(try JSONValueDecoder().decode(Message.self, from: encoded) == message)
        #expect(try JSONValueDecoder().decode(Message.self, from: JSONValue.parse(encoded.encoded())) == message)
    }

    @Test("the first keyset position travels without an infinity")
    func beforeFirstPosition() throws {
        let encoded = try JSONValueEncoder().encode(QueuePosition.beforeFirst)
        #expect(encoded["confidenceKey"] == nil)
        #expect(try JSONValueDecoder().decode(QueuePosition.self, from: encoded) == .beforeFirst)
    }

    @Test("a missing member, a wrong type and a fractional integer are errors naming the member")
    func decodingErrors() throws {
        let decoder = JSONValueDecoder()
        #expect(throws: DecodingError.self) { try decoder.decode(ClaimedTask.self, from: ["loopName": "x"]) }
        #expect {
            try decoder.decode(ReviewerDay.self, from: ["verdicts": 1.5])
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["verdicts"]
        }
        #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["x": Double.nan]) }
    }

    private struct Primitives: Codable, Equatable {
        var flag = true, text = "t", real = 0.25, single: Float = 1.5
        var int = -3, int8: Int8 = -8, int16: Int16 = 16, int32: Int32 = -32, int64: Int64 = 9_007_199_254_740_993
        var uint: UInt = 3, uint8: UInt8 = 8, uint16: UInt16 = 16, uint32: UInt32 = 32, uint64 = UInt64.max
        var list: [Int64] = [1, 2], texts = ["a", "b"], reals = [0.5], flags = [false], optional: Int? = nil, nothing: String? = nil

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(flag, forKey: .flag); try container.encode(text, forKey: .text)
            try container.encode(real, forKey: .real); try container.encode(single, forKey: .single)
            try container.encode(int, forKey: .int); try container.encode(int8, forKey: .int8)
            try container.encode(int16, forKey: .int16); try container.encode(int32, forKey: .int32)
            try container.encode(int64, forKey: .int64); try container.encode(uint, forKey: .uint)
            try container.encode(uint8, forKey: .uint8); try container.encode(uint16, forKey: .uint16)
            try container.encode(uint32, forKey: .uint32); try container.encode(uint64, forKey: .uint64)
            try container.encode(list, forKey: .list); try container.encode(texts, forKey: .texts)
            try container.encode(reals, forKey: .reals); try container.encode(flags, forKey: .flags)
            try container.encodeIfPresent(optional, forKey: .optional); try container.encodeNil(forKey: .nothing)
            try container.encode("again", forKey: .text)  // a member written twice keeps the last value
        }

        enum CodingKeys: String, CodingKey {
            case flag, text, real, single, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, list, texts, reals, flags,
                 optional, nothing
        }
    }

    @Test("every primitive, keyed and in lists, keeps its exact digits both ways; a non-finite number names its member")
    func primitives() throws {
        let encoded = try JSONValueEncoder().encode(Primitives())
        #expect(String(decoding: encoded.encoded(), as: UTF8.self) == #"{"flag":true,"flags":[false],"int":-3,"int16":16,"int32":-32,"int64":9007199254740993,"#
            + #""int8":-8,"list":[1,2],"nothing":null,"real":0.25,"reals":[0.5],"single":1.5,"text":"again","texts":["a","b"],"uint":3,"uint16":16,"#
            + #""uint32":32,"uint64":18446744073709551615,"uint8":8}"#)
        var expected = Primitives()
        expected.text = "again"
        #expect(try JSONValueDecoder().decode(Primitives.self, from: encoded) == expected)
        #expect(try JSONValueEncoder().encode([1.5, 2]) == [1.5, 2])
        #expect(try JSONValueEncoder().encode("single") == "single")
        #expect {
            try JSONValueEncoder().encode(["outer": ["inner": Double.infinity]])
        } throws: { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["outer", "inner"]
        }
    }
}
