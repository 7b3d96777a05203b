/// A size in pixels.
public struct PixelSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
    }
}

/// Decodes image and document bytes with the system libraries (libjpeg-turbo, libpng, libwebp,
/// giflib, libtiff, poppler). The format comes from the bytes' signature. Every failure is a
/// `MediaProblem`: corrupt or truncated data is refused, never shown half-decoded.
public struct ImageDecoder: Sendable {
    public var limits: MediaLimits

    public init(limits: MediaLimits = MediaLimits()) {
        self.limits = limits
    }

    /// Decodes page `page` (1-based; images have one page, TIFF and PDF may have more).
    /// `fitting` is the size the caller will scale to: JPEG then decodes at the smallest DCT scale
    /// at least that large, and PDF pages are rasterised to fit it (nil: full size, 150 dpi).
    /// The result is upright (EXIF orientation applied for JPEG).
    /// - Throws: `.unsupported`, `.corrupt`, `.tooManyPixels`, `.pageOutOfRange`.
    public func decode(_ bytes: [UInt8], page: Int = 1, fitting: PixelSize? = nil) throws(MediaProblem) -> DecodedImage {
        guard let format = ImageFormat(sniffing: bytes) else { throw .unsupported(detail: "not a JPEG, PNG, WebP, GIF, TIFF or PDF") }
        if format != .tiff, format != .pdf, page != 1 { throw .pageOutOfRange(page: page, pages: 1) }
        switch format {
        case .jpeg: return try decodeJPEG(bytes, fitting: fitting)
        case .png: return try decodePNG(bytes)
        case .webp: return try decodeWebP(bytes)
        case .gif: return try decodeGIF(bytes)
        case .tiff: return try decodeTIFF(bytes, page: page)
        case .pdf: return try renderPDF(bytes, page: page, fitting: fitting)
        }
    }

    /// The number of pages of a document (1 for single-image formats).
    /// - Throws: as `decode`.
    public func pageCount(_ bytes: [UInt8]) throws(MediaProblem) -> Int {
        switch ImageFormat(sniffing: bytes) {
        case .pdf: try pdfPageCount(bytes)
        case .tiff: try tiffPageCount(bytes)
        case nil: throw .unsupported(detail: "not a JPEG, PNG, WebP, GIF, TIFF or PDF")
        default: 1
        }
    }
}
