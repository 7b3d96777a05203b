import CPoppler

extension ImageDecoder {
    /// poppler renders page `page` through cairo onto white, scaled to fit `fitting` (nil: 150 dpi).
    func renderPDF(_ bytes: [UInt8], page: Int, fitting: PixelSize?) throws(MediaProblem) -> DecodedImage {
        try withPDF(bytes) { document throws(MediaProblem) in
            let pages = Int(poppler_document_get_n_pages(document))
            var points = (width: 0.0, height: 0.0)
            guard page <= pages, jury_pdf_page_size(document, Int32(page - 1), &points.width, &points.height) == 1 else {
                throw .pageOutOfRange(page: page, pages: pages)
            }
            // A page box poppler read from a number too large for a double is infinite.
            guard points.width.isFinite, points.height.isFinite, points.width > 0, points.height > 0 else {
                throw .corrupt(format: .pdf, detail: "page \(page) has no finite size (\(points.width) x \(points.height) points)")
            }
            let scale = fitting.map { min(Double($0.width) / points.width, Double($0.height) / points.height) } ?? 150.0 / 72
            let pixels = (width: (points.width * scale).rounded(.up), height: (points.height * scale).rounded(.up))
            let largest = Double(limits.maxPixels)
            guard pixels.width >= 1, pixels.height >= 1, pixels.width <= largest, pixels.height <= largest,
                  pixels.width <= Double(Self.largestCairoSide), pixels.height <= Double(Self.largestCairoSide) else {
                throw .tooManyPixels(width: Int(min(pixels.width, 1e15)), height: Int(min(pixels.height, 1e15)), limit: limits.maxPixels)
            }
            let size = PixelSize(width: Int(pixels.width), height: Int(pixels.height))
            try limits.check(width: size.width, height: size.height)
            guard let surface = jury_pdf_render(document, Int32(page - 1), scale, Int32(size.width), Int32(size.height))
            else { throw .corrupt(format: .pdf, detail: "page \(page) cannot be rendered") }
            defer { cairo_surface_destroy(surface) }
            return Self.pixels(of: surface, size)
        }
    }

    func pdfPageCount(_ bytes: [UInt8]) throws(MediaProblem) -> Int {
        try withPDF(bytes) { document throws(MediaProblem) in Int(poppler_document_get_n_pages(document)) }
    }

    /// The widest and tallest image surface cairo makes.
    static let largestCairoSide = 32_767

    /// Cairo's RGB24 (one native 32-bit 0x00RRGGBB word per pixel, rows `stride` bytes apart) as RGBA.
    private static func pixels(of surface: OpaquePointer, _ size: PixelSize) -> DecodedImage {
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
        var rgba = [UInt8](repeating: 255, count: size.width * size.height * 4)
        for y in 0..<size.height {
            for x in 0..<size.width {
                let word = data.load(fromByteOffset: y * stride + x * 4, as: UInt32.self), at = (y * size.width + x) * 4
                rgba[at] = UInt8(word >> 16 & 0xFF); rgba[at + 1] = UInt8(word >> 8 & 0xFF); rgba[at + 2] = UInt8(word & 0xFF)
            }
        }
        return DecodedImage(width: size.width, height: size.height, rgba: rgba)
    }

    private func withPDF<T>(_ bytes: [UInt8], _ body: (OpaquePointer) throws(MediaProblem) -> T) throws(MediaProblem) -> T {
        let opened = bytes.withUnsafeBufferPointer { jury_pdf_open($0.baseAddress, $0.count) }
        guard let document = opened else { throw .corrupt(format: .pdf, detail: "not a readable PDF") }
        defer { jury_gobject_unref(UnsafeMutableRawPointer(document)) }
        return try body(document)
    }
}
