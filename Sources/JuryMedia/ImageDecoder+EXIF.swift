import CExif

/// EXIF orientation outside JPEG: PNG's `eXIf` chunk and WebP's `EXIF` chunk hold the same TIFF-form
/// block a JPEG's APP1 does, and browsers (A2I's worker UI among them) turn those pictures upright too.
extension ImageDecoder {
    /// The orientation (1-8) of the EXIF block `block` (the TIFF header first, with or without the
    /// `Exif\0\0` a JPEG puts before it), or 0.
    static func exifOrientation(ofBlock block: ArraySlice<UInt8>) -> Int {
        let header = Array("Exif\0\0".utf8)
        let data = block.starts(with: header) ? Array(block) : header + block
        return Int(data.withUnsafeBufferPointer { jury_exif_orientation($0.baseAddress, UInt32($0.count)) })
    }

    /// The EXIF orientation of a PNG (its `eXIf` chunk), or 0.
    static func pngOrientation(_ bytes: [UInt8]) -> Int {
        var offset = 8
        while offset + 8 <= bytes.count {
            let length = bigEndian32(bytes, at: offset), type = bytes[(offset + 4)..<(offset + 8)]
            let start = offset + 8, end = start + length
            guard length >= 0, end + 4 <= bytes.count else { return 0 }
            if type.elementsEqual("eXIf".utf8) { return exifOrientation(ofBlock: bytes[start..<end]) }
            if type.elementsEqual("IEND".utf8) { return 0 }
            offset = end + 4
        }
        return 0
    }

    /// The EXIF orientation of a WebP file (its RIFF `EXIF` chunk), or 0.
    static func webpOrientation(_ bytes: [UInt8]) -> Int {
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let start = offset + 8, end = start + size
            guard end <= bytes.count else { return 0 }
            if bytes[offset..<(offset + 4)].elementsEqual("EXIF".utf8) { return exifOrientation(ofBlock: bytes[start..<end]) }
            offset = end + (size & 1)
        }
        return 0
    }
}

/// The 32-bit big-endian unsigned number at `offset` of `bytes`.
private func bigEndian32(_ bytes: [UInt8], at offset: Int) -> Int {
    Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
}
