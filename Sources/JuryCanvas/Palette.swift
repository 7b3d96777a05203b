/// The xterm 256-colour palette as RGB, for colour fallback and `#rrggbb` theme colours.
public enum Palette {
    /// RGB of palette index `index` (0–255), with xterm's default values.
    public static func rgb(_ index: Int) -> (r: Int, g: Int, b: Int) {
        switch index {
        case 0..<16: return basic16[index]
        case 16..<232:
            let i = index - 16
            return (cube[i / 36], cube[(i / 6) % 6], cube[i % 6])
        default:
            let v = 8 + 10 * (min(255, max(232, index)) - 232)
            return (v, v, v)
        }
    }

    /// True for a palette grey (equal red, green and blue) between dark and light, 64–200: 8 (bright
    /// black), 59, 102, 145 of the cube and 238–251 of the ramp. Not 0–7, nor -1 (the default).
    public static func isMiddleGrey(_ index: Int) -> Bool {
        guard index >= 8, index < 256 else { return false }
        let c = rgb(index)
        return c.r == c.g && c.g == c.b && (64...200).contains(c.r)
    }

    /// The basic colour (0–7) nearest to palette index `index` by squared RGB distance.
    public static func nearestBasic(to index: Int) -> Int {
        nearest(to: rgb(index), among: 0..<8)
    }

    /// The palette index in 16–255 nearest to an RGB colour (for `#rrggbb` in theme files).
    public static func nearestIndex(r: Int, g: Int, b: Int) -> Int {
        nearest(to: (r, g, b), among: 16..<256)
    }

    private static func nearest(to c: (r: Int, g: Int, b: Int), among candidates: Range<Int>) -> Int {
        candidates.min { distance(rgb($0), c) < distance(rgb($1), c) } ?? candidates.lowerBound
    }

    private static func distance(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int)) -> Int {
        let dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b
        return dr * dr + dg * dg + db * db
    }

    private static let cube = [0, 95, 135, 175, 215, 255]

    private static let basic16: [(r: Int, g: Int, b: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// Colour names accepted in theme files (lower case; "-" and "_" are ignored when matching).
    public static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "brightblack": 8, "gray": 8, "grey": 8, "brightred": 9, "brightgreen": 10, "brightyellow": 11,
        "brightblue": 12, "brightmagenta": 13, "brightcyan": 14, "brightwhite": 15,
    ]
}
