/// The capability queries asked of the terminal when the environment does not say what it can
/// draw, and the reading of its answers. Pure: the adapter writes `bytes`, reads until
/// `isComplete` (or its timeout), and `GraphicsAnswers(parsing:)` decides.
///
/// The kitty graphics query (`ESC _Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA ESC \`) goes first, then
/// Primary Device Attributes (`ESC [c`), which every terminal answers: a DA1 answer with no kitty
/// answer before it means no kitty graphics, and DA1's attribute 4 means sixel.
public struct GraphicsQuery: Hashable, Sendable {
    /// What to write to the terminal.
    public let bytes: [UInt8]
    /// Longest wait for the answers, milliseconds.
    public let timeoutMilliseconds: Int

    /// The kitty graphics query (image id 31, one RGB pixel, query only, no display).
    public static let kittyQuery = Array("\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\".utf8)
    /// Primary Device Attributes.
    public static let deviceAttributesQuery = Array("\u{1B}[c".utf8)
    /// Wait for answers, milliseconds: a terminal answers at once, an ssh link within its round trip.
    public static let defaultTimeoutMilliseconds = 300

    /// Both queries; with `tmuxPassthrough` each is wrapped so tmux sends it to the outer terminal.
    public init(tmuxPassthrough: Bool = false, timeoutMilliseconds: Int = defaultTimeoutMilliseconds) {
        let queries = [Self.kittyQuery, Self.deviceAttributesQuery]
        bytes = queries.flatMap { tmuxPassthrough ? PixelRenderer.tmuxWrapped($0) : $0 }
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// True once `answer` holds a DA1 reply: the terminal has answered everything it will.
    public static func isComplete(_ answer: [UInt8]) -> Bool {
        GraphicsAnswers(parsing: answer).deviceAttributes != nil
    }
}

/// What the terminal answered to `GraphicsQuery`.
public struct GraphicsAnswers: Hashable, Sendable {
    /// The kitty graphics query was answered `OK` for image id 31.
    public var kittyGraphics = false
    /// The attributes of the DA1 reply (`ESC [?62;4;22c` gives [62, 4, 22]), nil when none came.
    public var deviceAttributes: [Int]?

    public init(kittyGraphics: Bool = false, deviceAttributes: [Int]? = nil) {
        self.kittyGraphics = kittyGraphics
        self.deviceAttributes = deviceAttributes
    }

    /// Reads the replies in `bytes` (in any order, with anything else around them ignored): kitty's
    /// `ESC _Gi=31;OK ESC \` (an error reply such as `;ENOTSUPPORTED:…` is a no), and DA1's
    /// `ESC [?…c`. Total: bytes that are no reply are skipped.
    public init(parsing bytes: [UInt8]) {
        var index = 0
        while let escape = bytes[index...].firstIndex(of: 0x1B), escape + 1 < bytes.count {
            index = escape + 1
            switch bytes[index] {
            case UInt8(ascii: "_"): index = readKitty(bytes, from: index + 1)
            case UInt8(ascii: "["): index = readDeviceAttributes(bytes, from: index + 1)
            default: continue
            }
        }
    }

    /// The output these answers allow: kitty, else sixel (DA1 attribute 4), else symbols.
    public var output: GraphicsOutput {
        if kittyGraphics { return .kitty }
        return deviceAttributes?.contains(4) == true ? .sixel : .symbols
    }

    /// An APC body up to ST; sets `kittyGraphics` for `Gi=31…;OK`. Returns where reading goes on.
    private mutating func readKitty(_ bytes: [UInt8], from start: Int) -> Int {
        guard let end = bytes[start...].firstIndex(of: 0x1B) else { return bytes.count }
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
        if body.hasPrefix("G"), let semicolon = body.firstIndex(of: ";") {
            let keys = body[body.index(after: body.startIndex)..<semicolon].split(separator: ",")
            if keys.contains("i=31"), body[body.index(after: semicolon)...] == "OK" { kittyGraphics = true }
        }
        return end
    }

    /// A CSI sequence; sets `deviceAttributes` for `?…c`. Returns where reading goes on.
    private mutating func readDeviceAttributes(_ bytes: [UInt8], from start: Int) -> Int {
        guard let final = bytes[start...].firstIndex(where: { (0x40...0x7E).contains($0) }) else { return bytes.count }
        let parameters = bytes[start..<final]
        guard bytes[final] == UInt8(ascii: "c"), parameters.first == UInt8(ascii: "?") else { return final + 1 }
        let fields = String(decoding: parameters.dropFirst(), as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false)
        let numbers = fields.compactMap { Int($0) }
        guard numbers.count == fields.count, !numbers.isEmpty else { return final + 1 }
        deviceAttributes = numbers
        return final + 1
    }
}
