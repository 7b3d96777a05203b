import CPNG

extension ImageDecoder {
    /// libpng's simplified API, converted to 8-bit RGBA (palette, grey and 16-bit inputs included).
    func decodePNG(_ bytes: [UInt8]) throws(MediaProblem) -> DecodedImage {
        // libpng keeps the pointer `begin` gets and reads through it until `finish`: both run while it is lent.
        let decoded = bytes.withUnsafeBufferPointer { buffer in Result { () throws(MediaProblem) in try decodePNG(buffer) } }
        return try decoded.get().oriented(exif: Self.pngOrientation(bytes))
    }

    private func decodePNG(_ buffer: UnsafeBufferPointer<UInt8>) throws(MediaProblem) -> DecodedImage {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count) != 0 else {
            throw .corrupt(format: .png, detail: Self.message(image))
        }
        do {
            try limits.check(width: Int(image.width), height: Int(image.height))
        } catch {
            png_image_free(&image)
            throw error
        }
        image.format = jury_png_format_rgba()
        var rgba = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height) * 4)
        let stride = Int32(jury_png_rgba_row_stride(image.width))
        guard png_image_finish_read(&image, nil, &rgba, stride, nil) != 0 else {
            throw .corrupt(format: .png, detail: Self.message(image))
        }
        return DecodedImage(width: Int(image.width), height: Int(image.height), rgba: rgba)
    }

    private static func message(_ image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
