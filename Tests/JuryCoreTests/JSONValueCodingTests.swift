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
}
