/// A page of ListHumanLoops; `nextToken` is nil on the last page.
public struct LoopPage: Sendable, Codable {
    public let loops: [LoopSummary]
    public let nextToken: String?
}
