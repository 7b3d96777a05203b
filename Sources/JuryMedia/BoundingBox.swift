/// A Textract `Geometry.BoundingBox`: `left`, `top`, `width` and `height` as fractions (0–1) of
/// the page's width and height, from the page's top-left corner.
public struct BoundingBox: Hashable, Sendable {
    public var left: Double
    public var top: Double
    public var width: Double
    public var height: Double

    public init(left: Double, top: Double, width: Double, height: Double) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
    }

    /// From Textract's JSON object (`Left`, `Top`, `Width`, `Height` numbers); nil when one is missing.
    public init?(textract object: Any) {
        guard let o = object as? [String: Any], let l = o["Left"] as? Double, let t = o["Top"] as? Double,
              let w = o["Width"] as? Double, let h = o["Height"] as? Double
        else { return nil }
        self.init(left: l, top: t, width: w, height: h)
    }

    /// The box grown by `fraction` of its own size on every side (for context around a field).
    public func padded(by fraction: Double) -> BoundingBox {
        BoundingBox(left: left - width * fraction, top: top - height * fraction,
                    width: width * (1 + 2 * fraction), height: height * (1 + 2 * fraction))
    }

    /// The box in pixels of a `width` x `height` image, clamped to it, at least 1x1.
    func pixelRect(width: Int, height: Int) -> (x: Int, y: Int, width: Int, height: Int) {
        let x0 = Self.clamp(left, width), y0 = Self.clamp(top, height)
        let x1 = max(x0 + 1, Self.clamp(left + self.width, width, rounding: .up))
        let y1 = max(y0 + 1, Self.clamp(top + self.height, height, rounding: .up))
        return (min(x0, width - 1), min(y0, height - 1), min(x1, width) - min(x0, width - 1), min(y1, height) - min(y0, height - 1))
    }

    private static func clamp(_ fraction: Double, _ extent: Int, rounding: FloatingPointRoundingRule = .down) -> Int {
        guard fraction.isFinite else { return 0 }
        return Int(max(0, min(Double(extent), (fraction * Double(extent)).rounded(rounding))))
    }
}
