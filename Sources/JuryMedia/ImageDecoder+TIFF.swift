import CTIFF

extension ImageDecoder {
    /// libtiff's RGBA interface (any photometric, bit depth and compression it supports),
    /// directory `page` - 1, top-left orientation. Messages are silenced. Its packed ABGR words (R in
    /// the low byte) become R, G, B, A bytes in one buffer made at its final size.
    func decodeTIFF(_ bytes: [UInt8], page: Int) throws(MediaProblem) -> DecodedImage {
        try withTIFF(bytes) { tiff throws(MediaProblem) in
            let pages = Int(TIFFNumberOfDirectories(tiff))
            guard page <= pages, TIFFSetDirectory(tiff, UInt32(page - 1)) == 1 else { throw .pageOutOfRange(page: page, pages: pages) }
            let width = Int(jury_tiff_width(tiff)), height = Int(jury_tiff_height(tiff))
            try limits.check(width: width, height: height)
            var raster = [UInt32](repeating: 0, count: width * height)
            guard TIFFReadRGBAImageOriented(tiff, UInt32(width), UInt32(height), &raster, ORIENTATION_TOPLEFT, 1) == 1
            else { throw .corrupt(format: .tiff, detail: "undecodable image data") }
            var rgba = [UInt8](repeating: 0, count: width * height * 4)
            for (index, pixel) in raster.enumerated() {
                (rgba[index * 4], rgba[index * 4 + 1]) = (UInt8(pixel & 0xFF), UInt8(pixel >> 8 & 0xFF))
                (rgba[index * 4 + 2], rgba[index * 4 + 3]) = (UInt8(pixel >> 16 & 0xFF), UInt8(pixel >> 24))
            }
            return DecodedImage(width: width, height: height, rgba: rgba)
        }
    }

    func tiffPageCount(_ bytes: [UInt8]) throws(MediaProblem) -> Int {
        try withTIFF(bytes) { tiff throws(MediaProblem) in Int(TIFFNumberOfDirectories(tiff)) }
    }

    private func withTIFF<T>(
        _ bytes: [UInt8], _ body: (OpaquePointer) throws(MediaProblem) -> T
    ) throws(MediaProblem) -> T {
        let result = bytes.withUnsafeBufferPointer { source -> Result<T, MediaProblem> in
            var cursor = jury_tiff_cursor(data: source.baseAddress, size: toff_t(source.count), offset: 0)
            return withUnsafeMutablePointer(to: &cursor) { pointer in
                Result { () throws(MediaProblem) in
                    guard let tiff = jury_tiff_open(pointer) else { throw .corrupt(format: .tiff, detail: "bad header") }
                    defer { TIFFClose(tiff) }
                    return try body(tiff)
                }
            }
        }
        return try result.get()
    }
}
