import Foundation
@testable import JuryCore
import JuryJSON
import JuryCanvas
import JuryTestSupport
import Testing
@testable import JuryWorkstation

/// Task screens built from the real worker templates of AWS's A2I samples (fixtures/a2i/templates):
/// the demo flows without their `Jury` block, read through a template instead.
@Suite("Worker template screens")
struct TemplateScreenTests {
    static func template(_ name: String) -> String {
        try! String(contentsOf: Checkout.root.appending(path: "fixtures/a2i/templates/\(name)"), encoding: .utf8)
    }

    /// The demo flow `base` without its `Jury` block, read with the template `name`.
    static func flow(_ base: String, template name: String) throws -> FlowDefinition {
        var document = try #require(Fixtures.flows[base]?.storedForm.objectValue)
        document["Jury"] = nil
        return try #require(FlowDefinition.check(.object(document), template: template(name)).flow)
    }

    /// `reviewer` on the task screen of loop `loop` of `flow` with `input`, 42 s after the claim.
    static func state(_ flow: FlowDefinition, input: JSONValue, loop: String = "tpl-0001", reviewer: String = "hiro",
                      size: Size = Size(rows: 24, columns: 80)) -> WorkstationState {
        let start = Fixtures.startMilliseconds
        let material = TaskMaterial(loopName: loop, flow: flow, input: input, activationResults: .null, createdAt: start,
                                    deadline: start + 864_000_000, minimumConfidence: nil)
        let claim = ClaimedTask(loopName: loop, flow: flow.name, taskType: flow.taskType, reviewer: reviewer, claimedAt: start,
                                expiresAt: start + 600_000, resumed: false)
        var state = WorkstationState(reviewer: reviewer, size: size, now: start + 42_000,
                                     flows: [FlowSummary(name: flow.name, taskType: flow.taskType, threshold: flow.confidenceThreshold)])
        state.day = ReviewerDay(verdicts: 7, medianSeconds: 73.5)
        return Workstation.update(state, .taskLoaded(TaskContent(material: material), claim, nil)).0
    }

    static let sentimentInput: JSONValue = ["taskObject": "The replacement arrived broken, again. Third time this month.", "initialValue": "Negative"]

    private func check(_ state: WorkstationState, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let canvas = WorkstationView.render(state)
        let file = "template-\(name)-\(state.size)"
        Golden.assertText(canvas, named: file, sourceLocation: sourceLocation)
        Golden.assertRoles(canvas, named: file, sourceLocation: sourceLocation)
    }

    @Test("crowd-classifier: header, short instructions, the target text, initial-value pre-selected", arguments: GoldenScreenTests.sizes)
    func sentiment(size: Size) throws {
        let flow = try Self.flow("tickets", template: "sentiment-classifier.liquid")
        let state = Self.state(flow, input: Self.sentimentInput, size: size)
        check(state, "sentiment")
        #expect(state.task?.verdict.answer(for: try #require(state.task?.content)) == ["sentiment": ["label": "Negative"]])
    }

    @Test("full instructions open in help, before the keys")
    func sentimentHelp() throws {
        let flow = try Self.flow("tickets", template: "sentiment-classifier.liquid")
        check(Self.state(flow, input: Self.sentimentInput).pressing(keys("?")).0, "sentiment-help")
    }

    @Test("crowd-classifier-multi-select: numbers toggle classes, the answer lists them", arguments: GoldenScreenTests.sizes)
    func multiSelect(size: Size) throws {
        let flow = try Self.flow("tickets", template: "news-multi-select.liquid")
        let input: JSONValue = ["taskObject": "Champions League final moved to Lisbon as the pandemic spreads across Europe."]
        let state = Self.state(flow, input: input, size: size).pressing(keys("14j")).0
        check(state, "multi-select")
        let task = try #require(state.task)
        #expect(task.verdict.answer(for: task.content) == ["category": ["labels": ["World", "Sports"]]])
        #expect(task.verdict.changes(against: task.content).map(\.text.description) == ["Class added: World", "Class added: Sports"])
        let reverted = state.pressing(keys("gu")).0.task
        #expect(reverted.map { $0.verdict.answer(for: $0.content) } == ["category": ["labels": ["Sports"]]])
    }

    @Test("crowd-classifier whose target is HTML from the input", arguments: GoldenScreenTests.sizes)
    func fraud(size: Size) throws {
        let flow = try Self.flow("tickets", template: "fraud-classifier.liquid")
        let input: JSONValue = ["score": ["sample_fraud_detection_insightscore": 912],
                                "taskObject": ["email_address": "jo@example.com", "billing_address": "12 Main St", "billing_state": "WA",
                                               "billing_postal": "98101", "ip_address": "192.0.2.7", "phone_number": "+1 206 555 0100",
                                               "user_agent": "Mozilla/5.0"]]
        check(Self.state(flow, input: input, size: size).pressing(keys("2")).0, "fraud")
    }

    @Test("crowd-text-area: the form's text as the prompt, its label and placeholder over the answer", arguments: GoldenScreenTests.sizes)
    func transcription(size: Size) throws {
        let flow = try Self.flow("llm-answers", template: "transcribe-video.liquid")
        let input: JSONValue = ["video_title": "Lambda notebooks", "original_words": "use lambda to turn your notebook", "start_time": 12, "end_time": 19]
        let state = Self.state(flow, input: input, size: size)
        check(state, "transcription")
        let edited = state.pressing(keys("e") + keys("use Lambda to turn your notebook⏎")).0
        #expect(edited.task?.verdict.answer(for: try #require(edited.task?.content)) == ["transcription": "use Lambda to turn your notebook"])
    }

    @Test("crowd-textract-analyze-document: the form screen under the template's header", arguments: GoldenScreenTests.sizes)
    func textract(size: Size) throws {
        let flow = try Self.flow("invoices", template: "textract-analyze-document.liquid")
        check(Self.state(flow, input: try #require(Fixtures.admissions["inv-0008-kowalski-lodz"]?.request.input), reviewer: "alice", size: size),
              "textract")
    }

    @Test("a Textract template's keys the document lacks are missing keys to fill in")
    func textractKeys() throws {
        let flow = try Self.flow("invoices", template: "textract-analyze-document.liquid")
        var input = try #require(Fixtures.admissions["inv-0008-kowalski-lodz"]?.request.input.objectValue)
        input["humanLoopContext"] = ["importantFormKeys": ["Total", "Invoice Number", "invoice date"]]
        let content = Self.state(flow, input: .object(input), reviewer: "alice").task?.content
        guard case .form(let form)? = content?.body else { throw Expectation.notForm }
        #expect(form.missingKeys.map(\.key) == ["Invoice Number"])
    }

    @Test("crowd-rekognition-detect-moderation-labels: its categories offered beside the model's labels", arguments: GoldenScreenTests.sizes)
    func rekognition(size: Size) throws {
        let flow = try Self.flow("moderation", template: "rekognition-moderation.liquid")
        var input = try #require(Fixtures.admissions["img-0016-party-table"]?.request.input.objectValue)
        input["selectedAiServiceResponse"] = ["moderationLabels": [["name": "Weapons", "parentName": "Violence"], ["name": "Violence", "parentName": ""]]]
        let state = Self.state(flow, input: .object(input), reviewer: "alice", size: size)
        check(state, "rekognition")
        guard case .moderation(let moderation)? = state.task?.content.body else { throw Expectation.notModeration }
        #expect(moderation.labels.filter { $0.confidence == nil }.map(\.name) == ["Violence", "Weapons"])
    }

    enum Expectation: Error { case notModeration, notForm }
}
