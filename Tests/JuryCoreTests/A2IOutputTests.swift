import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// output.json holds exactly A2I's top-level members; Jury's extras sit beside it in jury.json.
@Suite struct A2IOutputTests {
    @Test func aCustomLoopsOutputHasExactlyA2IsMembersAndTheExtrasGoBeside() throws {
        let queue = try TestQueue(flows: [TestQueue.classificationFlow(taskCount: 1)])
        try queue.submit(["strict"])
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        _ = try ledger.claim(reviewer: "ana")
        let file = try #require(try ledger.submit(loop: "strict", reviewer: "ana", answer: TestQueue.answer("billing")).output)
        let output = try JSONValue.parse(Data(contentsOf: file))
        let a2iCustom = try A2IMaterial.document("a2i-output-custom-classifier.json")
        #expect(output.objectValue.map { Set($0.keys) } == a2iCustom.objectValue.map { Set($0.keys) })
        #expect(Set(output.objectValue?.keys ?? [:].keys) == ["flowDefinitionArn", "humanAnswers", "humanLoopName", "inputContent"])
        let extras = try JSONValue.parse(Data(contentsOf: Ledger.extrasURL(besideOutput: file)))
        #expect(extras["consensus"]?["value"] == "billing")
        #expect(extras["humanTaskActivationConditionResults"]?["Conditions"]?[0]?["EvaluationResult"] == true)
        #expect(Set(extras.objectValue?.keys ?? [:].keys) == ["consensus", "humanTaskActivationConditionResults"])
    }

    @Test func anAWSLoopsOutputHasA2IsMembersAndNoConsensus() throws {
        let a2i = try A2IMaterial.textractOutput()
        let queue = try TestQueue(flows: [A2IMaterial.textractFlow(conditions: A2IMaterial.conditions(of: a2i))])
        try queue.submit("claim-form", flow: "forms", input: ["aiServiceResponse": a2i["aiServiceResponse"]!])
        let answer = try #require(a2i["humanAnswers"]?[0]?["answerContent"])
        let output = try #require(try queue.complete("claim-form", answers: [("ana", answer)]))
        #expect(Set(output.objectValue?.keys ?? [:].keys) == [
            "awsManagedHumanLoopRequestSource", "flowDefinitionArn", "humanAnswers", "humanLoopName", "inputContent",
        ])
        #expect(output["humanAnswers"]?[0]?.objectValue.map { Set($0.keys) }?.isSuperset(of: ["answerContent", "submissionTime", "workerId"]) == true)
        let results = try #require(output["inputContent"]?["humanTaskActivationConditionResults"])
        #expect(!results.encodedString().contains("Jury"))
        #expect(results == a2i["humanTaskActivationConditionResults"])
        let file = try #require(try queue.ledger().writtenOutput(loop: "claim-form"))
        let extras = try JSONValue.parse(Data(contentsOf: Ledger.extrasURL(besideOutput: file)))
        #expect(extras["humanTaskActivationConditionResults"]?["Conditions"]?[0]?["Or"]?[1]?["JuryReason"] != nil)
    }

    @Test("a moderation label two reviewers split on is a tie under wawa, and the flow's TieBreaker settles it")
    func aSplitModerationLabelFollowsTheFlowsTieBreaker() throws {
        let source = RequestSource.rekognitionModeration
        let response: JSONValue = ["ModerationLabels": [["Name": "Violence", "ParentName": "", "Confidence": 61.5],
                                                        ["Name": "Weapons", "ParentName": "", "Confidence": 88.0]]]
        let both: JSONValue = [source.rawValue: ["moderationLabels": [["name": "Violence", "parentName": ""], ["name": "Weapons", "parentName": ""]]]]
        let one: JSONValue = [source.rawValue: ["moderationLabels": [["name": "Weapons", "parentName": ""]]]]
        var blocks: [JSONValue] = []
        for consensus: JSONValue in [["Method": "wawa"], ["Method": "wawa", "TieBreaker": "category-order"]] {
            let flow = A2IMaterial.awsFlow(name: "images", source: source, taskCount: 2).setting(["Jury", "Consensus"], to: consensus)
            let queue = try TestQueue(flows: [flow])
            try queue.submit("knife", flow: "images", input: ["aiServiceResponse": response])
            let ledger = try queue.ledger(completion: ConsensusCompletion())
            var file: URL?
            for (reviewer, answer) in [("ana", both), ("ben", one)] {
                _ = try ledger.claim(loop: "knife", reviewer: reviewer)
                file = try ledger.submit(loop: "knife", reviewer: reviewer, answer: answer).output
            }
            let output = try #require(file)
            blocks.append(try #require(try TestQueue.consensus(besideOutput: output)))
        }
        #expect(blocks[0]["unresolved"] == true && blocks[0]["labels"]?["Violence"]?["unresolved"] == "tie", "\(blocks[0])")
        #expect(blocks[1]["unresolved"] == false && blocks[1]["labelSet"] == ["Weapons"], "\(blocks[1])")
    }

    @Test func aNoContentModerationAnswerIsLeftOutOfHumanAnswersButStillVotes() throws {
        let source = RequestSource.rekognitionModeration
        let queue = try TestQueue(flows: [A2IMaterial.awsFlow(name: "images", source: source, taskCount: 3)])
        let response: JSONValue = ["ModerationLabels": [["Name": "Suggestive", "ParentName": "", "Confidence": 96.7]], "ModerationModelVersion": "3.0"]
        try queue.submit("beach", flow: "images", input: ["aiServiceResponse": response])
        let suggestive: JSONValue = [source.rawValue: ["moderationLabels": [["name": "Suggestive", "parentName": ""]]]]
        let noContent: JSONValue = [source.rawValue: ["moderationLabels": []]]
        let ledger = try queue.ledger(completion: ConsensusCompletion())
        var file: URL?
        for (reviewer, answer) in [("ana", suggestive), ("ben", noContent), ("cy", suggestive)] {
            _ = try ledger.claim(loop: "beach", reviewer: reviewer)
            file = try ledger.submit(loop: "beach", reviewer: reviewer, answer: answer).output
        }
        let output = try JSONValue.parse(Data(contentsOf: #require(file)))
        #expect(output["humanAnswers"]?.arrayValue?.compactMap { $0["workerId"]?.stringValue } == ["ana", "cy"])
        let extras = try JSONValue.parse(Data(contentsOf: Ledger.extrasURL(besideOutput: #require(file))))
        #expect(extras["noContentWorkers"] == ["ben"])
        #expect(extras["consensus"]?["answers"] == 3 && extras["consensus"]?["labelSet"] == ["Suggestive"])
    }
}
