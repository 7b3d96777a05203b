import Foundation
import JuryCore
import JuryJSON
import JuryService
import Testing

/// `jury submit` (the service's startLoop) refuses exactly what ingest refuses, before it evaluates conditions.
@Suite struct StartLoopValidationTests {
    @Test func anInputContentIngestWouldRefuseIsRefusedAndNoLoopStarts() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        let text = String(repeating: "a", count: HumanLoopRequest.maximumInputContentLength)
        let input: JSONValue = ["text": .string(text), "prediction": ["label": "billing", "confidence": 0.5]]
        let length = input.encodedString().count
        #expect(throws: JuryError.invalidInput(
            "too-large: $.HumanLoopInput.InputContent: InputContent has \(length) characters; A2I's limit is 3145728")) {
            try queue.client().startLoop(flow: "tickets", name: "huge", input: input)
        }
        #expect(throws: JuryError.notFound("no human loop named huge (a deleted loop is gone, as in A2I)")) {
            try queue.client().describe(loop: "huge")
        }
    }

    @Test func aRefusedRequestIsAnErrorEvenWhenNoConditionHolds() throws {
        let queue = try ServiceQueue()
        defer { queue.remove() }
        #expect(throws: JuryError.invalidInput(
            "bad-name: $.HumanLoopName: HumanLoopName \"Bad_Name\" may hold only lower-case letters a-z, digits and hyphens")) {
            try queue.client().startLoop(flow: "tickets", name: "Bad_Name", input: ["prediction": ["label": "billing", "confidence": 0.99]])
        }
        let sure = try queue.client().startLoop(flow: "tickets", name: "sure", input: ["prediction": ["label": "billing", "confidence": 0.99]])
        #expect(!sure.started)
    }
}
