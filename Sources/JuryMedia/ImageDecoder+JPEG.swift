import CExif
import CTurboJPEG

extension ImageDecoder {
    /// libjpeg-turbo (TurboJPEG), RGBA out (a CMYK or YCCK JPEG, as print and scanning workflows make
    /// them, through CMYK), stopping on the first warning (truncated data is an error), then the EXIF
    /// orientation from libexif.
    func decodeJPEG(_ bytes: [UInt8], fitting: PixelSize?) throws(MediaProblem) -> DecodedImage {
        guard let handle = tjInitDecompress() else { throw .corrupt(format: .jpeg, detail: "decoder unavailable") }
        defer { tjDestroy(handle) }
        let result = bytes.withUnsafeBufferPointer { source -> Result<DecodedImage, MediaProblem> in
            Result { () throws(MediaProblem) in try decodeJPEG(source, handle: handle, fitting: fitting) }
        }
        let upright = try result.get()
        let orientation = bytes.withUnsafeBufferPointer { jury_exif_orientation($0.baseAddress, UInt32($0.count)) }
        return upright.oriented(exif: Int(orientation))
    }

    private func decodeJPEG(
        _ source: UnsafeBufferPointer<UInt8>, handle: tjhandle, fitting: PixelSize?
    ) throws(MediaProblem) -> DecodedImage {
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        guard tjDecompressHeader3(handle, source.baseAddress, UInt(source.count), &width, &height, &subsampling, &colorspace) == 0
        else { throw .corrupt(format: .jpeg, detail: Self.jpegError(handle)) }
        try limits.check(width: Int(width), height: Int(height))
        let scaled = Self.jpegScale(width: Int(width), height: Int(height), fitting: fitting)
        let isCMYK = colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
        var rgba = [UInt8](repeating: 0, count: scaled.width * scaled.height * 4)
        let status = tjDecompress2(handle, source.baseAddress, UInt(source.count), &rgba, Int32(scaled.width), 0,
                                   Int32(scaled.height), Int32((isCMYK ? TJPF_CMYK : TJPF_RGBA).rawValue), TJFLAG_STOPONWARNING)
        guard status == 0 else { throw .corrupt(format: .jpeg, detail: Self.jpegError(handle)) }
        if isCMYK { Self.convertCMYKToRGBA(&rgba, inverted: Self.hasAdobeMarker(source)) }
        return DecodedImage(width: scaled.width, height: scaled.height, rgba: rgba)
    }

    /// CMYK pixels into RGBA in place, by the naive conversion (no colour profile: a reviewer needs the
    /// document legible, not proofed). `inverted`: the values are stored inverted, as Adobe's
    /// applications (and most others after them) write CMYK JPEGs, 255 meaning no ink.
    static func convertCMYKToRGBA(_ pixels: inout [UInt8], inverted: Bool) {
        pixels.withUnsafeMutableBufferPointer { buffer in
            for offset in Swift.stride(from: 0, to: buffer.count, by: 4) {
                var (c, m, y, k) = (UInt32(buffer[offset]), UInt32(buffer[offset + 1]), UInt32(buffer[offset + 2]), UInt32(buffer[offset + 3]))
                if !inverted { (c, m, y, k) = (255 - c, 255 - m, 255 - y, 255 - k) }
                buffer[offset] = UInt8((c * k + 127) / 255)
                buffer[offset + 1] = UInt8((m * k + 127) / 255)
                buffer[offset + 2] = UInt8((y * k + 127) / 255)
                buffer[offset + 3] = 255
            }
        }
    }

    /// Whether the JPEG's header segments (before its scan) hold an Adobe APP14 marker.
    static func hasAdobeMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1], length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if marker == 0xDA || length < 2 { return false }
            if marker == 0xEE, offset + 9 <= bytes.count, Array(bytes[(offset + 4)..<(offset + 9)]) == Array("Adobe".utf8) { return true }
            offset += 2 + length
        }
        return false
    }

    /// The size at the smallest TurboJPEG scale (1/8, 1/4, 1/2 or 1) that is still at least as
    /// large as the image fitted (aspect kept) into `fitting`.
    static func jpegScale(width: Int, height: Int, fitting: PixelSize?) -> PixelSize {
        let denominator = jpegDenominator(width: width, height: height, fitting: fitting)
        return PixelSize(width: (width + denominator - 1) / denominator, height: (height + denominator - 1) / denominator)
    }

    /// The denominator of that scale: 8, 4, 2 or 1 (1 when `fitting` is nil).
    static func jpegDenominator(width: Int, height: Int, fitting: PixelSize?) -> Int {
        guard let fitting else { return 1 }
        let needed = min(Double(fitting.width) / Double(width), Double(fitting.height) / Double(height))
        return [8, 4, 2].first { 1 / Double($0) >= needed } ?? 1
    }

    private static func jpegError(_ handle: tjhandle) -> String {
        tjGetErrorStr2(handle).map { String(cString: $0) } ?? "undecodable"
    }
}
