import JuryCanvas
import JuryCore
import JuryJSON
import JuryMedia

/// One picture a task screen asks for: the loop's media (read by the queue service), one page of
/// it, the part shown, the outlines drawn on it, and the region size in cells. Equal requests give
/// equal pictures, so a request is also the key under which its picture is kept.
public struct PictureRequest: Hashable, Sendable {
    /// Which region the picture fills.
    public enum Slot: Hashable, Sendable {
        /// The image, or the document page, beside or above the text (or the whole body in full screen).
        case page
        /// The zoomed crop under the selected form field.
        case zoom
    }

    public var loop: String
    public var slot: Slot
    /// 1-based page of a document.
    public var page: Int
    /// The part of the page shown (nil: all of it): the page slot's viewport, or the box of the
    /// zoomed field (drawn with `MediaPipeline.crop`'s context around it).
    public var crop: BoundingBox?
    /// Frames drawn on the picture, in the coordinates of the part shown.
    public var outlines: [ImageOutline]
    public var size: Size
}

/// A picture that arrived, with the request it answers.
public struct ShownPicture: Equatable, Sendable {
    public var request: PictureRequest
    public var picture: MediaPicture
}

/// How the task's picture is shown: zoom, pan and full screen.
public struct PictureFrame: Equatable, Sendable {
    /// 0 shows the whole picture; each step halves the part shown (at most `maximumZoom`).
    public var zoom = 0
    /// The centre of the part shown, as fractions of the picture's width and height.
    public var centerX = 0.5
    public var centerY = 0.5
    public var fullScreen = false

    public static let maximumZoom = 4

    /// The part of the picture shown; nil at zoom 0 (all of it).
    public var viewport: BoundingBox? {
        guard zoom > 0 else { return nil }
        let side = 1 / Double(1 << zoom)
        return BoundingBox(left: min(max(0, centerX - side / 2), 1 - side), top: min(max(0, centerY - side / 2), 1 - side),
                           width: side, height: side)
    }

    /// Zooms by `steps` (negative: out), keeping the centre.
    mutating func zoom(by steps: Int) {
        zoom = min(max(0, zoom + steps), Self.maximumZoom)
        if zoom == 0 { (centerX, centerY) = (0.5, 0.5) }
    }

    /// Moves the part shown by a quarter of its size in each direction given (-1, 0, 1).
    mutating func pan(x: Int, y: Int) {
        guard let shown = viewport else { return }
        centerX = min(max(shown.width / 2, centerX + Double(x) * shown.width / 4), 1 - shown.width / 2)
        centerY = min(max(shown.height / 2, centerY + Double(y) * shown.height / 4), 1 - shown.height / 2)
    }
}

/// The task's pictures: what arrived, what is on its way, and how it is framed.
public struct TaskPictures: Equatable, Sendable {
    public var page: ShownPicture?
    public var zoom: ShownPicture?
    /// Requests sent and not yet answered (so none is sent twice).
    public var requested: Set<PictureRequest> = []
    public var frame = PictureFrame()

    public init() {}

    /// How the task screen makes room for pictures: none until the first has arrived.
    public var mode: TaskLayout.PictureMode {
        guard page != nil || zoom != nil else { return .hidden }
        return frame.fullScreen ? .fullScreen : .shown
    }

    /// The picture arrived for `request` in its slot.
    mutating func store(_ picture: MediaPicture, for request: PictureRequest) {
        requested.remove(request)
        let shown = ShownPicture(request: request, picture: picture)
        switch request.slot {
        case .page: page = shown
        case .zoom: zoom = shown
        }
    }
}

extension BoundingBox {
    /// This box in the coordinates of `viewport` (a part of the same page), for outlines on a zoomed view.
    func relative(to viewport: BoundingBox?) -> BoundingBox {
        guard let viewport else { return self }
        return BoundingBox(left: (left - viewport.left) / viewport.width, top: (top - viewport.top) / viewport.height,
                           width: width / viewport.width, height: height / viewport.height)
    }

    /// From a Textract `Geometry` object's `BoundingBox` (`Left`, `Top`, `Width`, `Height`); nil when one is
    /// missing or is not a page fraction Textract could give (each within -1...2, the size not negative).
    init?(geometry: JSONValue) {
        guard let box = geometry["BoundingBox"], let left = box["Left"]?.numberValue, let top = box["Top"]?.numberValue,
              let width = box["Width"]?.numberValue, let height = box["Height"]?.numberValue,
              [left, top, width, height].allSatisfy({ (-1...2).contains($0) }), width >= 0, height >= 0
        else { return nil }
        self.init(left: left, top: top, width: width, height: height)
    }
}
