import Testing
@testable import JuryCanvas
@testable import JuryNCurses

@Suite("Sanitizer")
struct SanitizerTests {
    /// No C0/C1/DEL scalar, and no bidi control, survives.
    func assertSafe(_ text: SafeText, sourceLocation: SourceLocation = #_sourceLocation) {
        for scalar in text.description.unicodeScalars {
            let v = scalar.value
            let isControl = (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v)
            #expect(!isControl && !Sanitizer.isHidden(scalar), "raw \(v) left", sourceLocation: sourceLocation)
        }
    }

    @Test("CSI sequences become visible placeholders")
    func csi() {
        let out = Sanitizer.sanitize("total\u{1B}[2Jcleared \u{1B}[31mred\u{1B}[0m")
        #expect(out.description == "total␛[2Jcleared ␛[31mred␛[0m")
        #expect(out.spans.filter(\.isPlaceholder).map(\.text) == ["␛[2J", "␛[31m", "␛[0m"])
        assertSafe(out)
    }

    @Test("OSC title and hyperlink sequences stay visible up to their terminator")
    func osc() {
        let title = Sanitizer.sanitize("\u{1B}]0;pwned\u{07}after")
        #expect(title.description == "␛]0;pwned␇after")
        #expect(title.spans.first == SafeText.Span(text: "␛]0;pwned␇", isPlaceholder: true))
        let link = Sanitizer.sanitize("\u{1B}]8;;http://x\u{1B}\\text\u{1B}]8;;\u{1B}\\")
        #expect(link.description == "␛]8;;http://x␛\\text␛]8;;␛\\")
        assertSafe(link)
    }

    @Test("an unterminated OSC hides nothing after a newline")
    func unterminated() {
        let out = Sanitizer.sanitize("\u{1B}]0;abc\nnext", mode: .multiline)
        #expect(out.description == "␛]0;abc\nnext")
    }

    @Test("C0 controls, DEL and C1 controls become pictures")
    func controls() {
        #expect(Sanitizer.sanitize("a\u{07}b\u{00}c\u{7F}").description == "a␇b␀c␡")
        #expect(Sanitizer.sanitize("x\u{9B}31my").description == "x␛[31my")
        #expect(Sanitizer.sanitize("x\u{85}y").description == "x␛Ey")
        #expect(Sanitizer.sanitize("\u{1B}").description == "␛")
        #expect(Sanitizer.sanitize("\u{1B}c").description == "␛c")
        assertSafe(Sanitizer.sanitize(String((0..<0xA0).map { Character(Unicode.Scalar($0)!) })))
    }

    @Test("bidi overrides and invisible characters are named")
    func bidi() {
        let out = Sanitizer.sanitize("invoice\u{202E}fdp.exe\u{2066}x\u{2069}\u{200B}")
        #expect(out.description == "invoice⟨RLO⟩fdp.exe⟨LRI⟩x⟨PDI⟩⟨ZWSP⟩")
        assertSafe(out)
    }

    @Test("other invisible characters show their code point; a tag run spells the ASCII it hides")
    func otherInvisibles() {
        let smuggled = "ok" + String(String.UnicodeScalarView("hi there".unicodeScalars.map { Unicode.Scalar($0.value + 0xE0000)! }))
        #expect(Sanitizer.sanitize(smuggled + "\u{E007F}!").description == "ok⟨TAG hi thereU+E007F⟩!")
        #expect(Sanitizer.sanitize("a\u{2062}b\u{00AD}c\u{180E}d\u{3164}e\u{FFF9}").description == "a⟨U+2062⟩b⟨SHY⟩c⟨U+180E⟩d⟨U+3164⟩e⟨U+FFF9⟩")
        assertSafe(Sanitizer.sanitize(String(String.UnicodeScalarView((0xA0..<0x30000).compactMap(Unicode.Scalar.init)))))
        #expect(Sanitizer.sanitize("❤\u{FE0F} 葛\u{E0100}").description == "❤\u{FE0F} 葛\u{E0100}")
    }

    @Test("newlines: kept in multiline, shown in single line; CRLF is one newline; lone CR shown")
    func newlines() {
        #expect(Sanitizer.sanitize("a\r\nb\nc", mode: .multiline).description == "a\nb\nc")
        #expect(Sanitizer.sanitize("a\r\nb\nc", mode: .singleLine).description == "a␤b␤c")
        #expect(Sanitizer.sanitize("a\rb", mode: .multiline).description == "a␍b")
    }

    @Test("tabs expand to the next stop by display width")
    func tabs() {
        #expect(Sanitizer.sanitize("a\tb", tabWidth: 4).description == "a   b")
        #expect(Sanitizer.sanitize("日本\tx", tabWidth: 8).description == "日本    x")
        #expect(Sanitizer.sanitize("ab\ncd\te", mode: .multiline, tabWidth: 4).description == "ab\ncd  e")
    }

    @Test("joiners are kept only between two emoji or two letters past Latin, one at a time")
    func joiners() {
        let kept = ["👩\u{200D}💻", "❤\u{FE0F}\u{200D}🔥", "👩🏽\u{200D}🚀", "क्\u{200D}ष", "می\u{200C}خواهم"]
        for text in kept { #expect(Sanitizer.sanitize(text).description == text) }
        #expect(Sanitizer.sanitize("a\u{200D}b").description == "a⟨ZWJ⟩b")
        #expect(Sanitizer.sanitize("OK\u{200C}\u{200D}\u{200C}").description == "OK⟨ZWNJ⟩⟨ZWJ⟩⟨ZWNJ⟩")
        #expect(Sanitizer.sanitize("👩\u{200D}\u{200D}💻").description == "👩⟨ZWJ⟩⟨ZWJ⟩💻")
        #expect(Sanitizer.sanitize("\u{200D}👩").description == "⟨ZWJ⟩👩")
        #expect(Sanitizer.sanitize("1\u{200D}2").description == "1⟨ZWJ⟩2")
        #expect(Sanitizer.sanitize("👩\u{200D}a").description == "👩⟨ZWJ⟩a")
        assertSafe(Sanitizer.sanitize("a\u{200D}b"))
    }

    @Test("one variation selector after a character it selects a form of is kept; the others are shown, a run as its length")
    func variationSelectors() {
        let kept = "葛\u{E0100} 1\u{FE0F}\u{20E3} ❤\u{FE0E} ≤\u{FE00}"
        #expect(Sanitizer.sanitize(kept).description == kept)
        let selectors = String(String.UnicodeScalarView((0..<40).map { Unicode.Scalar(0xE0100 + $0)! }))
        #expect(Sanitizer.sanitize("OK" + selectors).description == "OK⟨40 variation selectors⟩")
        #expect(Sanitizer.sanitize("葛" + selectors).description == "葛\u{E0100}⟨39 variation selectors⟩")
        #expect(Sanitizer.sanitize("\u{FE0F}x").description == "⟨VS16⟩x")
        #expect(Sanitizer.sanitize("a\u{E01EF}b\u{FE00}").description == "a⟨VS256⟩b⟨VS1⟩")
        #expect(Sanitizer.sanitize("葛\n\u{E0100}", mode: .multiline).description == "葛\n⟨VS17⟩")
        #expect(Sanitizer.sanitize("≤\u{FE00}\u{FE01}").description == "≤\u{FE00}⟨VS2⟩")
    }

    @Test("JSON on a terminal escapes joiners and selectors too")
    func joinersMayHide() {
        #expect(Sanitizer.mayHide("\u{200D}") && Sanitizer.mayHide("\u{E0100}") && Sanitizer.mayHide("\u{202E}"))
        #expect(!Sanitizer.mayHide("a") && !Sanitizer.mayHide("👩"))
    }

    @Test("emoji, ZWJ and combining marks pass unchanged")
    func unicodeKept() {
        let text = "👨‍👩‍👧 café e\u{0301} 日本 🇯🇵 فارسی\u{200C}ها"
        #expect(Sanitizer.sanitize(text).description == text)
    }

    @Test("placeholders are drawn in the placeholder role and never raw")
    func onCanvas() {
        var canvas = Canvas(size: Size(rows: 1, columns: 20))
        canvas.put(Sanitizer.sanitize("ok\u{1B}[2Jx"), row: 0, column: 0, role: .normal)
        #expect(canvas.textDump() == "ok␛[2Jx")
        #expect(canvas.roleDump() == "..PPPP" + String(repeating: ".", count: 14))
    }

    @Test("the canvas itself refuses raw controls in untrusted String input")
    func canvasDefence() {
        var canvas = Canvas(size: Size(rows: 1, columns: 10))
        canvas.put("a\u{1B}b\u{07}", row: 0, column: 0)
        #expect(canvas.textDump() == "a␛b␇")
    }

    @Test("the terminal writes past curses what a cell cannot hold (joined emoji, skin tones, many marks), never a control or hidden scalar")
    func overflowingGraphemeBackstop() {
        let overflows = { (grapheme: String) in NCursesTerminal.overflowsCell(grapheme, codePointsPerCell: 5) }
        #expect(overflows("👩\u{200D}💻"))
        #expect(overflows("👍\u{1F3FD}"))
        #expect(overflows("Z\u{0301}\u{0302}\u{0303}\u{0304}\u{0353}"))
        #expect(!overflows("Z\u{0301}\u{0302}\u{0303}\u{0304}"))
        #expect(!overflows("🇯🇵"))
        #expect(!overflows("a\u{200D}\u{9B}2J"))
        #expect(!overflows("a\u{200D}\u{7F}"))
        #expect(!overflows("a\u{200D}\u{202E}"))
        #expect(!overflows("e\u{0301}"))
    }
}
