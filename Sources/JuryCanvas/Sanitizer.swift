/// Turns untrusted text (anything from task data) into `SafeText`: nothing in the result can act
/// on the terminal, and nothing in the input is hidden.
///
/// Placeholders (drawn in `StyleRole.placeholder`; see docs/terminal.md):
/// - ESC starts an escape sequence: ESC becomes "␛" (U+241B) and the rest of the sequence stays
///   visible in the placeholder span: CSI up to its final byte ("␛[2J"), OSC/DCS/APC/PM/SOS up to
///   BEL or ST ("␛]0;title␇"), other escapes with their one following character ("␛c").
/// - C1 controls (U+0080–009F) are shown as their 7-bit ESC equivalent: U+009B is "␛[".
/// - Other C0 controls become Control Pictures U+2400–241F ("␇" for BEL, "␀" for NUL); DEL is "␡".
/// - A lone CR is "␍"; CRLF counts as one newline.
/// - Newlines: kept as "\n" in `.multiline`; "␤" (U+2424) in `.singleLine`.
/// - Tabs expand to spaces up to the next multiple of `tabWidth` columns.
/// - Bidi controls and invisible characters become a bracketed name: "⟨RLO⟩", "⟨LRI⟩", "⟨ZWSP⟩",
///   "⟨BOM⟩", "⟨LS⟩", "⟨PS⟩"; other default-ignorable and format characters their code point, as
///   "⟨U+2062⟩". A run of tag characters (U+E0000–E007F, which can carry hidden ASCII) is one
///   placeholder spelling the ASCII it hides: "⟨TAG ignore all⟩".
/// - ZWJ and ZWNJ are kept only one at a time between two emoji or between two letters (or marks)
///   of a script past Latin, where they shape text ("👩‍💻", Persian, Indic); elsewhere, where
///   they would carry hidden bits, they are "⟨ZWJ⟩" and "⟨ZWNJ⟩". A variation selector is kept
///   right after a character it can select a form of (`selects(_:after:)`), one per character; any
///   other is "⟨VS17⟩" (VS1–VS256), and a run of them, which can spell hidden bytes, is one
///   placeholder with its length: "⟨40 variation selectors⟩".
public enum Sanitizer {
    public enum Mode: Sendable {
        /// Newlines kept, for text views that wrap.
        case multiline
        /// Newlines shown as "␤", for table cells and one-line fields.
        case singleLine
    }

    /// Sanitises `raw`. Pure and total: every input gives a result.
    public static func sanitize(_ raw: String, mode: Mode = .singleLine, tabWidth: Int = 8) -> SafeText {
        var scanner = Scan(scalars: Array(raw.unicodeScalars), mode: mode, tabWidth: max(1, tabWidth))
        scanner.run()
        return scanner.output
    }

    /// Names shown for bidi and invisible format characters.
    static let namedInvisibles: [UInt32: String] = [
        0x202A: "LRE", 0x202B: "RLE", 0x202C: "PDF", 0x202D: "LRO", 0x202E: "RLO",
        0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI",
        0x200E: "LRM", 0x200F: "RLM", 0x061C: "ALM",
        0x200B: "ZWSP", 0xFEFF: "BOM", 0x2028: "LS", 0x2029: "PS", 0x2060: "WJ",
        0x00AD: "SHY",
    ]

    /// Whether `scalar` is drawn as nothing (or moves text around) and so must not reach a terminal
    /// as itself: the bidi controls, the default-ignorable code points (Unicode's
    /// `Default_Ignorable_Code_Point`) other than ZWJ, ZWNJ and the variation selectors, the other
    /// format characters (general category Cf), and the line and paragraph separators.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case ..<0xAD: return false
        case 0x200C, 0x200D, 0xFE00...0xFE0F, 0xE0100...0xE01EF: return false
        case 0x2028, 0x2029: return true
        default: return scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .format
        }
    }

    /// Whether `scalar` may be drawn as nothing in some place: `isHidden`, or ZWJ, ZWNJ or a
    /// variation selector (which `sanitize` keeps only where they join or select). For output
    /// that escapes rather than shows, such as JSON to a terminal.
    public static func mayHide(_ scalar: Unicode.Scalar) -> Bool {
        isHidden(scalar) || isJoiner(scalar) || isVariationSelector(scalar)
    }

    /// ZWNJ (U+200C) or ZWJ (U+200D).
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool { scalar.value == 0x200C || scalar.value == 0x200D }

    /// VS1–VS16 (U+FE00–FE0F) or VS17–VS256 (U+E0100–E01EF).
    static func isVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value)
    }

    /// The placeholder name of a variation selector: "VS1"…"VS256".
    static func selectorName(_ scalar: Unicode.Scalar) -> String {
        scalar.value <= 0xFE0F ? "VS\(scalar.value - 0xFE00 + 1)" : "VS\(scalar.value - 0xE0100 + 17)"
    }

    /// Whether `selector` may follow `base` as a form of it: VS15 and VS16 after an emoji (text or
    /// emoji style, keycaps), VS17–VS256 after a unified ideograph (ideographic variants), VS1–VS14
    /// after a character from U+1000 on (the standardized variants of symbols and scripts). So
    /// no ASCII or Latin letter takes one.
    static func selects(_ selector: Unicode.Scalar, after base: Unicode.Scalar) -> Bool {
        switch selector.value {
        case 0xFE0E, 0xFE0F: return base.properties.isEmoji
        case 0xE0100...0xE01EF: return base.properties.isUnifiedIdeograph
        default: return base.value >= 0x1000
        }
    }

    /// What a joiner may stand between: two of the same kind.
    enum JoinKind {
        case emoji, letter
    }

    /// The kind of `scalar` for joining: an emoji (past ASCII, so digits, "#" and "*" are not), a
    /// letter or mark past U+036F, else nil.
    static func joinKind(_ scalar: Unicode.Scalar) -> JoinKind? {
        let properties = scalar.properties
        guard scalar.value >= 0xA9, !isHidden(scalar), !isTag(scalar) else { return nil }
        if properties.isEmoji { return .emoji }
        guard scalar.value >= 0x370 else { return nil }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return .letter
        default:
            return nil
        }
    }

    /// Whether `scalar` is a tag character, shown as part of a "⟨TAG …⟩" run.
    static func isTag(_ scalar: Unicode.Scalar) -> Bool { (0xE0000...0xE007F).contains(scalar.value) }

    /// The bracketed placeholder of a hidden scalar other than a tag: its name, else its code point.
    static func invisiblePlaceholder(_ scalar: Unicode.Scalar) -> String {
        "\u{27E8}\(namedInvisibles[scalar.value] ?? codePoint(scalar))\u{27E9}"
    }

    /// `scalar` as Unicode writes it: "U+" and at least four upper-case hex digits ("U+2062", "U+E007F").
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The visible picture of a C0 control, DEL or C1 control, or nil for other scalars.
    public static func picture(of scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{241B}" + String(Unicode.Scalar(scalar.value - 0x40)!)
        default: return nil
        }
    }

    /// For the canvas's last line of defence: a one-grapheme picture when `grapheme` contains a
    /// control scalar ("\r\n" included), else nil.
    static func controlPicture(for grapheme: Character) -> Character? {
        if grapheme == "\r\n" || grapheme == "\n" { return "\u{2424}" }
        for scalar in grapheme.unicodeScalars {
            if let picture = picture(of: scalar) { return picture.first }
            if isHidden(scalar) { return "\u{FFFD}" }
        }
        return nil
    }
}
