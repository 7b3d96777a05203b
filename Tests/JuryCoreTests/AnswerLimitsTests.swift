import Foundation
import Testing
@testable import JuryCore
import JuryJSON

@Suite struct AnswerLimitsTests {
    let classification = try! #require(FlowDefinition.check(TestQueue.classificationFlow()).flow)

    private func freeTextFlow() throws -> FlowDefinition {
        let document = TestQueue.classificationFlow(name: "texts").setting(["Jury"], to: ["TaskType": "free-text"])
        return try #require(FlowDefinition.check(document).flow, "\(FlowDefinition.check(document).problems)")
    }

    @Test func aCommentOverItsLimitIsRefusedNamingTheLimit() throws {
        let fits: JSONValue = ["category": ["label": "billing"], "comment": .string(String(repeating: "é", count: 32 * 1024))]
        #expect(try AnswerContent.validated(fits, for: classification, input: .null) == fits)
        let over: JSONValue = ["category": ["label": "billing"], "comment": .string(String(repeating: "é", count: 32 * 1024) + "!")]
        #expect(throws: JuryError.invalidInput("answer $.comment: has 65537 bytes; at most 65536 bytes (64 KiB) are allowed")) {
            try AnswerContent.validated(over, for: classification, input: .null)
        }
    }

    @Test func aFreeTextOverItsLimitIsRefusedNamingTheLimit() throws {
        let flow = try freeTextFlow()
        let text = String(repeating: "a", count: AnswerContent.maximumTextBytes)
        let fits: JSONValue = ["freeText": ["decision": "edited", "text": .string(text)]]
        #expect(try AnswerContent.validated(fits, for: flow, input: .null) == fits)
        let over: JSONValue = ["freeText": ["decision": "edited", "text": .string(text + "a")]]
        #expect(throws: JuryError.invalidInput("answer $.freeText.text: has 3145729 bytes; at most 3145728 bytes (3 MiB) are allowed")) {
            try AnswerContent.validated(over, for: flow, input: .null)
        }
    }

    @Test func anAnswerOverTheTotalLimitIsRefusedNamingTheLimit() throws {
        let over: JSONValue = ["category": ["label": "billing", "note": .string(String(repeating: "x", count: AnswerContent.maximumBytes))]]
        let bytes = over.encoded().count
        #expect(throws: JuryError.invalidInput("answer $: has \(bytes) bytes as JSON; an answer may have at most 4194304 bytes (4 MiB)")) {
            try AnswerContent.validated(over, for: classification, input: .null)
        }
    }

    @Test func readingStopsOneBytePastTheLimit() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "jury-answer-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let padding = String(repeating: " ", count: AnswerContent.maximumBytes - 2)
        try Data(("{}" + padding).utf8).write(to: file)
        #expect(try AnswerContent.read(from: FileHandle(forReadingFrom: file), name: "a.json") == [:])
        try Data(("{}" + padding + " ").utf8).write(to: file)
        #expect(throws: JuryError.invalidInput("a.json: an answer may have at most 4194304 bytes (4 MiB); this one has more")) {
            try AnswerContent.read(from: FileHandle(forReadingFrom: file), name: "a.json")
        }
    }
}
