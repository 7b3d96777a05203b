import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// `AnswerContent.validated` checks an answer against the task it answers.
@Suite struct AnswerCheckTests {
    private static let demo = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "fixtures/demo")

    private func task(_ loop: String) throws -> (FlowDefinition, JSONValue) {
        let request = try HumanLoopRequest.parse(Data(contentsOf: Self.demo.appending(path: "loops/\(loop).json")))
        let flow = try #require(QueueDirectory(Self.demo).loadFlows().flows[request.flowName])
        return (flow, request.input)
    }

    private func moderation(_ labels: [(String, String)]) -> JSONValue {
        ["AWS/Rekognition/DetectModerationLabels/Image/V3": ["moderationLabels": .array(labels.map {
            ["name": .string($0.0), "parentName": .string($0.1)]
        })]]
    }

    @Test func anApprovedFreeTextMustBeTheModelsText() throws {
        let (flow, input) = try task("llm-0001")
        let model = try #require(input[AnswerContent.modelTextMember])
        #expect(throws: JuryError.invalidInput("answer $.freeText.text: an approved answer carries the model's text unchanged; send \"edited\" with a changed text")) {
            try AnswerContent.validated(["freeText": ["decision": "approved", "text": "whatever"]], for: flow, input: input)
        }
        let approved: JSONValue = ["freeText": ["decision": "approved", "text": model]]
        #expect(try AnswerContent.validated(approved, for: flow, input: input) == approved)
    }

    @Test func aChildLabelNeedsItsParent() throws {
        let (flow, input) = try task("img-0004-explicit-upload")
        #expect(throws: JuryError.invalidInput("answer $[\"AWS/Rekognition/DetectModerationLabels/Image/V3\"].moderationLabels[0]: \"Explicit Nudity\" applies only with its parent label \"Explicit\"; add it too")) {
            try AnswerContent.validated(moderation([("Explicit Nudity", "Explicit")]), for: flow, input: input)
        }
        let both = moderation([("Explicit", ""), ("Explicit Nudity", "Explicit")])
        #expect(try AnswerContent.validated(both, for: flow, input: input) == both)
    }

    @Test func aLabelMustBeOneTheModelReportedOrTheFlowLists() throws {
        let (flow, input) = try task("img-0004-explicit-upload")
        #expect(throws: JuryError.invalidInput("answer $[\"AWS/Rekognition/DetectModerationLabels/Image/V3\"].moderationLabels[0]: \"Kittens\" is neither a label the model reported nor one of the flow's Labels")) {
            try AnswerContent.validated(moderation([("Kittens", "")]), for: flow, input: input)
        }
        let listed = moderation([("Gambling", "")])
        #expect(try AnswerContent.validated(listed, for: flow, input: input) == listed)
    }

    @Test func aCategoryMustBeOneOfTheFlows() throws {
        let flow = try #require(FlowDefinition.check(TestQueue.classificationFlow()).flow)
        #expect(throws: JuryError.invalidInput("answer $.category.label: \"refund\" is not a category of this flow (billing, shipping, other)")) {
            try AnswerContent.validated(TestQueue.answer("refund"), for: flow, input: .null)
        }
    }
}
