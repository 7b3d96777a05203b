/// Decoded pixels: `width` x `height`, row-major, 4 bytes per pixel in R, G, B, A order
/// (straight alpha), top row first, already turned upright (EXIF orientation applied).
public struct DecodedImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public let rgba: [UInt8]

    /// Precondition: `rgba.count == width * height * 4`.
    public init(width: Int, height: Int, rgba: [UInt8]) {
        precondition(rgba.count == width * height * 4, "RGBA buffer of \(rgba.count) bytes for \(width)x\(height)")
        self.width = width
        self.height = height
        self.rgba = rgba
    }

    /// The pixel at (`x`, `y`) as (r, g, b, a); precondition: inside the image.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)x\(height)")
        let i = (y * width + x) * 4
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }

    /// Bytes held, for cache accounting.
    public var byteCount: Int { rgba.count }

    /// The part of the image inside `box` (normalised, clamped to the image; at least 1x1 pixel).
    public func cropped(to box: BoundingBox) -> DecodedImage {
        let area = box.pixelRect(width: width, height: height)
        var out = [UInt8](repeating: 0, count: area.width * area.height * 4)
        for row in 0..<area.height {
            let from = ((area.y + row) * width + area.x) * 4, to = row * area.width * 4
            out.replaceSubrange(to..<(to + area.width * 4), with: rgba[from..<(from + area.width * 4)])
        }
        return DecodedImage(width: area.width, height: area.height, rgba: out)
    }
}
