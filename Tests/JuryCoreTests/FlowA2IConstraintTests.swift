import Foundation
import Testing
@testable import JuryCore
import JuryJSON

/// `flow check` refuses what A2I's CreateFlowDefinition refuses.
@Suite struct FlowA2IConstraintTests {
    /// A classification flow with every member A2I requires.
    private static let complete = TestQueue.classificationFlow()
        .setting(["RoleArn"], to: "arn:aws:iam::111122223333:role/a2i")
        .setting(["OutputConfig", "S3OutputPath"], to: "s3://acme-a2i/tickets")

    private static func errors(_ flow: JSONValue) -> [String] { FlowDefinition.check(flow).errors.map(\.description) }

    @Test func theDemoFlowsAndACompleteFlowAreValidForA2I() throws {
        #expect(FlowDefinition.check(Self.complete).isValidForA2I)
        let folder = A2IMaterial.folder.appending(path: "../demo/flows")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count == 4)
        for name in names {
            let check = FlowDefinition.check(try JSONValue.parse(Data(contentsOf: folder.appending(path: name))))
            #expect(check.isValidForA2I, "\(name): \(check.problems)")
        }
    }

    @Test func conditionsOverA2IsLengthAreRefused() throws {
        let aliases = JSONValue.array((0..<1_000).map { .string("Alias number \($0)") })
        let condition: JSONValue = ["Conditions": [["ConditionType": "MissingImportantFormKey",
                                                    "ConditionParameters": ["ImportantFormKey": "Total", "ImportantFormKeyAliases": aliases]]]]
        let flow = A2IMaterial.textractFlow(conditions: .string(condition.encodedString()))
        let length = condition.encodedString().count
        #expect(length > 10_240)
        #expect(Self.errors(flow) == [
            "$.HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions: has \(length) characters; A2I takes at most 10240",
        ])
    }

    @Test func keywordsOutsideA2IsPatternAreRefused() {
        let flow = Self.complete.setting(["HumanLoopConfig", "TaskKeywords"], to: ["trust safety", "trust-safety", "two  spaces"])
        #expect(Self.errors(flow) == [
            "$.HumanLoopConfig.TaskKeywords[1]: \"trust-safety\" must be 1 to 30 characters matching [A-Za-z0-9]+( [A-Za-z0-9]+)* (letters and digits, words separated by single spaces)",
            "$.HumanLoopConfig.TaskKeywords[2]: \"two  spaces\" must be 1 to 30 characters matching [A-Za-z0-9]+( [A-Za-z0-9]+)* (letters and digits, words separated by single spaces)",
        ])
    }

    @Test func aMalformedWorkteamArnIsRefused() {
        let flow = Self.complete.setting(["HumanLoopConfig", "WorkteamArn"], to: "finance")
        #expect(Self.errors(flow) == [
            #"$.HumanLoopConfig.WorkteamArn: must be a workteam ARN of 0 to 256 characters matching arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:workteam/.*"#,
        ])
    }

    @Test func samplingBelowAHundredthOfAPercentIsRefused() {
        let sampling = #"{"Conditions":[{"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":0.005}}]}"#
        let flow = Self.complete.setting(["HumanLoopActivationConfig", "HumanLoopActivationConditionsConfig", "HumanLoopActivationConditions"], to: .string(sampling))
        #expect(Self.errors(flow) == [
            "$.HumanLoopActivationConfig.HumanLoopActivationConditionsConfig.HumanLoopActivationConditions.Conditions[0].ConditionParameters.RandomSamplingPercentage: required: a number from 0.01 to 100 (A2I's range)",
        ])
        let lowest = sampling.replacingOccurrences(of: "0.005", with: "0.01")
        #expect(Self.errors(flow.setting(["HumanLoopActivationConfig", "HumanLoopActivationConditionsConfig", "HumanLoopActivationConditions"], to: .string(lowest))).isEmpty)
    }

    @Test func aPriceAboveTwoDollarsIsRefused() {
        let flow = Self.complete.setting(["HumanLoopConfig", "PublicWorkforceTaskPrice", "AmountInUsd"], to: ["Dollars": 3, "Cents": 99, "TenthFractionsOfACent": 10])
        #expect(Self.errors(flow) == [
            "$.HumanLoopConfig.PublicWorkforceTaskPrice.AmountInUsd.Dollars: must be an integer from 0 to 2",
            "$.HumanLoopConfig.PublicWorkforceTaskPrice.AmountInUsd.TenthFractionsOfACent: must be an integer from 0 to 9",
        ])
    }

    @Test func membersA2IRequiresAreNamedAndJuryStillLoadsTheFlow() {
        let flow = TestQueue.classificationFlow().setting(["HumanLoopConfig", "HumanTaskUiArn"], to: nil)
        let check = FlowDefinition.check(flow)
        #expect(check.flow != nil && !check.isValidForA2I)
        #expect(check.problems.filter { $0.severity == .a2i }.map(\.path.description) == [
            "$.HumanLoopConfig.HumanTaskUiArn", "$.RoleArn", "$.OutputConfig.S3OutputPath",
        ])
        #expect(Self.errors(Self.complete.setting(["RoleArn"], to: "role/a2i")).first?.hasPrefix("$.RoleArn: must be an IAM role ARN") == true)
    }

    @Test func aLocalOutputFolderLoadsButA2IWouldRefuseIt() {
        for folder in ["/srv/outputs", "flows", "output/tickets", "s3:///no-bucket", "https://evil.example.com/p", "https://./p"] {
            let check = FlowDefinition.check(Self.complete.setting(["OutputConfig", "S3OutputPath"], to: .string(folder)))
            #expect(check.flow != nil && !check.isValidForA2I, "\(folder)")
            #expect(check.problems.map(\.path.description) == ["$.OutputConfig.S3OutputPath"], "\(folder)")
        }
        for address in ["s3://acme-a2i", "s3://acme-a2i/tickets/", "https://acme-a2i.s3.amazonaws.com/tickets",
                        "https://acme-a2i.s3.cn-north-1.amazonaws.com.cn/tickets"] {
            #expect(FlowDefinition.check(Self.complete.setting(["OutputConfig", "S3OutputPath"], to: .string(address))).isValidForA2I, "\(address)")
        }
    }
}
