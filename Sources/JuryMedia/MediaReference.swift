/// An image, or one page of a document, that a task shows.
public struct MediaReference: Hashable, Sendable {
    public var source: MediaSource
    /// 1-based page of a multi-page document (PDF, multi-page TIFF); 1 for images.
    public var page: Int

    public init(source: MediaSource, page: Int = 1) {
        self.source = source
        self.page = max(1, page)
    }

    /// The same document at another page.
    public func onPage(_ page: Int) -> MediaReference { MediaReference(source: source, page: page) }
}
