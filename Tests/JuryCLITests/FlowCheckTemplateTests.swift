import Foundation
import Testing

extension CLI {
    /// `jury flow check` on flows exported from A2I, with their worker template beside them.
    @Suite struct FlowCheckTemplateTests {
        static let flow = """
            {"FlowDefinitionName": "custom", "RoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonSageMaker-ExecutionRole",
             "HumanLoopConfig": {"WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/support",
               "HumanTaskUiArn": "arn:aws:sagemaker:us-east-1:111122223333:human-task-ui/custom-ui",
               "TaskCount": 1, "TaskTitle": "Review", "TaskDescription": "Check the model's answer."},
             "OutputConfig": {"S3OutputPath": "s3://acme-a2i/custom"}}
            """

        /// Writes the flow with the fixture template `template` beside it as `custom-ui.html`; returns the flow file's path.
        private func flowFile(in queue: CLIQueue, template: String) throws -> String {
            let folder = queue.scratch.appending(path: template, directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let source = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../fixtures/a2i/templates/\(template)")
            try Data(contentsOf: source).write(to: folder.appending(path: "custom-ui.html"))
            try Data(Self.flow.utf8).write(to: folder.appending(path: "custom.json"))
            return folder.appending(path: "custom.json").path
        }

        @Test("what Jury does not render is a warning, and the flow is valid; what it cannot review with is an error")
        func warningsAndErrors() async throws {
            let queue = try await CLIQueue(label: "flow-templates")
            defer { queue.remove() }
            let transcription = try await queue.run(["flow", "check", try flowFile(in: queue, template: "transcribe-video.liquid")], queue: false)
            #expect(transcription.status == 0, "\(transcription)")
            #expect(transcription.stdout.contains("flow custom is valid (free-text, TaskCount 1)"))
            #expect(transcription.stdout.contains("  warning: $.HumanLoopConfig.HumanTaskUiArn: the worker template has a <script>: custom JavaScript does not run in Jury"))
            let translation = try await queue.run(["flow", "check", try flowFile(in: queue, template: "translate-pairs.liquid")], queue: false)
            #expect(translation.status == 1, "\(translation)")
            #expect(translation.stdout.contains(": invalid"))
            #expect(translation.stdout.contains("  error: $.HumanLoopConfig.HumanTaskUiArn: the worker template repeats its crowd-text-area in a {% for %} loop"))
        }

        @Test("a flow in a queue's flows/ takes its template from the queue's templates/, where CreateHumanTaskUi keeps it")
        func templateFromTheQueue() async throws {
            let queue = try await CLIQueue(label: "flow-queue-template")
            defer { queue.remove() }
            let flowFile = queue.root.appending(path: "flows/custom.json")
            try Data(Self.flow.utf8).write(to: flowFile)
            let missing = try await queue.run(["flow", "check", flowFile.path], queue: false)
            #expect(missing.status == 1 && missing.stdout.contains(": invalid"), "\(missing)")
            let source = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../fixtures/a2i/templates/transcribe-video.liquid")
            let templates = queue.root.appending(path: "templates", directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            try Data(contentsOf: source).write(to: templates.appending(path: "custom-ui.html"))
            let found = try await queue.run(["flow", "check", flowFile.path], queue: false)
            #expect(found.status == 0 && found.stdout.contains("flow custom is valid (free-text, TaskCount 1)"), "\(found)")
        }
    }
}
