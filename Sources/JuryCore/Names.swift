/// A2I's naming rules, shared by flow and human-loop names.
public enum ResourceName {
    /// Longest name A2I accepts.
    public static let maximumLength = 63

    /// Why `name` breaks `^[a-z0-9](-*[a-z0-9])*$` with 1 to 63 characters, or nil when it is valid.
    public static func problem(with name: String) -> String? {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty else { return "is empty" }
        guard bytes.count <= maximumLength else { return "is \(bytes.count) characters long; at most \(maximumLength) are allowed" }
        let isAlphanumeric = { (byte: UInt8) in (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard bytes.allSatisfy({ isAlphanumeric($0) || $0 == 0x2D }) else {
            return "may hold only lower-case letters a-z, digits and hyphens"
        }
        guard isAlphanumeric(bytes.first!), isAlphanumeric(bytes.last!) else {
            return "must start and end with a lower-case letter or digit"
        }
        return nil
    }

    /// Whether `text` is a flow definition's ARN as A2I's StartHumanLoop takes it:
    /// `arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:flow-definition/NAME`, at most 1024 characters.
    public static func isFlowDefinitionARN(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let isLower = { (c: Character) in c.isASCII && (c.isLowercase || c == "-") }
        guard text.utf8.count <= 1024, parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[1].dropFirst(3).allSatisfy(isLower),
              parts[2] == "sagemaker", parts[3].allSatisfy({ isLower($0) || ($0.isASCII && $0.isNumber) }),
              parts[4].utf8.count == 12, parts[4].utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        return parts[5].hasPrefix("flow-definition/") && parts[5].count > "flow-definition/".count
    }

    /// The last path segment of an ARN (`…:flow-definition/invoices` gives `invoices`), or the text itself.
    public static func lastSegment(ofARN text: String) -> String {
        let bytes = text.utf8, slash = UInt8(ascii: "/")
        guard let last = bytes.lastIndex(where: { $0 != slash }) else { return text }
        let first = bytes[..<last].lastIndex(of: slash).map(bytes.index(after:)) ?? bytes.startIndex
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
