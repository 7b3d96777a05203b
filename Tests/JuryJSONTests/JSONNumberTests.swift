import Foundation
import Testing
@testable import JuryJSON

@Suite struct JSONNumberTests {
    @Test func numbersAreWrittenBackAsTheyWereRead() throws {
        let text = "[9007199254740993,1e15,-0.50,1E+2,0.1,123456789012345678901234567890,-0,5e-324]"
        #expect(try JSONValue.parse(text).encodedString() == text)
        #expect(try JSONValue.parse(text)[0]?.numberValue == 9_007_199_254_740_992)
    }

    @Test func numbersAreEqualWhenTheirExactValuesAre() throws {
        #expect(try JSONValue.parse("1.0") == 1)
        #expect(try JSONValue.parse("10e-1") == JSONValue.parse("0.1e1"))
        #expect(try JSONValue.parse("-0") == JSONValue.parse("0.000"))
        #expect(try JSONValue.parse("1500") == JSONValue.parse("1.50e3"))
        #expect(try JSONValue.parse("9007199254740993") != JSONValue.parse("9007199254740992"))
        #expect(try JSONValue.parse("1e-400") != JSONValue.parse("0"))
        let spellings = try ["2", "2.0", "20e-1", "0.2E1"].map(JSONValue.parse)
        #expect(Set(spellings).count == 1)
    }

    @Test func numbersMadeFromDoublesUseTheShortestText() {
        #expect(JSONValue.number(3).encodedString() == "3")
        #expect(JSONValue.number(0.1 + 0.2).encodedString() == "0.30000000000000004")
        #expect(JSONValue.number(1e15).encodedString() == "1000000000000000")
        #expect(JSONValue.number(0x1p53 + 2).encodedString() == "9.007199254740994e+15")
        #expect(JSONValue.number(.nan) == .null)
        #expect(JSONValue.number(-.infinity) == .null)
        #expect(JSONValue(integerLiteral: Int.max).encodedString() == "9223372036854775807")
    }

    @Test func numbersOutOfADoublesRangeAreRefused() {
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 2: number 1e400 is out of range")) {
            try JSONValue.parse("[1e400]")
        }
        let nines = String(repeating: "9", count: 400)
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 1: number \(nines) is out of range")) {
            try JSONValue.parse(nines)
        }
    }
}
