import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// Answers in the shapes A2I's custom templates submit, and their consensus.
@Suite struct CustomAnswerTests {
    /// The categories of the multi-select template in AWS's Comprehend custom-classification sample.
    private static let newsFlow = TestQueue.classificationFlow(name: "news")
        .setting(["Jury", "Categories"], to: ["World", "SciTech", "Business", "Sports"])

    private static let transcriptionFlow = TestQueue.classificationFlow(name: "transcripts")
        .setting(["HumanLoopActivationConfig"], to: nil)
        .setting(["Jury"], to: ["TaskType": "free-text", "AnswerName": "transcription"])

    @Test func multiSelectAnswersAreAcceptedAndDecidedPerClass() throws {
        let a2i = try A2IMaterial.document("a2i-output-custom-multi-select.json")
        let queue = try TestQueue(flows: [Self.newsFlow])
        try queue.submit("dhoni", flow: "news", input: try #require(a2i["inputContent"]).setting(["prediction"], to: ["confidence": 0.5]))
        let real = try #require(a2i["humanAnswers"]?[0]?["answerContent"])
        let both: JSONValue = ["category": ["labels": ["World", "Sports"]]]
        _ = try queue.complete("dhoni", answers: [("ana", real), ("ben", both), ("cy", real)])
        let output = try #require(try queue.ledger().writtenOutput(loop: "dhoni"))
        let stored = try JSONValue.parse(Data(contentsOf: output))["humanAnswers"]?.arrayValue?.map { $0["answerContent"] }
        #expect(stored == [real, both, real])
        let consensus = try #require(try TestQueue.consensus(besideOutput: output))
        #expect(consensus["taskType"] == "multi-select" && consensus["labelSet"] == ["World"])
        #expect(consensus["labels"]?["Sports"]?["applies"] == false && consensus["answers"] == 3)
    }

    @Test func aMultiSelectLabelOutsideTheCategoriesIsRefused() throws {
        let queue = try TestQueue(flows: [Self.newsFlow])
        try queue.submit("story", flow: "news", input: ["taskObject": "Markets rally", "prediction": ["confidence": 0.5]])
        let ledger = try queue.ledger()
        _ = try ledger.claim(loop: "story", reviewer: "ana")
        #expect(throws: JuryError.invalidInput(
            "answer $.category.labels[1]: \"Finance\" is not a category of this flow (World, SciTech, Business, Sports)")) {
            try ledger.submit(loop: "story", reviewer: "ana", answer: ["category": ["labels": ["Business", "Finance"]]])
        }
    }

    @Test func namedFreeFieldsAreAcceptedWithoutAModelOutputAndAgreeByEditSimilarity() throws {
        let queue = try TestQueue(flows: [Self.transcriptionFlow])
        let input: JSONValue = ["audioPath": "s3://bucket/a2i_transcribe_demo/notebooks.mp4", "original_words": "but definitely use Lambda to turn your ",
                                "start_time": 948.51, "end_time": 950.27]
        #expect(try queue.submit("clip", flow: "transcripts", input: input).created == ["clip"])
        let answers: [(String, JSONValue)] = [
            ("ana", ["transcription": "use lambda to turn your notebook"]),
            ("ben", ["transcription": "use Lambda to turn your notebook"]),
            ("cy", ["transcription": "used lambda to turn the notebook"]),
        ]
        _ = try queue.complete("clip", answers: answers)
        let output = try #require(try queue.ledger().writtenOutput(loop: "clip"))
        #expect(try JSONValue.parse(Data(contentsOf: output))["humanAnswers"]?[0]?["answerContent"] == ["transcription": "use lambda to turn your notebook"])
        let consensus = try #require(try TestQueue.consensus(besideOutput: output))
        #expect(consensus["taskType"] == "free-text" && consensus["value"] == "use lambda to turn your notebook")
        let ledger = try queue.ledger()
        try queue.submit("clip-2", flow: "transcripts", input: input.setting(["start_time"], to: 1))
        _ = try ledger.claim(loop: "clip-2", reviewer: "ana")
        #expect(throws: JuryError.invalidInput("answer $.transcription: required: the reviewer's text, a string")) {
            try ledger.submit(loop: "clip-2", reviewer: "ana", answer: ["transcription": ["decision": "approved", "text": "x"]])
        }
    }
}
