import Foundation
import Testing
@testable import JuryJSON

@Suite struct JSONValueTests {
    @Test func anUnexpectedCharacterIsNamedByItsCodePointAndABOMByName() {
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 1: unexpected byte order mark (U+FEFF), expected a value")) {
            try JSONValue.parse(Data([0xEF, 0xBB, 0xBF] + Array("{}".utf8)))
        }
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 2: unexpected character U+00E9, expected a value")) {
            try JSONValue.parse("[é]")
        }
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 2: unexpected character 'x', expected a value")) {
            try JSONValue.parse("[x]")
        }
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue.parse(#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "e": 0.125} "#)
        #expect(value == ["a": [1, -2500, true, false, nil], "b": ["c": "d"], "e": 0.125])
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue.parse(#"["\"\\\/\b\f\n\r\t", "\u00e9\u6771", "\ud83d\ude00"]"#)
        #expect(value == ["\"\\/\u{08}\u{0C}\n\r\t", "é東", "😀"])
    }

    @Test func stringsMixingPlainRunsAndEscapesDecodeWhole() throws {
        let long = String(repeating: "lorem ipsum é東 ", count: 100)
        let value = try JSONValue.parse(Data(#"{"k\n": "\#(long)\"\#(long)\u00e9", "e": "\\", "x": "a\tb\ud83d\ude00c"}"#.utf8))
        #expect(value == ["k\n": .string(long + "\"" + long + "é"), "e": "\\", "x": "a\tb😀c"])
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 6: control character U+000A must be escaped in a string")) {
            try JSONValue.parse("[\"a\\n\nb\"]")
        }
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 7: unterminated string")) {
            try JSONValue.parse("[\"ab\\\"")
        }
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 5: unterminated string")) {
            try JSONValue.parse("[\"ab")
        }
    }

    @Test func writesSortedKeysAndRoundTrips() throws {
        let value: JSONValue = ["z": 1, "a": ["x": "ключ 東京 ✓", "ctl": "\u{01}\u{1B}[2J\n"], "n": 0.1, "big": 1e300]
        let text = value.encodedString()
        #expect(text.hasPrefix(#"{"a":{"ctl":"\u0001\u001b[2J\n","x":"ключ 東京 ✓"},"big":1e+300,"n":0.1,"z":1}"#))
        #expect(try JSONValue.parse(text) == value)
        #expect(try JSONValue.parse(value.encodedString(pretty: true)) == value)
    }

    @Test func escapesC1ControlsAlwaysAndChosenScalarsOnRequest() throws {
        let value: JSONValue = ["t": "a\u{9B}31m\u{202E}b\u{E0041}"]
        #expect(value.encodedString() == "{\"t\":\"a\\u009b31m\u{202E}b\u{E0041}\"}")
        let escaped = value.encodedString(alsoEscaping: { $0.value == 0x202E || $0.value >= 0x10000 })
        #expect(escaped == #"{"t":"a\u009b31m\u202eb\udb40\udc41"}"#)
        #expect(try JSONValue.parse(escaped) == value)
    }

    @Test func syntaxErrorsNameLineAndColumn() {
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 2, column 3: expected ',' or '}'")) {
            try JSONValue.parse("{\"a\": 1\n  \"b\": 2}")
        }
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 2: numbers may not have leading zeros")) {
            try JSONValue.parse("[01]")
        }
        #expect(throws: JSONReadError(kind: .syntax,
                                      description: "not valid JSON: line 1, column 5: control character U+0009 must be escaped in a string")) {
            try JSONValue.parse("\"tab\there\"")
        }
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 5: unexpected content after the JSON value")) {
            try JSONValue.parse("[1] x")
        }
        #expect(throws: JSONReadError(kind: .syntax,
                                      description: #"not valid JSON: line 1, column 8: a high surrogate \ud800 must be followed by a low surrogate"#)) {
            try JSONValue.parse("\"\\ud800\"")
        }
    }

    @Test func invalidUTF8IsReportedWithItsOffset() {
        #expect(throws: JSONReadError(kind: .invalidUTF8, description: "invalid UTF-8 at byte offset 3")) {
            try JSONValue.parse(Data([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D]))
        }
    }

    @Test func aMemberNamedTwiceIsRefusedWithItsNameAndPosition() throws {
        #expect(throws: JSONReadError(kind: .duplicateKey, description: #"member "c" appears twice in one object: line 2, column 12"#)) {
            try JSONValue.parse("{\"a\": 1, \"b\":\n  {\"c\": 2, \"c\": 3}}")
        }
        #expect(throws: JSONReadError(kind: .duplicateKey, description: #"member "\u001b" appears twice in one object: line 1, column 15"#)) {
            try JSONValue.parse(#"{"\u001b": 1, "\u001b": 2}"#)
        }
        #expect(try JSONValue.parse(#"[{"c": 1}, {"c": 2}]"#) == [["c": 1], ["c": 2]])
    }

    @Test func everyControlCharacterIsEscapedAndTheOutputIsUTF8() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init) + ["\u{7F}"]))
        let replaced = String(decoding: [0x61, 0xFF, 0xC3], as: UTF8.self)
        let value: JSONValue = [.string(controls), .string(replaced), ["\u{01}key\u{7F}": "\u{2028}"]]
        let encoded = value.encoded()
        #expect(!encoded.contains { $0 < 0x20 || $0 == 0x7F })
        #expect(String(validating: encoded, as: UTF8.self) != nil)
        #expect(try JSONValue.parse(encoded) == value)
        let text = value.encodedString()
        #expect(text.hasPrefix(#"["\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e"#))
        #expect(text.contains(#"\u001f\u007f""#) && text.contains(#"{"\u0001key\u007f":"\#u{2028}"}"#))
    }

    @Test func refusesNestingDeeperThanTheLimit() throws {
        #expect(JSONByteReader.maximumDepth == 512)
        var level = try JSONValue.parse(String(repeating: "[", count: 512) + String(repeating: "]", count: 512))
        var depth = 1
        while let inner = level.arrayValue?.first {
            level = inner
            depth += 1
        }
        #expect(depth == 512 && level == .array([]))
        let deeper = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONReadError(kind: .syntax, description: "not valid JSON: line 1, column 513: nested deeper than 512 levels")) {
            try JSONValue.parse(deeper)
        }
    }

    @Test func pathsParseAndReachValues() throws {
        let document: JSONValue = ["a": ["b": [["c": 1], ["c": 2]]], "odd key": 3]
        #expect(try JSONPath.parse("$.a.b[*].c").values(in: document) == [1, 2])
        #expect(try JSONPath.parse("$.a.b[1].c").values(in: document) == [2])
        #expect(try JSONPath.parse(#"$["odd key"]"#).values(in: document) == [3])
        #expect(try JSONPath.parse("$.missing").values(in: document).isEmpty)
        #expect(throws: JSONPath.SyntaxError.self) { try JSONPath.parse("a.b") }
        #expect(JSONPath.root.appending("HumanLoopConfig").appending("odd key").appending(2).description == #"$.HumanLoopConfig["odd key"][2]"#)
    }
}

@Suite struct JSONContainerSizeTests {
    @Test func everyArrayAndObjectIsCountedInTheOrderItOpens() {
        let text = #"{"a": [1, [], [2, 3], "x,]"], "b": {"c": "\"{,", "d": [{}]}, "e": " \\"}"#
        #expect(JSONByteReader.containerSizes(of: Array(text.utf8)) == [3, 4, 0, 2, 2, 1, 0])
    }

    @Test func parsedArraysAndObjectsAreMadeAtTheirFinalSize() throws {
        let elements = (0..<5_000).map(String.init).joined(separator: ",")
        let value = try JSONValue.parse(Data("{\"numbers\": [\(elements)], \"nested\": [[1, 2, 3], []]}".utf8))
        let numbers = try #require(value["numbers"]?.arrayValue)
        #expect(numbers.count == 5_000 && numbers.capacity == 5_000)
        #expect(value["nested"]?[0]?.arrayValue?.capacity == 3)
        #expect(numbers[4_999] == 4_999)
    }
}

@Suite struct JSONValueLimitTests {
    @Test func aDocumentOfMoreValuesThanAllowedIsRefusedAndOneAtTheLimitIsRead() throws {
        let document = Data(#"{"a": [1, 2, {"b": null}], "c": "[1,2,3]"}"#.utf8)
        #expect(throws: JSONReadError(kind: .tooManyValues, description: "the document holds 7 JSON values; at most 6 are read")) {
            try JSONValue.parse(document, maximumValues: 6)
        }
        #expect(try JSONValue.parse(document, maximumValues: 7)["c"] == "[1,2,3]")
    }
}
