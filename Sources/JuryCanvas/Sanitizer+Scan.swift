extension Sanitizer {
    /// One left-to-right pass over the scalars of the input.
    struct Scan {
        let scalars: [Unicode.Scalar]
        let mode: Mode
        let tabWidth: Int
        var output = SafeText()
        var index = 0
        /// Display column since the last newline, for tab stops.
        var column = 0
        /// The visible character just written, when nothing but its variation selector came after
        /// it: what a selector or a joiner may follow.
        var base: (scalar: Unicode.Scalar, selected: Bool)?

        init(scalars: [Unicode.Scalar], mode: Mode, tabWidth: Int) {
            self.scalars = scalars
            self.mode = mode
            self.tabWidth = tabWidth
        }

        mutating func run() {
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                step(scalar)
            }
        }

        private mutating func step(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x1B: escape(introducer: nil)
            case 0x80...0x9F: escape(introducer: Unicode.Scalar(scalar.value - 0x40)!)
            case 0x09: text(String(repeating: " ", count: tabWidth - column % tabWidth))
            case 0x0A: newline()
            case 0x0D: carriageReturn()
            case 0x00...0x1F, 0x7F: placeholder(Sanitizer.picture(of: scalar)!)
            default:
                if Sanitizer.isTag(scalar) {
                    tagRun(from: scalar)
                } else if Sanitizer.isVariationSelector(scalar) {
                    selector(scalar)
                } else if Sanitizer.isJoiner(scalar) {
                    joiner(scalar)
                } else if Sanitizer.isHidden(scalar) {
                    placeholder(Sanitizer.invisiblePlaceholder(scalar))
                } else {
                    text(String(scalar))
                    base = (scalar, false)
                }
            }
        }

        /// A run of tag characters as one placeholder: the printable ones (U+E0020–E007E) spelled as
        /// the ASCII they stand for, the others as their code point.
        private mutating func tagRun(from first: Unicode.Scalar) {
            var spelled = ""
            var scalar = first
            while true {
                if (0xE0020...0xE007E).contains(scalar.value) {
                    spelled.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xE0000)!)
                } else {
                    spelled += Sanitizer.codePoint(scalar)
                }
                guard index < scalars.count, Sanitizer.isTag(scalars[index]) else { break }
                scalar = scalars[index]
                index += 1
            }
            placeholder("\u{27E8}TAG \(spelled)\u{27E9}")
        }

        /// A variation selector: kept right after a character it selects a form of that has none
        /// yet; else it and the selectors after it are one placeholder.
        private mutating func selector(_ scalar: Unicode.Scalar) {
            if let current = base, !current.selected, Sanitizer.selects(scalar, after: current.scalar) {
                output.append(String(scalar))
                base = (current.scalar, true)
                return
            }
            var count = 1
            while index < scalars.count, Sanitizer.isVariationSelector(scalars[index]) {
                count += 1
                index += 1
            }
            placeholder("\u{27E8}\(count == 1 ? Sanitizer.selectorName(scalar) : "\(count) variation selectors")\u{27E9}")
        }

        /// ZWJ or ZWNJ: kept between two characters of one `JoinKind`, else a placeholder.
        private mutating func joiner(_ scalar: Unicode.Scalar) {
            if let kind = base.flatMap({ Sanitizer.joinKind($0.scalar) }), index < scalars.count, Sanitizer.joinKind(scalars[index]) == kind {
                output.append(String(scalar))
                base = nil
            } else {
                placeholder(scalar.value == 0x200D ? "\u{27E8}ZWJ\u{27E9}" : "\u{27E8}ZWNJ\u{27E9}")
            }
        }

        private mutating func text(_ s: String) {
            output.append(s)
            column += s.unicodeScalars.reduce(0) { $0 + DisplayWidth.of(scalar: $1) }
            base = nil
        }

        private mutating func placeholder(_ s: String) {
            output.append(s, isPlaceholder: true)
            column += DisplayWidth.of(s)
            base = nil
        }

        private mutating func newline() {
            switch mode {
            case .multiline: output.append("\n"); column = 0; base = nil
            case .singleLine: placeholder("\u{2424}")
            }
        }

        private mutating func carriageReturn() {
            if index < scalars.count, scalars[index] == "\n" {
                index += 1
                newline()
            } else {
                placeholder("\u{240D}")
            }
        }

        /// ESC (or a C1 control standing for ESC + `introducer`) and the rest of its sequence.
        private mutating func escape(introducer: Unicode.Scalar?) {
            var shown = "\u{241B}"
            var kind = introducer
            if kind == nil, index < scalars.count, (0x20...0x7E).contains(scalars[index].value) {
                kind = scalars[index]
                index += 1
            }
            guard let kind else { return placeholder(shown) }
            shown.unicodeScalars.append(kind)
            switch kind {
            case "[": shown += consumeCSI()
            case "]", "P", "_", "^", "X": shown += consumeString()
            default: break
            }
            placeholder(shown)
        }

        /// CSI parameters and intermediates (0x20–0x3F) and the final byte (0x40–0x7E).
        private mutating func consumeCSI() -> String {
            var shown = ""
            while index < scalars.count {
                let v = scalars[index].value
                guard (0x20...0x7E).contains(v) else { break }
                shown.unicodeScalars.append(scalars[index])
                index += 1
                if v >= 0x40 { break }
            }
            return shown
        }

        /// A control string up to BEL, ESC \ or ST (U+009C). Printable text stays visible;
        /// other controls inside are shown as pictures. Unterminated: stops at the first newline.
        private mutating func consumeString() -> String {
            var shown = ""
            while index < scalars.count {
                let s = scalars[index]
                if s == "\n" || s == "\r" { break }
                index += 1
                if s.value == 0x07 || s.value == 0x9C { return shown + Sanitizer.picture(of: s)! }
                if s.value == 0x1B, index < scalars.count, scalars[index] == "\\" {
                    index += 1
                    return shown + "\u{241B}\\"
                }
                shown += Sanitizer.picture(of: s) ?? (Sanitizer.isHidden(s) ? Sanitizer.invisiblePlaceholder(s) : String(s))
            }
            return shown
        }
    }
}
