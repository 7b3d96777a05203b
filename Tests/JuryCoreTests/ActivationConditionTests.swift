import Testing
@testable import JuryCore
import JuryJSON

/// Builds a flow document with `conditions` for a request source.
private func flow(source: RequestSource?, conditions: JSONValue, asString: Bool = true) -> JSONValue {
    var document = TestQueue.classificationFlow()
    document = document.setting(["HumanLoopActivationConfig", "HumanLoopActivationConditionsConfig", "HumanLoopActivationConditions"],
                                to: asString ? .string(conditions.encodedString()) : conditions)
    if let source {
        document = document.setting(["HumanLoopRequestSource", "AwsManagedHumanLoopRequestSource"], to: .string(source.rawValue))
        document = document.setting(["Jury"], to: [:])
    }
    return document
}

private func check(_ type: String, _ parameters: JSONValue) -> JSONValue {
    ["ConditionType": .string(type), "ConditionParameters": parameters]
}

/// A Textract response with one key-value pair per entry: (key, value, key-value confidence, word confidences).
private func textract(_ pairs: [(String, String, Double, [Double])]) -> JSONValue {
    var blocks: [JSONValue] = []
    for (index, (key, value, confidence, words)) in pairs.enumerated() {
        let keyWordIds = key.split(separator: " ").indices.map { "k\(index)w\($0)" }
        let valueWordIds = value.split(separator: " ").indices.map { "v\(index)w\($0)" }
        let wordTexts = key.split(separator: " ").map(String.init) + value.split(separator: " ").map(String.init)
        for (offset, (id, text)) in zip(keyWordIds + valueWordIds, wordTexts).enumerated() {
            blocks.append(["BlockType": "WORD", "Id": .string(id), "Text": .string(text),
                           "Confidence": .number(words[min(offset, words.count - 1)])])
        }
        blocks.append(["BlockType": "KEY_VALUE_SET", "EntityTypes": ["KEY"], "Id": .string("k\(index)"), "Confidence": .number(confidence),
                       "Relationships": [["Type": "VALUE", "Ids": [.string("v\(index)")]], ["Type": "CHILD", "Ids": .array(keyWordIds.map(JSONValue.string))]]])
        blocks.append(["BlockType": "KEY_VALUE_SET", "EntityTypes": ["VALUE"], "Id": .string("v\(index)"), "Confidence": .number(confidence),
                       "Relationships": [["Type": "CHILD", "Ids": .array(valueWordIds.map(JSONValue.string))]]])
    }
    return ["aiServiceResponse": ["DocumentMetadata": ["Pages": 1], "Blocks": .array(blocks)]]
}

private func moderation(_ labels: [(String, String, Double)]) -> JSONValue {
    ["aiServiceResponse": ["ModerationLabels": .array(labels.map { ["Name": .string($0.0), "ParentName": .string($0.1), "Confidence": .number($0.2)] })]]
}

private func evaluate(_ document: JSONValue, _ input: JSONValue, key: String = "request") throws -> ActivationOutcome {
    let flow = try #require(FlowDefinition.check(document).flow, "\(FlowDefinition.check(document).problems)")
    return flow.evaluateActivation(ActivationEvidence(inputContent: input, source: flow.requestSource, samplingKey: key))
}

@Suite struct TextractConditions {
    let form = textract([("Invoice Total:", "1,240.00", 62, [99, 98, 97]), ("Date", "2026-01-05", 95, [99, 70])])

    @Test func keyValueConfidenceBelowBoundFires() throws {
        let conditions: JSONValue = ["Conditions": [check("ImportantFormKeyConfidenceCheck", [
            "ImportantFormKey": "Total", "ImportantFormKeyAliases": ["Invoice Total:"], "KeyValueBlockConfidenceLessThan": 90])]]
        let outcome = try evaluate(flow(source: .textractForms, conditions: conditions), form)
        #expect(outcome.startsHumanLoop)
        #expect(outcome.matchedItems == ["Invoice Total:"])
        #expect(outcome.reasons.first?.contains("62") == true)
        #expect(outcome.results["Conditions"]?[0]?["EvaluationResult"] == .bool(true))
    }

    @Test func keyMatchingIgnoresCaseAndSpacingButNotPunctuation() throws {
        let folded: JSONValue = ["Conditions": [check("ImportantFormKeyConfidenceCheck", [
            "ImportantFormKey": "invoice   TOTAL:", "KeyValueBlockConfidenceLessThan": 90])]]
        #expect(try evaluate(flow(source: .textractForms, conditions: folded), form).startsHumanLoop)
        let withoutColon: JSONValue = ["Conditions": [check("ImportantFormKeyConfidenceCheck", [
            "ImportantFormKey": "Invoice Total", "KeyValueBlockConfidenceLessThan": 90])]]
        #expect(try !evaluate(flow(source: .textractForms, conditions: withoutColon), form).startsHumanLoop)
    }

    @Test func wordConfidenceBoundFiresOnAnyLowWord() throws {
        let conditions: JSONValue = ["Conditions": [check("ImportantFormKeyConfidenceCheck", [
            "ImportantFormKey": "Date", "KeyValueBlockConfidenceLessThan": 50, "WordBlockConfidenceLessThan": 80])]]
        let outcome = try evaluate(flow(source: .textractForms, conditions: conditions), form)
        #expect(outcome.startsHumanLoop)
        #expect(outcome.reasons.first?.contains("word confidence 70") == true)
    }

    @Test func boundsAreStrictAndCatchAllMatchesEveryKey() throws {
        let notBelow: JSONValue = ["Conditions": [check("ImportantFormKeyConfidenceCheck", [
            "ImportantFormKey": "*", "KeyValueBlockConfidenceLessThan": 62])]]
        #expect(try !evaluate(flow(source: .textractForms, conditions: notBelow), form).startsHumanLoop)
        let equalsAllowed: JSONValue = ["Conditions": [check("ImportantFormKeyConfidenceCheck", [
            "ImportantFormKey": "*", "KeyValueBlockConfidenceLessThanEquals": 62])]]
        #expect(try evaluate(flow(source: .textractForms, conditions: equalsAllowed), form).matchedItems == ["Invoice Total:"])
    }

    @Test func missingImportantFormKeyUsesAliases() throws {
        let missing: JSONValue = ["Conditions": [check("MissingImportantFormKey", ["ImportantFormKey": "Invoice Number", "ImportantFormKeyAliases": ["Invoice #"]])]]
        #expect(try evaluate(flow(source: .textractForms, conditions: missing), form).startsHumanLoop)
        let present: JSONValue = ["Conditions": [check("MissingImportantFormKey", ["ImportantFormKey": "Due", "ImportantFormKeyAliases": ["date"]])]]
        #expect(try !evaluate(flow(source: .textractForms, conditions: present), form).startsHumanLoop)
    }
}

@Suite struct ModerationConditions {
    let image = moderation([("Violence", "", 91), ("Weapons", "Violence", 64), ("Alcohol", "", 40)])

    @Test func namedLabelMatchesExactlyAndCaseSensitively() throws {
        let exact: JSONValue = ["Conditions": [check("ModerationLabelConfidenceCheck", ["ModerationLabelName": "Weapons", "ConfidenceLessThan": 70])]]
        #expect(try evaluate(flow(source: .rekognitionModeration, conditions: exact), image).matchedItems == ["Weapons"])
        let wrongCase: JSONValue = ["Conditions": [check("ModerationLabelConfidenceCheck", ["ModerationLabelName": "weapons", "ConfidenceLessThan": 70])]]
        #expect(try !evaluate(flow(source: .rekognitionModeration, conditions: wrongCase), image).startsHumanLoop)
    }

    @Test func starMatchesAnyLabelWithinBounds() throws {
        let any: JSONValue = ["Conditions": [check("ModerationLabelConfidenceCheck", [
            "ModerationLabelName": "*", "ConfidenceGreaterThan": 50, "ConfidenceLessThan": 95])]]
        #expect(try evaluate(flow(source: .rekognitionModeration, conditions: any, asString: false), image).matchedItems == ["Violence", "Weapons"])
    }

    @Test func andRequiresEveryMemberOrRequiresOneAndResultsNameEachNode() throws {
        let violence = check("ModerationLabelConfidenceCheck", ["ModerationLabelName": "Violence", "ConfidenceGreaterThan": 90])
        let alcohol = check("ModerationLabelConfidenceCheck", ["ModerationLabelName": "Alcohol", "ConfidenceGreaterThan": 90])
        let and = try evaluate(flow(source: .rekognitionModeration, conditions: ["Conditions": [["And": [violence, alcohol]]]]), image)
        #expect(!and.startsHumanLoop)
        #expect(and.results["Conditions"]?[0]?["And"]?[0]?["EvaluationResult"] == .bool(true))
        #expect(and.results["Conditions"]?[0]?["And"]?[1]?["EvaluationResult"] == .bool(false))
        let or = try evaluate(flow(source: .rekognitionModeration, conditions: ["Conditions": [["Or": [violence, ["And": [alcohol, violence]]]]]]), image)
        #expect(or.startsHumanLoop)
        #expect(or.results["Conditions"]?[0]?["Or"]?[1]?["EvaluationResult"] == .bool(false))
    }

    @Test func topLevelConditionsAreIndependent() throws {
        let never = check("ModerationLabelConfidenceCheck", ["ModerationLabelName": "Gambling", "ConfidenceGreaterThan": 1])
        let fires = check("ModerationLabelConfidenceCheck", ["ModerationLabelName": "Alcohol", "ConfidenceLessThan": 50])
        let outcome = try evaluate(flow(source: .rekognitionModeration, conditions: ["Conditions": [never, fires]]), image)
        #expect(outcome.startsHumanLoop)
        #expect(outcome.reasons.count == 1)
    }
}

@Suite struct CustomAndSamplingConditions {
    @Test func modelConfidenceReadsTheJSONPath() throws {
        let document = TestQueue.classificationFlow()
        #expect(try evaluate(document, ["prediction": ["confidence": 0.42]]).startsHumanLoop)
        #expect(try !evaluate(document, ["prediction": ["confidence": 0.93]]).startsHumanLoop)
        #expect(try !evaluate(document, ["prediction": "no number here"]).startsHumanLoop)
    }

    @Test func aConditionThatDoesNotHoldSaysNot() throws {
        let document = TestQueue.classificationFlow()
        let held = try evaluate(document, ["prediction": ["confidence": 0.42]]).results["Conditions"]?[0]?["JuryReason"]?.stringValue ?? ""
        let missed = try evaluate(document, ["prediction": ["confidence": 0.93]]).results["Conditions"]?[0]?["JuryReason"]?.stringValue ?? ""
        #expect(held.contains("0.42") && !held.contains("not"), "\(held)")
        #expect(missed.contains("0.93, not <"), "\(missed)")
        let sampling = flow(source: nil, conditions: ["Conditions": [check("Sampling", ["RandomSamplingPercentage": 0.01])]])
        let never = try evaluate(sampling, [:]).results["Conditions"]?[0]?["JuryReason"]?.stringValue ?? ""
        #expect(never.contains(", not below 0.01 %"), "\(never)")
    }

    @Test func modelConfidenceWildcardChecksEveryElement() throws {
        let conditions: JSONValue = ["Conditions": [check("ModelConfidenceCheck", ["ConfidencePath": "$.scores[*].p", "ConfidenceLessThan": 0.2])]]
        let document = flow(source: nil, conditions: conditions)
        #expect(try evaluate(document, ["scores": [["p": 0.7], ["p": 0.1]]]).startsHumanLoop)
        #expect(try !evaluate(document, ["scores": [["p": 0.7], ["p": 0.3]]]).startsHumanLoop)
    }

    @Test func samplingIsRepeatablePerRequestAndNearItsRate() throws {
        let document = flow(source: nil, conditions: ["Conditions": [check("Sampling", ["RandomSamplingPercentage": 25])]])
        let first = try evaluate(document, [:], key: "request-7").startsHumanLoop
        #expect(try evaluate(document, [:], key: "request-7").startsHumanLoop == first)
        let hits = try (0..<4_000).filter { try evaluate(document, [:], key: "request-\($0)").startsHumanLoop }.count
        #expect((800...1_200).contains(hits), "25 % of 4,000 draws should be near 1,000, got \(hits)")
    }

    @Test func aFlowWithoutConditionsAlwaysStartsALoop() throws {
        let document = TestQueue.classificationFlow().setting(["HumanLoopActivationConfig"], to: nil)
        #expect(try evaluate(document, [:]).startsHumanLoop)
    }
}

@Suite struct ConditionValidation {
    private func problems(_ conditions: JSONValue, source: RequestSource? = .rekognitionModeration) -> [String] {
        FlowDefinition.check(flow(source: source, conditions: conditions)).errors.map(\.description)
    }

    @Test func reportsPathsOfEveryMistake() {
        let found = problems(["Conditions": [
            check("ModerationLabelConfidenceCheck", ["ModerationLabelName": "*", "ConfidenceLesThan": 50]),
            check("ImportantFormKeyConfidenceCheck", ["ImportantFormKey": "Total"]),
            check("Sampling", ["RandomSamplingPercentage": 150]),
        ]])
        let prefix = "$.HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions.Conditions"
        #expect(found.contains { $0.hasPrefix("\(prefix)[0].ConditionParameters.ConfidenceLesThan: unknown parameter") })
        #expect(found.contains { $0.hasPrefix("\(prefix)[1].ConditionType: \"ImportantFormKeyConfidenceCheck\" is not allowed here") })
        #expect(found.contains { $0.hasPrefix("\(prefix)[2].ConditionParameters.RandomSamplingPercentage") })
    }

    @Test func rejectsNestingDeeperThanTwoLevelsAndSingleMemberGroups() {
        let leaf = check("Sampling", ["RandomSamplingPercentage": 5])
        #expect(problems(["Conditions": [["And": [leaf, ["Or": [leaf, ["And": [leaf, leaf]]]]]]]]).contains { $0.contains("nested deeper") })
        #expect(problems(["Conditions": [["Or": [leaf]]]]).contains { $0.contains("at least 2") })
    }

    @Test func rejectsConditionsThatAreNotJSON() {
        var document = TestQueue.classificationFlow()
        document = document.setting(["HumanLoopActivationConfig", "HumanLoopActivationConditionsConfig", "HumanLoopActivationConditions"], to: "{nope")
        #expect(FlowDefinition.check(document).errors.first?.reason.hasPrefix("the string does not hold JSON") == true)
    }
}

@Suite struct FlowOutputPathTests {
    @Test func anOutputPathThatClimbsOutOfItsFolderIsRefused() {
        let escaping = TestQueue.classificationFlow().setting(["OutputConfig", "S3OutputPath"], to: "s3://bucket/../../etc")
        #expect(FlowDefinition.check(escaping).errors.map(\.path.description) == ["$.OutputConfig.S3OutputPath"])
        let fine = TestQueue.classificationFlow().setting(["OutputConfig", "S3OutputPath"], to: "s3://bucket/a2i/results")
        #expect(FlowDefinition.check(fine).errors.isEmpty)
    }
}

@Suite struct ModerationLabelListTests {
    /// A Rekognition flow whose `Jury` block holds `labels` as its `Labels`.
    func moderationFlow(labels: JSONValue) -> JSONValue {
        TestQueue.classificationFlow()
            .setting(["HumanLoopRequestSource"], to: ["AwsManagedHumanLoopRequestSource": "AWS/Rekognition/DetectModerationLabels/Image/V3"])
            .setting(["HumanLoopActivationConfig", "HumanLoopActivationConditionsConfig", "HumanLoopActivationConditions"],
                     to: #"{"Conditions":[{"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":50}}]}"#)
            .setting(["Jury"], to: ["TaskType": "image-moderation", "Labels": labels])
    }

    @Test func aModerationFlowListsLabelsWithTheirParents() throws {
        let check = FlowDefinition.check(moderationFlow(labels: [["Name": "Violence"], ["Name": "Weapons", "ParentName": "Violence"]]))
        #expect(check.errors.isEmpty)
        #expect(try #require(check.flow).moderationLabels == [
            ModerationLabelName(name: "Violence", parentName: ""), ModerationLabelName(name: "Weapons", parentName: "Violence"),
        ])
    }

    @Test func badListsAreRefusedAtTheirEntry() {
        let unnamed = FlowDefinition.check(moderationFlow(labels: [["Name": "Violence"], ["ParentName": "Violence"]]))
        #expect(unnamed.errors.map(\.path.description) == ["$.Jury.Labels[1]"])
        let twice = FlowDefinition.check(moderationFlow(labels: [["Name": "Violence"], ["Name": "Violence"]]))
        #expect(twice.errors.map(\.reason) == ["\"Violence\" is listed twice"])
        #expect(FlowDefinition.check(moderationFlow(labels: "Violence")).errors.map(\.path.description) == ["$.Jury.Labels"])
        let orphan = FlowDefinition.check(moderationFlow(labels: [["Name": "Weapons", "ParentName": "Violence"], ["Name": "Violence"]]))
        #expect(orphan.errors.map(\.path.description) == ["$.Jury.Labels[0].ParentName"])
        let typo = FlowDefinition.check(moderationFlow(labels: [["Name": "Violence"], ["Name": "Weapons", "Parent": "Violence"]]))
        #expect(typo.errors.map(\.path.description) == ["$.Jury.Labels[1].Parent"])
        let classification = TestQueue.classificationFlow().setting(["Jury", "Labels"], to: [["Name": "Violence"]])
        #expect(FlowDefinition.check(classification).errors.map(\.reason) == ["only image-moderation flows have labels"])
    }
}
