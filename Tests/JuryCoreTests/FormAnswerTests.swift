import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// Textract answers keep Textract's blocks, and form consensus is kept per KEY block.
@Suite struct FormAnswerTests {
    private static let source = RequestSource.textractForms.rawValue

    /// The patient-intake form's fields as Textract read them, in response order.
    private static func intakeFields() throws -> [FormField] { TextractForm.fields(in: try A2IMaterial.patientIntakeForm()) }

    /// A queue with one patient-intake loop `intake` of a flow asking `reviewers` reviewers, every key shown.
    private static func intakeQueue(reviewers: Int) throws -> TestQueue {
        let flow = A2IMaterial.awsFlow(name: "intake", source: .textractForms, taskCount: reviewers)
        let queue = try TestQueue(flows: [flow])
        try queue.submit("intake", flow: "intake", input: ["aiServiceResponse": try A2IMaterial.patientIntakeForm()])
        return queue
    }

    private static func pairs(_ fields: [FormField], change: [String: String] = [:]) -> JSONValue {
        [source: ["keyValuePairs": .array(fields.map { field in
            ["key": .string(field.key), "value": .string(change[field.keyBlockId] ?? field.value), "keyBlockId": .string(field.keyBlockId)]
        })]]
    }

    /// The pairs of stored answer blocks, read as typed blocks.
    private static func pairs(inBlocks blocks: [JSONValue]) throws -> [FormAnswer.Pair] {
        FormAnswer.pairs(in: try blocks.enumerated().map { try AnswerBlock($1, at: JSONPath.root.appending($0)) })
    }

    @Test func reviewedPairsKeepTextractsIdsConfidencesAndCheckboxes() throws {
        let fields = try Self.intakeFields()
        let secondName = fields.filter { $0.key == "First Name:" }[1]
        let checkbox = try #require(fields.first { $0.key == "Yes" && $0.value == "NOT_SELECTED" })
        let queue = try Self.intakeQueue(reviewers: 1)
        let answer = Self.pairs(fields, change: [secondName.keyBlockId: "CARLOS M.", checkbox.keyBlockId: "SELECTED"])
        let output = try #require(try queue.complete("intake", answers: [("ana", answer)]))
        let blocks = try #require(output["humanAnswers"]?[0]?["answerContent"]?[Self.source]?["blocks"]?.arrayValue)
        let response = try A2IMaterial.patientIntakeForm()["Blocks"]?.arrayValue ?? []
        let textract = Dictionary(uniqueKeysWithValues: response.map { ($0["Id"]!.stringValue!, $0) })
        let keys = blocks.filter { $0["entityTypes"] == ["KEY"] }
        #expect(keys.count == 31)
        #expect(keys.allSatisfy { key in key["confidence"] != nil && key["confidence"] == textract[key["id"]!.stringValue!]?["Confidence"] })
        let kept = blocks.filter { $0["blockType"] == "WORD" && textract[$0["id"]!.stringValue!] != nil }
        #expect(kept.allSatisfy { textract[$0["id"]!.stringValue!]?["Text"] == $0["text"] })
        let pairs = try Self.pairs(inBlocks: blocks)
        #expect(pairs.first { $0.keyBlockId == secondName.keyBlockId }?.value == "CARLOS M.")
        let ticked = try #require(pairs.first { $0.keyBlockId == checkbox.keyBlockId })
        #expect(ticked.value == "SELECTED")
        let valueId = try #require(keys.first { $0["id"]?.stringValue == checkbox.keyBlockId }?["relationships"]?[0]?["ids"]?[0])
        let valueBlock = try #require(blocks.first { $0["id"] == valueId })
        let element = try #require(blocks.first { $0["id"] == valueBlock["relationships"]?[0]?["ids"]?[0] })
        #expect(element["blockType"] == "SELECTION_ELEMENT" && element["selectionStatus"] == "SELECTED")
        #expect(textract[element["id"]!.stringValue!]?["BlockType"] == "SELECTION_ELEMENT")
        #expect(!blocks.contains { $0["text"] == "SELECTED" })
    }

    @Test func aPairNamingAnUnknownKeyBlockIsRefused() throws {
        let queue = try Self.intakeQueue(reviewers: 1)
        let ledger = try queue.ledger()
        _ = try ledger.claim(loop: "intake", reviewer: "ana")
        let answer: JSONValue = [Self.source: ["keyValuePairs": [["key": "Zip Code:", "value": "1", "keyBlockId": "kv0-key"]]]]
        #expect(throws: JuryError.invalidInput(
            "answer $[\"AWS/Textract/AnalyzeDocument/Forms/V1\"].keyValuePairs[0].keyBlockId: \"kv0-key\" is no KEY block of the loop's response, or is taken by another pair")) {
            try ledger.submit(loop: "intake", reviewer: "ana", answer: answer)
        }
    }

    @Test func thirtyOnePairsStayThirtyOneFieldsWhateverTheirKeyTexts() throws {
        let fields = try Self.intakeFields()
        let queue = try Self.intakeQueue(reviewers: 3)
        let jane = try #require(fields.first { $0.value == "JANE" })
        let answers = [("ana", Self.pairs(fields)), ("ben", Self.pairs(fields)), ("cy", Self.pairs(fields, change: [jane.keyBlockId: "JOAN"]))]
        _ = try queue.complete("intake", answers: answers)
        let output = try #require(try queue.ledger().writtenOutput(loop: "intake"))
        let consensus = try #require(try TestQueue.consensus(besideOutput: output))
        let decisions = try #require(consensus["fields"]?.objectValue)
        #expect(decisions.count == 31)
        let firstNames = fields.filter { $0.key == "First Name:" }.map { decisions[$0.keyBlockId]?["value"]?.stringValue }
        #expect(firstNames == ["ALEJANDRO", "CARLOS", "JANE"])
        #expect(decisions[jane.keyBlockId]?["key"] == "First Name:" && decisions[jane.keyBlockId]?["votes"] == 2)
        let checkboxes = fields.filter { $0.value == "SELECTED" }.map { decisions[$0.keyBlockId]?["value"]?.stringValue }
        #expect(checkboxes.count == 6 && checkboxes.allSatisfy { $0 == "SELECTED" })
    }

    @Test func a2iShapedCheckboxAnswersReadAsTheirStatus() throws {
        let blocks: [JSONValue] = [
            ["blockType": "KEY_VALUE_SET", "confidence": 96, "entityTypes": ["KEY"], "id": "k",
             "relationships": [["ids": ["v"], "type": "VALUE"], ["ids": ["w"], "type": "CHILD"]]],
            ["blockType": "KEY_VALUE_SET", "confidence": 96, "entityTypes": ["VALUE"], "id": "v", "relationships": [["ids": ["s"], "type": "CHILD"]]],
            ["blockType": "WORD", "id": "w", "text": "Yes"],
            ["blockType": "SELECTION_ELEMENT", "id": "s", "selectionStatus": "SELECTED"],
        ]
        #expect(try Self.pairs(inBlocks: blocks) == [FormAnswer.Pair(keyBlockId: "k", key: "Yes", value: "SELECTED", isFromTextract: true)])
    }

    @Test func keysTheTaskNeverShowedAreNotMissing() throws {
        let a2i = try A2IMaterial.textractOutput()
        let queue = try TestQueue(flows: [A2IMaterial.textractFlow(conditions: A2IMaterial.conditions(of: a2i))])
        try queue.submit("claim-form", flow: "forms", input: ["aiServiceResponse": a2i["aiServiceResponse"]!])
        let answer = try #require(a2i["humanAnswers"]?[0]?["answerContent"])
        _ = try queue.complete("claim-form", answers: [("ana", answer)])
        let output = try #require(try queue.ledger().writtenOutput(loop: "claim-form"))
        let decisions = try #require(try TestQueue.consensus(besideOutput: output)?["fields"]?.objectValue)
        #expect(Set(decisions.keys) == ["efef5f95-e05c-476c-8251-6378c6d69001", "key:Policy Number:", "key:Device ID:"])
        #expect(decisions.values.allSatisfy { $0["normalized"] != "#missing" })
        #expect(decisions["efef5f95-e05c-476c-8251-6378c6d69001"]?["value"] == "$148.99")
    }

    @Test("a key only one reviewer added is a minority: the others' silence counts as missing, and nothing breaks")
    func aKeyOneReviewerAddedIsOutvoted() throws {
        let a2i = try A2IMaterial.textractOutput()
        let queue = try TestQueue(flows: [A2IMaterial.textractFlow(conditions: A2IMaterial.conditions(of: a2i), taskCount: 3)])
        try queue.submit("claim-form", flow: "forms", input: ["aiServiceResponse": a2i["aiServiceResponse"]!])
        let answer = try #require(a2i["humanAnswers"]?[0]?["answerContent"])
        let blocks = (answer[Self.source]?["blocks"]?.arrayValue ?? []) + TextractBlocks.added(key: "Tax ID", value: "PL 725")
        let adding: JSONValue = [Self.source: ["blocks": .array(blocks)]]
        let output = try #require(try queue.complete("claim-form", answers: [("ana", answer), ("ben", adding), ("cy", answer)]))
        let written = try #require(try queue.ledger().writtenOutput(loop: "claim-form"))
        let decisions = try #require(try TestQueue.consensus(besideOutput: written)?["fields"]?.objectValue)
        #expect(decisions["key:Tax ID"]?["value"] == nil && decisions["key:Tax ID"]?["votes"] == 2 && decisions["key:Tax ID"]?["key"] == "Tax ID")
        #expect(output["humanAnswers"]?.arrayValue?.count == 3)
    }
}
