import CExif
import CJPEG

extension ImageDecoder {
    /// The JPEG as `decode(_:fitting:)` gives it (same DCT scale, same pixels), decoded from the top
    /// down with libjpeg's scanline API: after each band of `bandRows` scanlines, `rowsDecoded`
    /// gets the image size, its pixels so far (RGBA, row-major) and how many top rows are final.
    /// Nil, before any decoding, when the picture must be turned upright (EXIF orientation 2–8) or
    /// is not YCbCr, RGB or greyscale: the caller then decodes it whole.
    /// - Throws: `.corrupt` (warnings, such as truncated data, are errors), `.tooManyPixels`.
    func decodeJPEGTopDown(
        _ bytes: [UInt8], fitting: PixelSize?, bandRows: Int = 16,
        rowsDecoded: (PixelSize, UnsafeBufferPointer<UInt8>, Int) -> Void
    ) throws(MediaProblem) -> DecodedImage? {
        let orientation = bytes.withUnsafeBufferPointer { jury_exif_orientation($0.baseAddress, UInt32($0.count)) }
        guard orientation <= 1 else { return nil }
        let result = bytes.withUnsafeBufferPointer { source -> Result<DecodedImage?, MediaProblem> in
            Result { () throws(MediaProblem) in
                try decodeJPEGTopDown(source, fitting: fitting, bandRows: max(1, bandRows), rowsDecoded: rowsDecoded)
            }
        }
        return try result.get()
    }

    private func decodeJPEGTopDown(
        _ source: UnsafeBufferPointer<UInt8>, fitting: PixelSize?, bandRows: Int,
        rowsDecoded: (PixelSize, UnsafeBufferPointer<UInt8>, Int) -> Void
    ) throws(MediaProblem) -> DecodedImage? {
        guard let reader = jury_jpeg_new(source.baseAddress, UInt(source.count)) else {
            throw .corrupt(format: .jpeg, detail: "decoder unavailable")
        }
        defer { jury_jpeg_free(reader) }
        guard jury_jpeg_read_header(reader) == 0 else { throw Self.jpegProblem(reader) }
        guard [JCS_YCbCr, JCS_RGB, JCS_GRAYSCALE].contains(reader.pointee.info.jpeg_color_space) else { return nil }
        let width = Int(reader.pointee.info.image_width), height = Int(reader.pointee.info.image_height)
        try limits.check(width: width, height: height)
        let scaled = Self.jpegScale(width: width, height: height, fitting: fitting)
        guard jury_jpeg_start(reader, UInt32(Self.jpegDenominator(width: width, height: height, fitting: fitting))) == 0 else {
            throw Self.jpegProblem(reader)
        }
        guard Int(reader.pointee.info.output_width) == scaled.width, Int(reader.pointee.info.output_height) == scaled.height else {
            throw .corrupt(format: .jpeg, detail: "scaled size \(reader.pointee.info.output_width)x\(reader.pointee.info.output_height)")
        }
        let stride = scaled.width * 4
        var rgba = [UInt8](repeating: 0, count: stride * scaled.height)
        let decoded = rgba.withUnsafeMutableBufferPointer { pixels -> Bool in
            var rows = 0
            while rows < scaled.height {
                let read = jury_jpeg_read_rows(reader, pixels.baseAddress! + rows * stride, stride, UInt32(bandRows))
                guard read > 0 else { return false }
                rows += Int(read)
                rowsDecoded(scaled, UnsafeBufferPointer(pixels), rows)
            }
            return jury_jpeg_finish(reader) == 0
        }
        guard decoded else { throw Self.jpegProblem(reader) }
        return DecodedImage(width: scaled.width, height: scaled.height, rgba: rgba)
    }

    private static func jpegProblem(_ reader: UnsafeMutablePointer<jury_jpeg_reader>) -> MediaProblem {
        let message = withUnsafeBytes(of: reader.pointee.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return .corrupt(format: .jpeg, detail: message.isEmpty ? "undecodable" : message)
    }
}
