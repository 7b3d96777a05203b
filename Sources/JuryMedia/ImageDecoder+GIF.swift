import CGIF

extension ImageDecoder {
    /// giflib, the first frame only, composed at the logical screen size (outside the frame and
    /// its transparent colour: alpha 0). Later frames are never read.
    func decodeGIF(_ bytes: [UInt8]) throws(MediaProblem) -> DecodedImage {
        let result = bytes.withUnsafeBufferPointer { source -> Result<DecodedImage, MediaProblem> in
            var cursor = jury_gif_cursor(data: source.baseAddress, size: source.count, offset: 0)
            return withUnsafeMutablePointer(to: &cursor) { pointer in
                Result { () throws(MediaProblem) in try firstGIFFrame(pointer) }
            }
        }
        return try result.get()
    }

    private func firstGIFFrame(_ cursor: UnsafeMutablePointer<jury_gif_cursor>) throws(MediaProblem) -> DecodedImage {
        var error: Int32 = 0
        guard let gif = jury_gif_open(cursor, &error) else { throw Self.gifProblem(error) }
        defer { DGifCloseFile(gif, &error) }
        try limits.check(width: Int(gif.pointee.SWidth), height: Int(gif.pointee.SHeight))
        var transparent: Int32 = -1
        while true {
            var type = UNDEFINED_RECORD_TYPE
            guard DGifGetRecordType(gif, &type) == GIF_OK else { throw Self.gifProblem(gif.pointee.Error) }
            switch type {
            case IMAGE_DESC_RECORD_TYPE: return try gifFrame(gif, transparent: transparent)
            case EXTENSION_RECORD_TYPE: transparent = try Self.gifExtension(gif) ?? transparent
            default: throw .corrupt(format: .gif, detail: "no image before the end")
            }
        }
    }

    private func gifFrame(_ gif: UnsafeMutablePointer<GifFileType>, transparent: Int32) throws(MediaProblem) -> DecodedImage {
        guard DGifGetImageDesc(gif) == GIF_OK else { throw Self.gifProblem(gif.pointee.Error) }
        let frame = gif.pointee.Image
        let width = Int(frame.Width), height = Int(frame.Height)
        try limits.check(width: width, height: height)
        guard let map = frame.ColorMap ?? gif.pointee.SColorMap else { throw .corrupt(format: .gif, detail: "no colour map") }
        var indices = [UInt8](repeating: 0, count: width * height)
        for row in Self.gifRowOrder(height: height, interlaced: frame.Interlace) {
            let status = indices.withUnsafeMutableBufferPointer { DGifGetLine(gif, $0.baseAddress! + row * width, Int32(width)) }
            guard status == GIF_OK else { throw Self.gifProblem(gif.pointee.Error) }
        }
        let screen = PixelSize(width: Int(gif.pointee.SWidth), height: Int(gif.pointee.SHeight))
        return Self.compose(indices, frame: frame, on: screen, colors: map.pointee, transparent: transparent)
    }

    /// Paints the frame's indices at its offset on a transparent screen.
    private static func compose(
        _ indices: [UInt8], frame: GifImageDesc, on screen: PixelSize, colors: ColorMapObject, transparent: Int32
    ) -> DecodedImage {
        var rgba = [UInt8](repeating: 0, count: screen.width * screen.height * 4)
        let width = Int(frame.Width)
        for (offset, index) in indices.enumerated() {
            let x = Int(frame.Left) + offset % width, y = Int(frame.Top) + offset / width
            guard x < screen.width, y < screen.height, Int32(index) != transparent, Int32(index) < colors.ColorCount else { continue }
            let color = colors.Colors[Int(index)], at = (y * screen.width + x) * 4
            rgba[at] = color.Red; rgba[at + 1] = color.Green; rgba[at + 2] = color.Blue; rgba[at + 3] = 255
        }
        return DecodedImage(width: screen.width, height: screen.height, rgba: rgba)
    }

    /// Rows in the order an interlaced GIF stores them (4 passes), or top to bottom.
    static func gifRowOrder(height: Int, interlaced: Bool) -> [Int] {
        guard interlaced else { return Array(0..<height) }
        return [(0, 8), (4, 8), (2, 4), (1, 2)].flatMap { start, step in Array(stride(from: start, to: height, by: step)) }
    }

    /// Skips an extension; returns the transparent colour index a graphics control block sets.
    private static func gifExtension(_ gif: UnsafeMutablePointer<GifFileType>) throws(MediaProblem) -> Int32? {
        var code: Int32 = 0
        var block: UnsafeMutablePointer<GifByteType>?
        guard DGifGetExtension(gif, &code, &block) == GIF_OK else { throw gifProblem(gif.pointee.Error) }
        var transparent: Int32?
        if code == GRAPHICS_EXT_FUNC_CODE, let block {
            var control = GraphicsControlBlock()
            if DGifExtensionToGCB(Int(block[0]), block + 1, &control) == GIF_OK { transparent = Int32(control.TransparentColor) }
        }
        while block != nil {
            guard DGifGetExtensionNext(gif, &block) == GIF_OK else { throw gifProblem(gif.pointee.Error) }
        }
        return transparent
    }

    private static func gifProblem(_ code: Int32) -> MediaProblem {
        .corrupt(format: .gif, detail: GifErrorString(code).map { String(cString: $0) } ?? "error \(code)")
    }
}
