/// A region of canvas cells that links to `target` (an OSC 8 hyperlink: the terminal opens it on a
/// click where it supports them; elsewhere nothing shows). `target` is printable ASCII only
/// (`Hyperlink(region:target:)` refuses anything else), so it can never act on the terminal.
public struct Hyperlink: Hashable, Sendable {
    public var region: Rect
    public let target: String

    /// Longest target accepted, in bytes (terminals drop longer ones).
    public static let maxTargetLength = 2048

    /// Nil when `target` is empty, longer than `maxTargetLength`, or has anything but printable
    /// ASCII without spaces (U+0021–007E): control characters, ESC, BEL, spaces and non-ASCII
    /// must be percent-encoded by the caller (`fileURL(path:host:)` does).
    public init?(region: Rect, target: String) {
        let bytes = Array(target.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maxTargetLength, bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        self.region = region
        self.target = target
    }

    /// `file://host/path` with every byte of `host` and `path` outside RFC 3986's unreserved
    /// characters (and `/` in the path) percent-encoded. `path` is absolute.
    public static func fileURL(path: String, host: String) -> String {
        "file://" + percentEncoded(host, keeping: []) + percentEncoded(path, keeping: [UInt8(ascii: "/")])
    }

    private static func percentEncoded(_ text: String, keeping extra: Set<UInt8>) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8).union(extra)
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if unreserved.contains(byte) { out.append(byte) } else { out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The OSC 8 sequence that opens the link (`ESC ] 8 ; ; target ESC \`).
    public var opening: [UInt8] { Array("\u{1B}]8;;".utf8) + Array(target.utf8) + Array("\u{1B}\\".utf8) }
    /// The OSC 8 sequence that ends any link.
    public static let closing = Array("\u{1B}]8;;\u{1B}\\".utf8)
}

extension Canvas {
    /// Links the cells of `region` (clipped to the canvas) to `target`; nothing when the target is
    /// refused (see `Hyperlink.init(region:target:)`) or the region is outside the canvas.
    public mutating func link(_ region: Rect, to target: String) {
        let clipped = region.intersection(bounds)
        guard !clipped.isEmpty, let link = Hyperlink(region: clipped, target: target) else { return }
        dropLinks(in: clipped)
        links.append(link)
    }

    /// Forgets the links that share a cell with `rect` (the cells are being drawn over).
    mutating func dropLinks(in rect: Rect) {
        guard !links.isEmpty else { return }
        links.removeAll { !$0.region.intersection(rect).isEmpty }
    }
}

extension Hyperlink {
    /// Bytes that write the link's cells of `canvas` again inside the link: the cursor saved, then
    /// per row a move to its first cell, `opening`, each cell's grapheme after `style(cell)` (an SGR
    /// sequence, written when it changes), `closing`; then attributes reset and the cursor restored.
    /// Graphemes with control characters are written as "?" (the canvas already shows them as pictures).
    public func redrawn(from canvas: Canvas, style: (Cell) -> String) -> [UInt8] {
        let area = region.intersection(canvas.bounds)
        var out = Array("\u{1B}7".utf8)
        for row in area.row..<area.bottom {
            out += Array("\u{1B}[\(row + 1);\(area.column + 1)H".utf8) + opening
            var current: String?
            for column in area.column..<area.right where !canvas[row, column].isContinuation {
                let cell = canvas[row, column], look = style(cell)
                if look != current { out += Array(look.utf8) }
                current = look
                out += Array(Self.printable(cell.grapheme).utf8)
            }
            out += Self.closing
        }
        return out + Array("\u{1B}[0m\u{1B}8".utf8)
    }

    private static func printable(_ grapheme: String) -> String {
        grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || Sanitizer.isHidden($0) } ? "?" : grapheme
    }
}

extension FrameDiff {
    /// True when a link of `previous` is not in `next`: its cells must be repainted in full, since
    /// the terminal keeps a link on cells until they are written again.
    public static func dropsLinks(from previous: Canvas?, to next: Canvas) -> Bool {
        previous?.links.contains { !next.links.contains($0) } ?? false
    }

    /// The links of `next` to write again after `changes` were written (they wrote the cells
    /// without the link): all of them when `previous` had other links or is nil, else those with
    /// a changed cell.
    public static func linksToRewrite(from previous: Canvas?, to next: Canvas, changes: [Change]) -> [Hyperlink] {
        guard let previous, previous.links == next.links else { return next.links }
        return next.links.filter { link in
            changes.contains { link.region.contains(row: $0.row, column: $0.column) }
        }
    }
}
