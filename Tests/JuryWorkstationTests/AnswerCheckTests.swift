import Foundation
import Testing
@testable import JuryCore
@testable import JuryWorkstation

/// The workstation and `jury answer` share one answer check (`AnswerContent.validated`): whatever the
/// workstation can build, the check takes; what the check refuses, the workstation cannot build.
@Suite struct AnswerCheckTests {
    private func check(_ verdict: Verdict, _ loop: String) throws {
        let content = Fixtures.content(loop)
        let answer = try #require(verdict.answer(for: content))
        _ = try AnswerContent.validated(answer, for: content.flow, input: Fixtures.admissions[loop]!.request.input)
    }

    @Test func everyTaskTakenAsTheModelGaveItPassesTheCheck() throws {
        for loop in Fixtures.admissions.keys.sorted() { try check(Verdict(), loop) }
    }

    @Test func everyModerationLabelTurnedOnOrOffPassesTheCheck() throws {
        for loop in Fixtures.admissions.keys.sorted() {
            guard case .moderation(let task) = Fixtures.content(loop).body else { continue }
            for index in task.labels.indices {
                var verdict = Verdict()
                verdict.toggleLabel(at: index, in: task.labels)
                try check(verdict, loop)
            }
        }
    }

    @Test func anEditedFreeTextPassesTheCheck() throws {
        var verdict = Verdict()
        verdict.paragraphs = [0: "A different first paragraph."]
        try check(verdict, "llm-0001")
    }
}
