import Foundation
import Testing
@testable import JuryCore

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
            try A2IMaterial.folder.appending(path: template).copyContents(to: queue.directory.flowsURL.appending(path: "\(ui).liquid"))
        }
        return queue
    }

    @Test func aMultiSelectTemplateMakesAClassificationFlowThatTakesA2IsAnswers() throws {
        let queue = try Self.queue(flow: Self.exported(name: "news", ui: "news-ui"), template: "comprehend-multi-select.liquid", ui: "news-ui")
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

    @Test func aTextAreaTemplateMakesANamedFreeFieldFlowThatPassesFlowCheck() throws {
        let template = try String(contentsOf: A2IMaterial.folder.appending(path: "transcribe-video.liquid"), encoding: .utf8)
        let check = FlowDefinition.check(Self.exported(name: "transcripts", ui: "transcribe-ui"), template: template)
        let flow = try #require(check.flow)
        #expect(check.isValidForA2I && check.problems.isEmpty)
        #expect(flow.taskType == .freeText && flow.answerName == "transcription" && flow.hasNamedFreeField)
        #expect(flow.storedForm["Jury"] == ["TaskType": "free-text", "AnswerName": "transcription"])
        #expect(FlowDefinition.check(flow.storedForm).flow == flow)
    }

    @Test func withoutATemplateOrAJuryBlockTheFlowSaysWhatItNeeds() {
        let flow = Self.exported(name: "bare", ui: "bare-ui")
        #expect(FlowDefinition.check(flow).errors.map(\.description) == [
            "$.Jury.TaskType: required for a flow without an AWS request source: classification or free-text "
                + "(or put the flow's worker template beside it, NAME.liquid or NAME.html, and Jury reads it from there)",
        ])
        let two = #"<crowd-form><crowd-input name="a"></crowd-input><crowd-classifier name="b" categories="['x','y']"></crowd-classifier></crowd-form>"#
        #expect(FlowDefinition.check(flow, template: two).errors.map(\.description).first
            == "$.HumanLoopConfig.HumanTaskUiArn: the worker template has 2 answer elements (crowd-input, crowd-classifier); Jury reviews one; add a Jury block")
        let liquid = #"<crowd-classifier name="c" categories="{{ task.input.labels | to_json }}"></crowd-classifier>"#
        #expect(FlowDefinition.check(flow, template: liquid).errors.map(\.description).first
            == "$.HumanLoopConfig.HumanTaskUiArn: the worker template gives its crowd-classifier categories that are not a literal list Jury can read; list them in Jury.Categories; add a Jury block")
    }
}

extension URL {
    /// Copies this file's bytes to `destination`.
    func copyContents(to destination: URL) throws { try Data(contentsOf: self).write(to: destination) }
}
