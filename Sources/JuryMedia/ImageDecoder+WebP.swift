import CWebP

extension ImageDecoder {
    /// libwebp, still images (lossy, lossless, with alpha); animated WebP is refused as unsupported.
    func decodeWebP(_ bytes: [UInt8]) throws(MediaProblem) -> DecodedImage {
        var features = WebPBitstreamFeatures()
        let known = bytes.withUnsafeBufferPointer { jury_webp_features($0.baseAddress, $0.count, &features) }
        guard known != 0 else { throw .corrupt(format: .webp, detail: "bad bitstream header") }
        guard features.has_animation == 0 else { throw .unsupported(detail: "animated WebP") }
        let width = Int(features.width), height = Int(features.height)
        try limits.check(width: width, height: height)
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        let decoded = bytes.withUnsafeBufferPointer { source in
            rgba.withUnsafeMutableBufferPointer { out in
                WebPDecodeRGBAInto(source.baseAddress, source.count, out.baseAddress, out.count, Int32(width * 4)) != nil
            }
        }
        guard decoded else { throw .corrupt(format: .webp, detail: "undecodable image data") }
        return DecodedImage(width: width, height: height, rgba: rgba).oriented(exif: Self.webpOrientation(bytes))
    }
}
