import JuryCore
import Testing

@Suite struct ResourceNameTests {
    @Test("an ARN's last path segment: empty segments skipped, text without one kept whole", arguments: [
        ("arn:aws:sagemaker:us-east-1:111122223333:flow-definition/invoices", "invoices"),
        ("arn:aws:sagemaker:us-east-1:111122223333:human-loop/a/b", "b"),
        ("flow-definition/tickets/", "tickets"),
        ("x//\u{FC}n\u{EF}c\u{F6}de//", "\u{FC}n\u{EF}c\u{F6}de"),
        ("tickets", "tickets"),
        ("///", "///"),
        ("", ""),
    ])
    func lastSegment(arn: String, segment: String) {
        #expect(ResourceName.lastSegment(ofARN: arn) == segment)
    }
}
