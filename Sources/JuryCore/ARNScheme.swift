/// The ARNs a queue gives its flows, loops and task UIs, as A2I's API and outputs carry them:
/// `arn:aws:sagemaker:REGION:ACCOUNT:KIND/NAME`. The region and the account are the queue's settings
/// `arn-region` and `arn-account` (`jury init --arn-region --arn-account`), by default `us-east-1`
/// and `000000000000`. Jury reads any ARN of the right kind by its last segment, whatever its region
/// and account, so a pipeline's existing ARNs keep working; it always answers with its own.
public struct ARNScheme: Sendable, Equatable {
    public static let regionSetting = "arn-region"
    public static let accountSetting = "arn-account"
    public static let defaultRegion = "us-east-1"
    public static let defaultAccount = "000000000000"

    public let region: String
    public let account: String

    public init(region: String = Self.defaultRegion, account: String = Self.defaultAccount) {
        (self.region, self.account) = (region, account)
    }

    /// Why `region` or `account` would not make ARNs A2I's SDKs accept, or nil when both are fine.
    public static func problem(region: String, account: String) -> String? {
        let regionBytes = Array(region.utf8)
        if regionBytes.isEmpty || !regionBytes.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) {
            return "the region \(region) must be lower-case letters, digits and hyphens (like us-east-1)"
        }
        if account.utf8.count != 12 || !account.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return "the account \(account) must be 12 digits"
        }
        return nil
    }

    public func flowDefinition(_ name: String) -> String { arn("flow-definition", name) }
    public func humanLoop(_ name: String) -> String { arn("human-loop", name) }
    public func humanTaskUi(_ name: String) -> String { arn("human-task-ui", name) }

    private func arn(_ kind: String, _ name: String) -> String { "arn:aws:sagemaker:\(region):\(account):\(kind)/\(name)" }
}
