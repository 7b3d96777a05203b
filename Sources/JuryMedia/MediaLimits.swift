/// Bounds on what is read and decoded, against oversized files and decompression bombs.
public struct MediaLimits: Hashable, Sendable {
    /// Largest file or inline value read, in bytes.
    public var maxBytes: Int
    /// Largest decoded image, in pixels (width x height), checked from the header before decoding.
    public var maxPixels: Int

    /// Defaults: 50 MiB and 100 megapixels (a 12-megapixel photo and a 300 dpi A3 page pass).
    public init(maxBytes: Int = 50 << 20, maxPixels: Int = 100_000_000) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
    }

    /// Throws `.tooManyPixels` when `width` x `height` exceeds `maxPixels` (or either is not positive).
    func check(width: Int, height: Int) throws(MediaProblem) {
        let pixels = width.multipliedReportingOverflow(by: height)
        guard width > 0, height > 0, !pixels.overflow, pixels.partialValue <= maxPixels else { throw .tooManyPixels(width: width, height: height, limit: maxPixels) }
    }
}
