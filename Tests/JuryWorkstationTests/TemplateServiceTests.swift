import Foundation
@testable import JuryCore
import JuryJSON
import JuryCanvas
import JuryService
import Testing
@testable import JuryWorkstation

/// A custom task as an A2I user sets it up: the template through CreateHumanTaskUi, a flow without a
/// `Jury` block through CreateFlowDefinition, a loop through StartHumanLoop; then a reviewer's screen
/// and answer.
@Suite("A worker template through the A2I API")
struct TemplateServiceTests {
    static let producer = Caller.accessKeyHolder(profile: "etl-pipeline")

    static let flow: JSONValue = [
        "FlowDefinitionName": "sentiment",
        "RoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole",
        "HumanLoopConfig": [
            "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/support",
            "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/sentiment-ui",
            "TaskCount": 1, "TaskTitle": "Sentiment", "TaskDescription": "What does the customer feel?",
        ],
        "OutputConfig": ["S3OutputPath": "s3://acme-a2i/sentiment"],
    ]

    @Test("the screen shows the template's header and instructions, and the answer is the template's shape")
    func createStartReviewAnswer() throws {
        let queue = try DemoQueue()
        defer { queue.remove() }
        let service = try QueueService(ledger: queue.ledger)
        let template = TemplateScreenTests.template("sentiment-classifier.liquid")
        _ = try service.perform(.createHumanTaskUi(name: "sentiment-ui", template: template), caller: Self.producer)
        _ = try service.perform(.createFlowDefinition(definition: Self.flow), caller: Self.producer)
        let request: JSONValue = ["HumanLoopName": "feel-1", "FlowDefinitionName": "sentiment",
                                  "HumanLoopInput": ["InputContent": .string(TemplateScreenTests.sentimentInput.encodedString())]]
        _ = try service.perform(.startHumanLoop(request: request), caller: Self.producer)

        let client = try queue.client("hiro")
        let claim = try client.claim(loop: "feel-1")
        let content = TaskContent(material: try client.taskMaterial(loop: "feel-1"))
        let start = WorkstationState(reviewer: "hiro", size: Size(rows: 24, columns: 80), now: Fixtures.startMilliseconds, flows: [])
        let state = Workstation.update(start, .taskLoaded(content, claim, nil)).0
        let screen = WorkstationView.render(state).textDump()
        #expect(screen.contains("What sentiment does this text convey?  ? instructions"))
        #expect(screen.contains("Choose the primary sentiment that is expressed by the text."))
        #expect(screen.contains("The replacement arrived broken, again."))

        let effects = state.pressing(keys("a")).1
        let answer = try #require(effects.lazy.compactMap { effect -> JSONValue? in
            if case .submit("feel-1", let answer) = effect { return answer }
            return nil
        }.first)
        let receipt = try client.submit(loop: "feel-1", answer: answer, timeSpentSeconds: 4)
        let output = try JSONValue.parse(Data(contentsOf: try #require(receipt.output)))
        #expect(output["humanAnswers"]?[0]?["answerContent"] == ["sentiment": ["label": "Negative"]])
        #expect(output["inputContent"] == TemplateScreenTests.sentimentInput)
    }
}
