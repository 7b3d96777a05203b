import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// Stored answers read as `ReviewAnswer` values and written back byte for byte; malformed ones are refused
/// with the loop and the JSON path.
@Suite struct ReviewAnswerTests {
    private static func flow(_ document: JSONValue) throws -> FlowDefinition {
        try #require(FlowDefinition.check(document).flow, "\(FlowDefinition.check(document).problems)")
    }

    private static let moderation = try! flow(A2IMaterial.awsFlow(name: "images", source: .rekognitionModeration))
    private static let forms = try! flow(A2IMaterial.awsFlow(name: "forms", source: .textractForms))
    private static let classification = try! flow(TestQueue.classificationFlow())
    private static let freeText = try! flow(TestQueue.classificationFlow(name: "texts").setting(["Jury"], to: ["TaskType": "free-text"]))
    private static let transcription = try! flow(TestQueue.classificationFlow(name: "transcripts")
        .setting(["HumanLoopActivationConfig"], to: nil).setting(["Jury"], to: ["TaskType": "free-text", "AnswerName": "transcription"]))

    /// Reads `text` as a stored answer of `flow` and returns the typed answer with its stored form's bytes.
    private static func roundTrip(_ text: String, _ flow: FlowDefinition) throws -> (ReviewAnswer, String) {
        let answer = try ReviewAnswer(stored: try JSONValue.parse(text), flow: flow, loop: "loop-1")
        return (answer, answer.jsonValue.encodedString())
    }

    @Test func moderationLabelsRoundTripWithTheirParents() throws {
        let text = #"{"AWS/Rekognition/DetectModerationLabels/Image/V3":{"moderationLabels":[{"name":"Weapons","parentName":"Violence"},{"name":"Violence","parentName":""}]},"comment":"knife"}"#
        let (answer, written) = try Self.roundTrip(text, Self.moderation)
        #expect(written == text)
        #expect(answer.body == .moderationLabels([ModerationLabelName(name: "Weapons", parentName: "Violence"),
                                                  ModerationLabelName(name: "Violence", parentName: "")]))
        #expect(answer.comment == "knife" && answer.moderationLabelNames == ["Weapons", "Violence"])
        let noContent = #"{"AWS/Rekognition/DetectModerationLabels/Image/V3":{"moderationLabels":[]}}"#
        #expect(try Self.roundTrip(noContent, Self.moderation) == (ReviewAnswer(member: RequestSource.rekognitionModeration.rawValue,
                                                                               body: .moderationLabels([])), noContent))
    }

    @Test func singleAndMultiSelectClassesRoundTrip() throws {
        let single = #"{"category":{"label":"billing"},"comment":""}"#
        #expect(try Self.roundTrip(single, Self.classification) == (ReviewAnswer(member: "category", body: .category("billing"), comment: ""), single))
        let multi = #"{"category":{"labels":["World","Sports"]}}"#
        let (answer, written) = try Self.roundTrip(multi, Self.classification)
        #expect(written == multi && answer.body == .categories(["World", "Sports"]) && answer.classes == ["World", "Sports"])
        let none = #"{"category":{"labels":[]}}"#
        #expect(try Self.roundTrip(none, Self.classification).1 == none)
    }

    @Test func freeTextAndNamedFieldsRoundTrip() throws {
        let edited = #"{"freeText":{"decision":"edited","text":"Due on 15 January.\nPaid."}}"#
        let (answer, written) = try Self.roundTrip(edited, Self.freeText)
        #expect(written == edited && answer.body == .freeText(.edited, text: "Due on 15 January.\nPaid.") && answer.comment == nil)
        let named = #"{"transcription":"use lambda to turn your notebook"}"#
        let (field, fieldWritten) = try Self.roundTrip(named, Self.transcription)
        #expect(fieldWritten == named && field.body == .namedField("use lambda to turn your notebook") && field.text == field.body.jsonValue.stringValue)
    }

    @Test func realA2IFormBlocksRoundTripWithTheirIdsAndConfidences() throws {
        let stored = try #require(try A2IMaterial.textractOutput()["humanAnswers"]?[0]?["answerContent"])
        let answer = try ReviewAnswer(stored: stored, flow: Self.forms, loop: "claim-form")
        #expect(answer.jsonValue.encoded() == stored.encoded())
        guard case .formBlocks(let blocks) = answer.body else { Issue.record("not form blocks: \(answer.body)"); return }
        let key = try #require(blocks.first { $0.entityTypes == ["KEY"] && $0.confidence != nil })
        #expect(key.relationships?.map(\.type).contains("VALUE") == true)
        #expect(answer.formPairs.contains { $0.keyBlockId == key.id && $0.isFromTextract })
        #expect(answer.formPairs.contains { $0.key == "Policy Number:" && $0.value == "AG133441" && !$0.isFromTextract })
    }

    @Test func blockMembersJuryDoesNotReadAndNumberLiteralsAreKept() throws {
        let text = #"{"AWS/Textract/AnalyzeDocument/Forms/V1":{"blocks":[{"blockType":"KEY_VALUE_SET","confidence":41.290,"entityTypes":["KEY"],"geometry":{"page":1},"id":"k","relationships":[{"ids":["v"],"type":"VALUE"}]},{"blockType":"SELECTION_ELEMENT","id":"s","selectionStatus":"NOT_SELECTED"}]}}"#
        let (answer, written) = try Self.roundTrip(text, Self.forms)
        #expect(written == text)
        guard case .formBlocks(let blocks) = answer.body else { Issue.record("not form blocks: \(answer.body)"); return }
        #expect(blocks[0].confidence?.literal == "41.290" && blocks[0].otherMembers == ["geometry": ["page": 1]])
        #expect(blocks[1].selectionStatus == "NOT_SELECTED" && blocks[1].otherMembers.isEmpty)
    }

    @Test func submittedPairsBecomeTypedBlocksWithTheLoopsIds() throws {
        let a2i = try A2IMaterial.textractOutput()
        let response = try #require(a2i["aiServiceResponse"])
        let input: JSONValue = ["aiServiceResponse": response]
        let field = try #require(TextractForm.fields(in: response).first)
        let submitted: JSONValue = [RequestSource.textractForms.rawValue: ["keyValuePairs": [["key": .string(field.key), "value": "changed"]]]]
        let answer = try ReviewAnswer(submitted: submitted, for: Self.forms, input: input)
        #expect(answer.formPairs == [FormAnswer.Pair(keyBlockId: field.keyBlockId, key: field.key, value: "changed", isFromTextract: true)])
        #expect(try ReviewAnswer(stored: answer.jsonValue, flow: Self.forms, loop: "claim-form") == answer)
    }

    @Test(arguments: [
        (#"["billing"]"#, "$", "an answer is a JSON object"),
        (#"{"category":{"label":3}}"#, "$.category.label", "required: a string (or labels, an array of strings)"),
        (#"{"category":{"label":"billing","score":1}}"#, "$.category.score", "unexpected member; expected label"),
        (#"{"category":{"labels":["a","a"]}}"#, "$.category.labels", "must be an array of distinct categories (and no label beside it)"),
        (#"{"category":{"label":"billing"},"comment":1}"#, "$.comment", "must be a string"),
        (#"{"topic":{"label":"billing"}}"#, "$.category", "required for a classification task"),
    ])
    func malformedClassificationsNameTheLoopAndPath(text: String, path: String, reason: String) throws {
        let error = #expect(throws: AnswerShapeError.self) {
            try ReviewAnswer(stored: try JSONValue.parse(text), flow: Self.classification, loop: "ticket-7")
        }
        #expect(error?.description == "loop ticket-7: stored answer \(path): \(reason)")
    }

    @Test func malformedShapesOfEveryOtherTaskNameTheirPath() throws {
        let cases: [(String, FlowDefinition, String)] = [
            (#"{"AWS/Rekognition/DetectModerationLabels/Image/V3":{"moderationLabels":[{"name":"Violence"}]}}"#, Self.moderation,
             #"$["AWS/Rekognition/DetectModerationLabels/Image/V3"].moderationLabels[0]: needs a non-empty name and a parentName ("" for a top-level label)"#),
            (#"{"AWS/Rekognition/DetectModerationLabels/Image/V3":{"moderationLabels":[{"name":"Violence","parentName":"","confidence":90}]}}"#, Self.moderation,
             #"$["AWS/Rekognition/DetectModerationLabels/Image/V3"].moderationLabels[0].confidence: unexpected member; expected name, parentName"#),
            (#"{"AWS/Textract/AnalyzeDocument/Forms/V1":{"blocks":[{"blockType":"WORD","id":"w","confidence":"high"}]}}"#, Self.forms,
             #"$["AWS/Textract/AnalyzeDocument/Forms/V1"].blocks[0].confidence: must be a number"#),
            (#"{"AWS/Textract/AnalyzeDocument/Forms/V1":{"blocks":[{"blockType":"KEY_VALUE_SET","id":"k","relationships":[{"type":"VALUE"}]}]}}"#, Self.forms,
             #"$["AWS/Textract/AnalyzeDocument/Forms/V1"].blocks[0].relationships: must be an array of {"type", "ids"}"#),
            (#"{"AWS/Textract/AnalyzeDocument/Forms/V1":{"keyValuePairs":[]}}"#, Self.forms,
             #"$["AWS/Textract/AnalyzeDocument/Forms/V1"].blocks: required: Textract blocks (or keyValuePairs [{"key", "value", "keyBlockId"?}])"#),
            (#"{"freeText":{"decision":"maybe","text":"x"}}"#, Self.freeText, #"$.freeText.decision: required: "approved" or "edited""#),
            (#"{"transcription":{"text":"x"}}"#, Self.transcription, "$.transcription: required: the reviewer's text, a string"),
        ]
        for (text, flow, located) in cases {
            let error = #expect(throws: AnswerShapeError.self) { try ReviewAnswer(stored: try JSONValue.parse(text), flow: flow, loop: "l") }
            #expect(error?.description == "loop l: stored answer " + located)
        }
    }
}
