extension DecodedImage {
    /// The image turned upright for an EXIF `Orientation` value: 1 (or any value outside 2–8)
    /// leaves it as it is; 2 mirrors, 3 turns 180°, 4 flips, 5 transposes, 6 turns 90° clockwise,
    /// 7 transverses, 8 turns 90° anticlockwise. 5–8 swap width and height.
    public func oriented(exif orientation: Int) -> DecodedImage {
        guard (2...8).contains(orientation) else { return self }
        let swaps = orientation >= 5
        let outWidth = swaps ? height : width, outHeight = swaps ? width : height
        var out = [UInt8](repeating: 0, count: rgba.count)
        for y in 0..<outHeight {
            for x in 0..<outWidth {
                let (sx, sy) = source(of: x, y, orientation)
                let from = (sy * width + sx) * 4, to = (y * outWidth + x) * 4
                out[to] = rgba[from]; out[to + 1] = rgba[from + 1]; out[to + 2] = rgba[from + 2]; out[to + 3] = rgba[from + 3]
            }
        }
        return DecodedImage(width: outWidth, height: outHeight, rgba: out)
    }

    /// The stored pixel shown at (`x`, `y`) of the upright image.
    private func source(of x: Int, _ y: Int, _ orientation: Int) -> (Int, Int) {
        switch orientation {
        case 2: (width - 1 - x, y)
        case 3: (width - 1 - x, height - 1 - y)
        case 4: (x, height - 1 - y)
        case 5: (y, x)
        case 6: (y, height - 1 - x)
        case 7: (width - 1 - y, height - 1 - x)
        case 8: (width - 1 - y, x)
        default: (x, y)
        }
    }
}
