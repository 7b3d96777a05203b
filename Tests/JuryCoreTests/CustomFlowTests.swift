import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// A custom flow exported from A2I, with no `Jury` block, loads through its worker template.
@Suite struct CustomFlowTests {
    /// A CreateFlowDefinition request as AWS's custom-task samples make it.
    private static func exported(name: String, ui: String) -> JSONValue {
        [
            "FlowDefinitionName": .string(name),
            "RoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole",
            "HumanLoopConfig": [
                "WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/support",
                "HumanTaskUiArn": .string("arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/\(ui)"),
                "TaskCount": 1, "TaskDescription": "Review the model's answer.", "TaskTitle": "Review",
            ],
            "OutputConfig": ["S3OutputPath": "s3://acme-a2i/custom"],
        ]
    }

    private static func queue(flow: JSONValue, template: String?, ui: String) throws -> TestQueue {
        let queue = try TestQueue(flows: [flow])
        if let template {
            try A2IMaterial.folder.appending(path: "templates/\(template)").copyContents(to: queue.directory.flowsURL.appending(path: "\(ui).liquid"))
        }
        return queue
    }

    @Test func aMultiSelectTemplateMakesAClassificationFlowThatTakesA2IsAnswers() throws {
        let queue = try Self.queue(flow: Self.exported(name: "news", ui: "news-ui"), template: "news-multi-select.liquid", ui: "news-ui")
        let flow = try #require(queue.flows["news"])
        #expect(flow.taskType == .classification && flow.answerName == "category")
        #expect(flow.categories == ["World", "SciTech", "Business", "Sports"])
        let a2i = try A2IMaterial.document("a2i-output-custom-multi-select.json")
        try queue.submit("dhoni", flow: "news", input: try #require(a2i["inputContent"]))
        let answer = try #require(a2i["humanAnswers"]?[0]?["answerContent"])
        let output = try #require(try queue.complete("dhoni", answers: [("ana", answer)]))
        #expect(output["humanAnswers"]?[0]?["answerContent"] == a2i["humanAnswers"]?[0]?["answerContent"])
        #expect(Set(output.objectValue?.keys ?? [:].keys) == Set(a2i.objectValue?.keys ?? [:].keys))
    }

    @Test("a multi-select loop's correction: the classes decided yes against the model's, one yes/no vote per reviewer and class")
    func aMultiSelectLoopIsExportedAsALabelSet() throws {
        let flow = Self.exported(name: "news", ui: "news-ui").setting(["HumanLoopConfig", "TaskCount"], to: 3)
        let queue = try Self.queue(flow: flow, template: "news-multi-select.liquid", ui: "news-ui")
        try queue.submit("dhoni", flow: "news", input: ["taskObject": "Dhoni retires", "prediction": ["labels": ["Sports", "Business"]]])
        let world: JSONValue = ["category": ["labels": ["World", "Sports"]]]
        _ = try queue.complete("dhoni", answers: [("ana", world), ("ben", world), ("cy", ["category": ["labels": ["Sports"]]])])
        let record = try #require(try queue.ledger().correctionPage(ExportQuery()).records.first)
        #expect(record.answer["labels"] == ["World", "Sports"])
        #expect(record.changes == [CorrectionChange(item: "World", kind: .added, model: "no", human: "yes"),
                                   CorrectionChange(item: "Business", kind: .removed, model: "yes", human: "no")])
        #expect(record.votes.count == 12 && record.votes.filter { $0.label == "yes" }.map(\.task).sorted()
            == ["dhoni/Sports", "dhoni/Sports", "dhoni/Sports", "dhoni/World", "dhoni/World"])
        let line = try #require(GroundTruthManifest.line(record, attribute: "topics"))
        #expect(line["topics"] == [0, 1] && line["topics-metadata"]?["class-map"] == ["0": "World", "1": "Sports"])
        #expect(line["topics-metadata"]?["type"] == "groundtruth/text-classification-multilabel")
    }

    @Test("a loop whose categories come from its input exports its class's index among them")
    func perLoopCategoriesGiveTheExportsIndex() throws {
        let template = #"<crowd-classifier name="topic" categories="{{ task.input.labels | to_json | escape }}"></crowd-classifier>"#
        let flow = Self.exported(name: "topics", ui: "topics-ui").setting(["HumanLoopConfig", "TaskCount"], to: 2)
        let queue = try TestQueue(flows: [flow])
        try Data(template.utf8).write(to: queue.directory.flowsURL.appending(path: "topics-ui.liquid"))
        try queue.submit("ticket", flow: "topics", input: ["labels": ["billing", "outage"], "prediction": ["label": "billing"]])
        _ = try queue.complete("ticket", answers: [("ana", ["topic": ["label": "outage"]]), ("ben", ["topic": ["label": "outage"]])])
        let record = try #require(try queue.ledger().correctionPage(ExportQuery()).records.first)
        #expect(record.answer["label"] == "outage" && record.answer["index"] == 1)
        #expect(try #require(GroundTruthManifest.line(record, attribute: "topic"))["topic"] == 1)
    }

    @Test func aTextAreaTemplateMakesANamedFreeFieldFlowThatPassesFlowCheck() throws {
        let template = try WorkerTemplateTests.source("transcribe-video.liquid")
        let check = FlowDefinition.check(Self.exported(name: "transcripts", ui: "transcribe-ui"), template: template)
        let flow = try #require(check.flow)
        #expect(check.isValidForA2I && check.errors.isEmpty)
        #expect(check.problems.map(\.severity) == [.warning, .warning, .warning, .warning])
        #expect(flow.taskType == .freeText && flow.answerName == "transcription" && flow.hasNamedFreeField)
        #expect(flow.storedForm["Jury"] == ["TaskType": "free-text", "AnswerName": "transcription", "Template": .string(template)])
        #expect(FlowDefinition.check(flow.storedForm).flow == flow)
        #expect(flow.workerTemplate?.element == .textArea)
    }

    @Test func withoutATemplateOrAJuryBlockTheFlowSaysWhatItNeeds() throws {
        let flow = Self.exported(name: "bare", ui: "bare-ui")
        #expect(FlowDefinition.check(flow).errors.map(\.description) == [
            "$.Jury.TaskType: required for a flow without an AWS request source: classification or free-text "
                + "(or put the flow's worker template beside it, NAME.liquid or NAME.html, and Jury reads it from there)",
        ])
        let two = #"<crowd-form><crowd-input name="a"></crowd-input><crowd-classifier name="b" categories="['x','y']"></crowd-classifier></crowd-form>"#
        #expect(FlowDefinition.check(flow, template: two).errors.map(\.description).first
            == "$.HumanLoopConfig.HumanTaskUiArn: the worker template has 2 answer elements (crowd-input, crowd-classifier); Jury reviews one; add a Jury block")
        let box = try WorkerTemplateTests.source("object-detection-bounding-box.liquid")
        #expect(FlowDefinition.check(flow, template: box).errors.map(\.description).first
            == "$.HumanLoopConfig.HumanTaskUiArn: the worker template has a crowd-bounding-box, an answer element Jury cannot render; add a Jury block")
    }

    @Test func liquidCategoriesAreEachLoopsOwnAndCheckItsAnswers() throws {
        let template = #"<crowd-classifier name="topic" categories="{{ task.input.labels | to_json | escape }}"></crowd-classifier>"#
        let flow = try #require(FlowDefinition.check(Self.exported(name: "topics", ui: "topics-ui"), template: template).flow)
        #expect(flow.categories.isEmpty && flow.storedForm["Jury"]?["Categories"] == nil)
        let input: JSONValue = ["labels": ["billing", "outage"]]
        #expect(flow.forLoop(input: input).categories == ["billing", "outage"])
        #expect(try AnswerContent.validated(["topic": ["label": "outage"]], for: flow, input: input) == ["topic": ["label": "outage"]])
        #expect(throws: JuryError.invalidInput(#"answer $.topic.label: "spam" is not a category of this flow (billing, outage)"#)) {
            try AnswerContent.validated(["topic": ["label": "spam"]], for: flow, input: input)
        }
    }

    @Test("a loop whose input gives its template fewer than 2 distinct categories is refused: nobody could answer it")
    func perLoopCategoriesMustBeAnswerable() throws {
        let template = #"<crowd-classifier name="topic" categories="{{ task.input.labels | to_json | escape }}"></crowd-classifier>"#
        let queue = try TestQueue(flows: [Self.exported(name: "topics", ui: "topics-ui")])
        try Data(template.utf8).write(to: queue.directory.flowsURL.appending(path: "topics-ui.liquid"))
        let flow = try #require(queue.flows["topics"])
        for labels: JSONValue in [["a", "a"], [], ["only"]] {
            let request = HumanLoopRequest(name: "t", flowName: "topics", input: ["labels": labels])
            #expect(throws: Rejection(.wrongSchema, "the flow's worker template takes its categories from the input, and this input gives "
                                      + "fewer than 2 distinct non-empty ones: no reviewer could answer",
                                      at: JSONPath.root.appending("HumanLoopInput").appending("InputContent"))) {
                try LoopAdmission(request: request, flow: flow)
            }
        }
        #expect(try LoopAdmission(request: HumanLoopRequest(name: "t", flowName: "topics", input: ["labels": ["a", "b"]]), flow: flow).flow.name == "topics")
    }

    @Test func anAWSFlowTakesTheTemplateOfItsOwnTaskUIOnly() throws {
        let textract = try WorkerTemplateTests.source("textract-analyze-document.liquid")
        let forms = A2IMaterial.awsFlow(name: "forms", source: .textractForms)
        let check = FlowDefinition.check(forms, template: textract)
        let flow = try #require(check.flow)
        #expect(flow.taskType == .documentForm && flow.workerTemplate?.element == .documentForm)
        #expect(flow.storedForm["Jury"] == ["Template": .string(textract)])
        #expect(check.problems.filter { $0.severity == .warning }.map(\.description) == [
            "$.HumanLoopConfig.HumanTaskUiArn: the worker template has an <img> outside a classification-target, which Jury does not draw",
        ])
        let moderation = A2IMaterial.awsFlow(name: "images", source: .rekognitionModeration)
        #expect(FlowDefinition.check(moderation, template: textract).errors.map(\.description) == [
            "$.HumanLoopConfig.HumanTaskUiArn: the worker template's crowd-textract-analyze-document needs the flow's "
                + "AwsManagedHumanLoopRequestSource to be AWS/Textract/AnalyzeDocument/Forms/V1",
        ])
        let sentiment = try WorkerTemplateTests.source("sentiment-classifier.liquid")
        #expect(FlowDefinition.check(moderation, template: sentiment).errors.map(\.description) == [
            "$.HumanLoopConfig.HumanTaskUiArn: the worker template's crowd-classifier makes a custom task, which a flow with an AWS request source cannot review",
        ])
    }

    @Test func anAWSFlowsTemplateSeesTheInputAsA2IGivesIt() throws {
        let rekognition = try WorkerTemplateTests.source("rekognition-moderation.liquid")
        let flow = try #require(FlowDefinition.check(A2IMaterial.awsFlow(name: "images", source: .rekognitionModeration), template: rekognition).flow)
        let input: JSONValue = ["aiServiceResponse": ["ModerationLabels": [["Name": "Weapons", "ParentName": "Violence", "Confidence": 71.5]]],
                                "aiServiceRequest": ["Image": ["S3Object": ["Bucket": "ugc", "Name": "a.jpg"]]]]
        #expect(flow.forLoop(input: input).moderationLabels == [ModerationLabelName(name: "Weapons", parentName: "Violence")])
        #expect(try AnswerContent.validated(["AWS/Rekognition/DetectModerationLabels/Image/V3": ["moderationLabels": [["name": "Weapons", "parentName": "Violence"]]]],
                                            for: flow, input: input) != .null)
    }

    @Test func aJuryBlockSettingThatContradictsItsTemplateIsAnError() throws {
        let sentiment = try WorkerTemplateTests.source("sentiment-classifier.liquid")
        let flow = Self.exported(name: "feel", ui: "feel-ui").adding("Jury", ["Template": .string(sentiment), "AnswerName": "mood"])
        #expect(FlowDefinition.check(flow).errors.map(\.description) == [
            #"$.Jury.AnswerName: "mood" contradicts the worker template, which gives "sentiment""#,
        ])
    }
}

extension URL {
    /// Copies this file's bytes to `destination`.
    func copyContents(to destination: URL) throws { try Data(contentsOf: self).write(to: destination) }
}
