import CExif
import CTurboJPEG

extension ImageDecoder {
    /// libjpeg-turbo (TurboJPEG), RGBA out, stopping on the first warning (truncated data is an
    /// error), then the EXIF orientation from libexif.
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
        var rgba = [UInt8](repeating: 0, count: scaled.width * scaled.height * 4)
        let status = tjDecompress2(handle, source.baseAddress, UInt(source.count), &rgba, Int32(scaled.width), 0,
                                   Int32(scaled.height), Int32(TJPF_RGBA.rawValue), TJFLAG_STOPONWARNING)
        guard status == 0 else { throw .corrupt(format: .jpeg, detail: Self.jpegError(handle)) }
        return DecodedImage(width: scaled.width, height: scaled.height, rgba: rgba)
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
