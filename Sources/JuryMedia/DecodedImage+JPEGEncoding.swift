import CTurboJPEG

extension DecodedImage {
    /// The image as a baseline JPEG (4:2:0, `quality` 1–100) from libjpeg-turbo, or nil when the
    /// encoder fails. For benchmarks and tests that need large photos without shipping them.
    public func jpegBytes(quality: Int = 90) -> [UInt8]? {
        guard let handle = tjInitCompress() else { return nil }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = rgba.withUnsafeBufferPointer {
            tjCompress2(handle, $0.baseAddress, Int32(width), 0, Int32(height), Int32(TJPF_RGBA.rawValue), &output, &size,
                        Int32(TJSAMP_420.rawValue), Int32(max(1, min(100, quality))), 0)
        }
        defer { tjFree(output) }
        guard status == 0, let output else { return nil }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    /// The image scaled to `size` by nearest neighbour (for making large test images).
    public func resizedNearest(to size: PixelSize) -> DecodedImage {
        var out = [UInt8](repeating: 0, count: size.width * size.height * 4)
        for y in 0..<size.height {
            let sy = y * height / size.height
            for x in 0..<size.width {
                let from = (sy * width + x * width / size.width) * 4, to = (y * size.width + x) * 4
                out[to] = rgba[from]; out[to + 1] = rgba[from + 1]; out[to + 2] = rgba[from + 2]; out[to + 3] = rgba[from + 3]
            }
        }
        return DecodedImage(width: size.width, height: size.height, rgba: out)
    }
}
