/// Pixel-protocol graphics (sixel, kitty, iTerm2) for one canvas region: escape sequences that draw
/// a picture from the region's top-left corner without leaving it. The canvas keeps blanks there;
/// the adapter writes `payload` after presenting the frame, and clears the region when the
/// placement changes. Payloads are produced from pixels only, never from task text.
public struct GraphicsPlacement: Hashable, Sendable {
    /// Which protocol `payload` speaks.
    public enum Kind: String, Hashable, Sendable { case sixel, kitty, iterm }

    public var region: Rect
    public var kind: Kind
    public var payload: [UInt8]

    public init(region: Rect, kind: Kind, payload: [UInt8]) {
        self.region = region
        self.kind = kind
        self.payload = payload
    }
}
