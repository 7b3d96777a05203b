import Foundation

/// ListHumanLoops' filters and paging.
public struct LoopQuery: Sendable, Codable {
    public var flow: String?
    public var status: LoopStatus?
    public var createdAfter: Date?
    public var createdBefore: Date?
    public var ascending = true
    /// 1 to 100, as A2I's MaxResults.
    public var maxResults = 100
    public var nextToken: String?

    public init() {}
}
