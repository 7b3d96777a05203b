import Foundation
import JuryCore
import JuryJSON
import JuryService
import Testing

@Suite("The service's OpenAPI document")
struct APIDocumentTests {
    /// One call of every kind; a new `ServiceCall` case belongs here and in docs/service-api.yaml.
    static let everyCall: [ServiceCall] = [
        .profile, .claimNext(flow: nil, order: .oldestFirst), .claimLoop(loop: "l"), .release(loop: "l", of: nil),
        .submitVerdict(loop: "l", answer: .null, timeSpentSeconds: nil), .amendVerdict(loop: "l", answer: .null), .withdrawVerdict(loop: "l"),
        .ownVerdict(loop: "l"), .loopVerdicts(loop: "l"), .findLoops(prefix: "l", limit: 1), .loopTrail(loop: "l"),
        .queuePage(flow: nil, order: .oldestFirst, limit: 1, after: nil, filter: nil),
        .taskMaterial(loop: "l"), .media(loop: "l"), .reviewerDay(since: 0), .reviewerHistory(since: 0, limit: 1), .listDrafts, .saveDraft(loop: "l", body: Data()), .deleteDraft(loop: "l"),
        .listLoops(query: LoopQuery()), .describeLoop(loop: "l"), .statistics(dayStart: 0), .attention(limit: 1),
        .loopAction(action: .stop, loop: "l", reviewer: nil), .startLoop(flow: "f", name: "l", input: .null),
        .submitPrediction(flow: "f", name: nil, prediction: .null, serviceRequest: nil, metadata: nil), .ingest,
        .recomputeConsensus(flow: "f", method: "mv", write: false), .prune(olderThanDays: 1),
        .startHumanLoop(request: .null), .stopHumanLoop(loop: "l"), .deleteHumanLoop(loop: "l"), .createFlowDefinition(definition: .null),
        .describeFlowDefinition(name: "f"), .listFlowDefinitions, .deleteFlowDefinition(name: "f"), .createHumanTaskUi(name: "u", template: "t"),
        .describeHumanTaskUi(name: "u"), .listHumanTaskUis, .deleteHumanTaskUi(name: "u"),
        .exportPage(query: ExportQuery()),
    ]

    @Test("docs/service-api.yaml has one POST path per call, and no other")
    func everyCallIsDocumented() throws {
        let document = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "docs/service-api.yaml")
        let text = try String(contentsOf: document, encoding: .utf8)
        let paths = text.split(separator: "\n").filter { $0.hasPrefix("  /v1/") }.map { String($0.dropFirst(2).dropLast()) }
        #expect(Set(paths) == Set(Self.everyCall.map { "/v1/" + $0.name }))
        #expect(paths.count == Self.everyCall.count)
    }

    @Test("docs/a2i-api.yaml has A2I's runtime operations, S3's reads and every SageMaker target served")
    func a2iDocument() throws {
        let document = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "docs/a2i-api.yaml")
        let text = try String(contentsOf: document, encoding: .utf8)
        let operations = text.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("operationId: ") ? String(trimmed.dropFirst("operationId: ".count)) : nil
        }
        #expect(Set(operations) == ["StartHumanLoop", "DescribeHumanLoop", "ListHumanLoops", "StopHumanLoop", "DeleteHumanLoop",
                                    "SageMaker", "GetObject", "HeadObject"])
        let targets = text.split(separator: "SageMaker.").dropFirst().map { $0.prefix { $0.isLetter } }.map(String.init)
        #expect(Set(targets) == Set(APIGateway.sageMakerOperations))
    }

    @Test("a call's body is an object with the call's name as its one member")
    func bodyShape() throws {
        for call in Self.everyCall {
            let body = try JSONValueEncoder().encode(call)
            #expect(body.objectValue?.keys.sorted() == [call.name])
        }
    }
}
