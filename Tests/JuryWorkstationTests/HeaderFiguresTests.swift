import Foundation
import JuryCore
import JuryJSON
import JuryCanvas
import Testing
@testable import JuryWorkstation

@Suite("Header figures")
struct HeaderFiguresTests {
    @Test("the header shows the reviewer's agreement with the consensus once their loops completed")
    func agreementWithTheConsensus() {
        var state = WorkstationState(reviewer: "alice", size: Size(rows: 24, columns: 80), now: 0, flows: [])
        state.day = ReviewerDay(verdicts: 12, medianSeconds: 41, agreement: 0.916)
        #expect(HeaderBar.figures(state, leaseEnd: nil).map(\.text) == ["alice", "today 12", "median 0:41", "agree 92%"])
        state.day = ReviewerDay(verdicts: 1, medianSeconds: 5)
        #expect(!HeaderBar.figures(state, leaseEnd: nil).map(\.text).contains { $0.hasPrefix("agree") })
    }

    @Test("the ledger reports the agreement of a reviewer's verdicts with the consensus")
    func ledgerAgreement() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "jury-header-\(UUID().uuidString)", directoryHint: .isDirectory)
        defer { try? FileManager.default.removeItem(at: root) }
        let queue = QueueDirectory(root)
        try Ledger.create(queue: queue, demo: true, workforce: Workforce(teams: [.init(name: "t", reviewers: ["*"], leads: [])]))
        let flow: JSONValue = [
            "FlowDefinitionName": "labels",
            "HumanLoopConfig": ["WorkteamArn": "arn:aws:sagemaker:us-east-1:111122223333:workteam/private-crowd/t", "TaskTitle": "Label", "TaskDescription": "Pick one.", "TaskCount": 3],
            "Jury": ["TaskType": "classification", "Categories": ["yes", "no"]],
        ]
        try flow.encoded().write(to: queue.flowsURL.appending(path: "labels.json"))
        let ledger = try Ledger(queue: queue)
        _ = try ledger.admit([LoopAdmission(request: HumanLoopRequest(name: "one", flowName: "labels", input: [:]), flow: queue.loadFlows().flows["labels"]!)])
        for (reviewer, label) in [("a", "yes"), ("b", "yes"), ("c", "no")] {
            _ = try ledger.claim(reviewer: reviewer)
            try ledger.submit(loop: "one", reviewer: reviewer, answer: ["category": ["label": .string(label)]])
        }
        let yesterday = Date(timeIntervalSinceNow: -86_400)
        #expect(try ledger.reviewerDay(reviewer: "a", since: yesterday).agreement == 1)
        #expect(try ledger.reviewerDay(reviewer: "c", since: yesterday).agreement == 0)
    }
}
