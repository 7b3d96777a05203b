import Foundation
@testable import JuryCore
import JuryJSON
import Testing

@Suite struct ExactNumberOutputTests {
    @Test func inputContentNumbersReachTheOutputExactly() throws {
        let queue = try TestQueue()
        let content = #"{"id": 9007199254740993, "amount": 1e15, "prediction": {"confidence": 0.50}}"#
        let request: JSONValue = ["HumanLoopName": "exact", "FlowDefinitionName": "tickets", "HumanLoopInput": ["InputContent": .string(content)]]
        try queue.dropRaw(request.encoded(), as: "exact.json")
        #expect(try Ingest(ledger: queue.ledger(), flows: queue.flows).run().created == ["exact"])
        let ledger = try queue.ledger()
        for reviewer in ["ana", "ben", "cy"] {
            _ = try ledger.claim(reviewer: reviewer)
            try ledger.submit(loop: "exact", reviewer: reviewer, answer: TestQueue.answer("billing"))
        }
        let output = try #require(try ledger.describe(loop: "exact")["HumanLoopOutput"]?["OutputS3Uri"]?.stringValue)
        let text = try String(contentsOf: #require(queue.directory.objectFile(uri: output)), encoding: .utf8)
        #expect(text.contains(#""amount": 1e15,"#) && text.contains(#""id": 9007199254740993,"#) && text.contains(#""confidence": 0.50"#))
    }
}
