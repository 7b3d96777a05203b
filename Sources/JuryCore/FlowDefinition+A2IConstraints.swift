import JuryJSON

/// The limits A2I's CreateFlowDefinition puts on a flow's members (from the SDK's service model, SageMaker
/// 2017-07-24, and the activation-conditions schema), so that `flow check` refuses what A2I refuses.
///
/// A member A2I bounds is an error when it breaks the bound; a member A2I requires that Jury can do
/// without (`RoleArn`, `OutputConfig.S3OutputPath`, `HumanTaskUiArn`) is, when absent, an `.a2i` problem:
/// the flow loads, and `flow check` says A2I would refuse it.
enum A2IFlowConstraints {
    /// Most characters of `HumanLoopActivationConditions` (a JSON string in A2I).
    static let maximumConditionsLength = 10_240
    /// The lowest `RandomSamplingPercentage` A2I takes.
    static let minimumSamplingPercentage = 0.01
    static let keywordPattern = "[A-Za-z0-9]+( [A-Za-z0-9]+)*"
    static let keywordLengths = 1...30

    private static let workteamArn = Pattern(#"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:workteam/.*"#, lengths: 0...256)
    private static let humanTaskUiArn = Pattern(#"arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]+:[0-9]{12}:human-task-ui/.*"#, lengths: 0...1024)
    private static let s3Uri = Pattern(#"(https|s3)://([^/]+)/?(.*)"#, lengths: 1...1024)
    private static let roleArn = Pattern(#"arn:aws[a-z\-]*:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+"#, lengths: 20...2048)
    /// `PublicWorkforceTaskPrice.AmountInUsd` members and their ranges.
    private static let priceMembers: [(String, ClosedRange<Int>)] = [("Dollars", 0...2), ("Cents", 0...99), ("TenthFractionsOfACent", 0...9)]

    /// A string member's pattern (matched whole) and length range, as the service model gives them.
    private struct Pattern {
        let regex: String
        let lengths: ClosedRange<Int>

        init(_ regex: String, lengths: ClosedRange<Int>) {
            self.regex = regex
            self.lengths = lengths
        }

        func admits(_ text: String) -> Bool {
            lengths.contains(text.count) && (try? Regex(regex).wholeMatch(in: text)) != nil
        }
    }

    /// Whether `keyword` is a TaskKeyword A2I takes: 1 to 30 characters of letters and digits, words
    /// separated by single spaces.
    static func admitsKeyword(_ keyword: String) -> Bool {
        keywordLengths.contains(keyword.count) && (try? Regex(keywordPattern).wholeMatch(in: keyword)) != nil
    }

    /// Every problem A2I's limits find in `document` beyond what Jury's own reading checks.
    static func problems(in document: JSONValue) -> [ValidationProblem] {
        let config = document["HumanLoopConfig"] ?? .null
        let configPath = JSONPath.root.appending("HumanLoopConfig")
        return conditionsLength(document) + price(config, at: configPath)
            + check(config["WorkteamArn"], workteamArn, at: configPath.appending("WorkteamArn"), name: "a workteam ARN")
            + required(config["HumanTaskUiArn"], humanTaskUiArn, at: configPath.appending("HumanTaskUiArn"), name: "a human task UI ARN")
            + required(document["RoleArn"], roleArn, at: JSONPath.root.appending("RoleArn"), name: "an IAM role ARN")
            + outputPath(document) + titleCharacters(config["TaskTitle"], at: configPath.appending("TaskTitle"))
    }

    private static func conditionsLength(_ document: JSONValue) -> [ValidationProblem] {
        let path = JSONPath.root.appending("HumanLoopActivationConfig").appending("HumanLoopActivationConditionsConfig")
            .appending("HumanLoopActivationConditions")
        guard let raw = document["HumanLoopActivationConfig"]?["HumanLoopActivationConditionsConfig"]?["HumanLoopActivationConditions"] else {
            return []
        }
        let length = (raw.stringValue ?? raw.encodedString()).count
        guard length > maximumConditionsLength else { return [] }
        return [ValidationProblem(path, "has \(length) characters; A2I takes at most \(maximumConditionsLength)")]
    }

    private static func check(_ value: JSONValue?, _ pattern: Pattern, at path: JSONPath, name: String) -> [ValidationProblem] {
        guard let value else { return [] }
        guard let text = value.stringValue, pattern.admits(text) else {
            return [ValidationProblem(path, "must be \(name) of \(pattern.lengths.lowerBound) to \(pattern.lengths.upperBound) characters matching \(pattern.regex)")]
        }
        return []
    }

    private static func required(_ value: JSONValue?, _ pattern: Pattern, at path: JSONPath, name: String) -> [ValidationProblem] {
        guard value != nil else { return [ValidationProblem(path, "A2I requires \(name); Jury does without", severity: .a2i)] }
        return check(value, pattern, at: path, name: name)
    }

    /// `OutputConfig.S3OutputPath`: A2I takes an S3 address only; a local folder is Jury's own (a flow file's,
    /// never one CreateFlowDefinition stores).
    private static func outputPath(_ document: JSONValue) -> [ValidationProblem] {
        let path = JSONPath.root.appending("OutputConfig").appending("S3OutputPath")
        guard let value = document["OutputConfig"]?["S3OutputPath"] else {
            return [ValidationProblem(path, "A2I requires an output path; Jury writes under QUEUE/output", severity: .a2i)]
        }
        guard let text = value.stringValue, !s3Uri.admits(text) || QueueDirectory.s3Location(text) == nil else { return [] }
        let reason = s3Uri.admits(text)
            ? "names no S3 bucket (s3://BUCKET/PREFIX, or an https:// address on an S3 endpoint); Jury writes to this folder"
            : "A2I takes an S3 address of 1 to 1024 characters matching \(s3Uri.regex); Jury writes to this folder"
        return [ValidationProblem(path, reason, severity: .a2i)]
    }

    /// `TaskTitle`: A2I's pattern `[\t\n\r -\uD7FF\uE000-\uFFFD]*` leaves out other control characters.
    private static func titleCharacters(_ title: JSONValue?, at path: JSONPath) -> [ValidationProblem] {
        let allowed: (Unicode.Scalar) -> Bool = { scalar in
            ["\t", "\n", "\r"].contains(scalar) || (0x20...0xD7FF).contains(scalar.value) || (0xE000...0xFFFD).contains(scalar.value)
        }
        guard let text = title?.stringValue, !text.unicodeScalars.allSatisfy(allowed) else { return [] }
        return [ValidationProblem(path, "holds a control character A2I refuses")]
    }

    private static func price(_ config: JSONValue, at configPath: JSONPath) -> [ValidationProblem] {
        guard let amount = config["PublicWorkforceTaskPrice"]?["AmountInUsd"] else { return [] }
        let path = configPath.appending("PublicWorkforceTaskPrice").appending("AmountInUsd")
        return priceMembers.compactMap { key, range in
            guard let value = amount[key] else { return nil }
            guard let number = value.numberValue, let integer = Int(exactly: number), range.contains(integer) else {
                return ValidationProblem(path.appending(key), "must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return nil
        }
    }
}
