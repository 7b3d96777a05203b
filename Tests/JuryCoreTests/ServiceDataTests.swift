import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// Service data in outputs is written in A2I's lowerCamelCase, and read in either casing.
@Suite struct ServiceDataTests {
    private static let formsSource = RequestSource.textractForms.rawValue

    @Test func keysChangeCaseTheWayA2IWritesThem() {
        let request: JSONValue = ["Document": ["S3Object": ["Bucket": "b", "Name": "n"]], "FeatureTypes": ["FORMS"],
                                  "ResponseMetadata": ["HTTPHeaders": ["x-amzn-requestid": "r"], "HTTPStatusCode": 200]]
        let lowered = ServiceData.lowerCamelCased(request)
        #expect(lowered["document"]?["s3Object"]?["bucket"] == "b")
        #expect(lowered["featureTypes"] == ["FORMS"])
        #expect(lowered["responseMetadata"]?["httpHeaders"]?["x-amzn-requestid"] == "r")
        #expect(lowered["responseMetadata"]?["httpStatusCode"] == 200)
        #expect(ServiceData.pascalCased(lowered)["Document"]?["S3Object"]?["Bucket"] == "b")
    }

    @Test func aRealA2IResponseIsAcceptedAsInputAndItsSelectionMatchesA2Is() throws {
        let a2i = try A2IMaterial.textractOutput()
        let queue = try TestQueue(flows: [A2IMaterial.textractFlow(conditions: A2IMaterial.conditions(of: a2i))])
        let input: JSONValue = ["aiServiceRequest": a2i["aiServiceRequest"]!, "aiServiceResponse": a2i["aiServiceResponse"]!]
        let report = try queue.submit("insurance-claim", flow: "forms", input: input)
        #expect(report.created == ["insurance-claim"] && report.rejected.isEmpty)
        let answer = try #require(a2i["humanAnswers"]?[0]?["answerContent"])
        let output = try #require(try queue.complete("insurance-claim", answers: [("ana", answer)]))
        let content = try #require(output["inputContent"])
        #expect(content["aiServiceResponse"] == a2i["aiServiceResponse"])
        let selectedIds = { (document: JSONValue?) in Set(document?["blocks"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []) }
        #expect(selectedIds(content["selectedAiServiceResponse"]) == selectedIds(a2i["selectedAiServiceResponse"]))
        #expect(selectedIds(content["selectedAiServiceResponse"]).count == 4)
        let results = { (document: JSONValue?) in document?["Conditions"]?[0]?["Or"]?.arrayValue?.map { $0["EvaluationResult"] } }
        #expect(results(content["humanTaskActivationConditionResults"]) == results(a2i["humanTaskActivationConditionResults"]))
    }

    @Test func pascalCaseServiceDataIsWrittenInLowerCamelCase() throws {
        let queue = try TestQueue(flows: [A2IMaterial.textractFlow(key: "Zip Code:", below: 90)])
        let request: JSONValue = ["Document": ["S3Object": ["Bucket": "clinic-forms", "Name": "intake/patient.png"]], "FeatureTypes": ["FORMS"]]
        let input: JSONValue = ["aiServiceRequest": request, "aiServiceResponse": try A2IMaterial.patientIntakeForm()]
        try queue.submit("intake-1", flow: "forms", input: input)
        let output = try #require(try queue.complete("intake-1", answers: [("ana", [Self.formsSource: ["blocks": []]])]))
        let content = try #require(output["inputContent"])
        #expect(content["aiServiceRequest"]?["document"]?["s3Object"]?["bucket"] == "clinic-forms")
        #expect(content["aiServiceResponse"]?["Blocks"] == nil)
        let blocks = try #require(content["aiServiceResponse"]?["blocks"]?.arrayValue)
        #expect(blocks.count == 254 && blocks.allSatisfy { $0["blockType"] != nil && $0["BlockType"] == nil })
        #expect(blocks.first { $0["geometry"]?["boundingBox"]?["width"] != nil } != nil)
        let selected = try #require(content["selectedAiServiceResponse"]?["blocks"]?.arrayValue)
        #expect(selected.contains { $0["text"] == "12345" })
        #expect(content["humanTaskActivationConditionResults"]?["Conditions"]?[0]?["EvaluationResult"] == true)
    }
}
